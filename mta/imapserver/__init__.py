"""The IMAP server: IMAP4rev2 and IMAP4rev1 on the store, for ordinary mail clients."""

from mta.imapserver.listener import IMAPListener, start_imap_listener

__all__ = ["IMAPListener", "start_imap_listener"]
