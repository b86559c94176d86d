"""The mail server: store, SMTP server, and (in later layers) queue, IMAP, DKIM/SPF/DMARC.

Nothing in mta imports webhooks, api or mailwright; those layers call into it and
hand it callbacks where it needs to reach up.
"""
