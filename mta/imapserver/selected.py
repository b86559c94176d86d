"""The selected mailbox of one IMAP session: its UIDs by sequence number, and the changes
made elsewhere that the client has not been told about (RFC 9051 sections 7.4, 5.2, 5.5).

The session follows the account's change log (mail_changes, in modseq order) from
the modseq it saw when it selected the mailbox. New messages become EXISTS at once;
expunges are held back while a command that uses sequence numbers (FETCH, STORE,
SEARCH) runs, and are told when the client may hear them, so the numbers it uses keep
their meaning. Flag changes made by other sessions or the API become untagged FETCH.
"""

from __future__ import annotations

import bisect

from mta.store import Store
from mta.store.types import Mailbox


class Update:
    """What to tell the client after reading the change log."""

    __slots__ = ("exists", "expunged", "flags")

    def __init__(self) -> None:
        self.exists = False
        self.expunged: list[int] = []  # UIDs, to be told now
        self.flags: list[int] = []  # UIDs whose flags changed


class Selected:
    def __init__(self, store: Store, account_id: int, mailbox: Mailbox, uids: list[int], modseq: int, readonly: bool):
        self.store = store
        self.account_id = account_id
        self.mailbox = mailbox
        self.uids = uids
        self.modseq = modseq  # the account modseq up to which changes were read
        self.readonly = readonly
        self.pending_expunge: set[int] = set()
        self.pending_flags: set[int] = set()
        self.own: set[int] = set()  # modseqs of this session's own STOREs (already answered)
        self.gone = False  # the mailbox was deleted or renamed away elsewhere
        self.keywords: list[str] = []  # keywords announced in FLAGS

    @property
    def id(self) -> int:
        return self.mailbox.id

    def seq_of(self, uid: int) -> int:
        """The sequence number of uid, 0 when it is not in the mailbox."""
        i = bisect.bisect_left(self.uids, uid)
        return i + 1 if i < len(self.uids) and self.uids[i] == uid else 0

    def poll(self) -> bool:
        """Read the change log; returns True when there is something to tell."""
        highest, floor = self.store.mail.modseqs(self.account_id)
        if highest <= self.modseq:
            return bool(self.pending_expunge or self.pending_flags)
        if floor > self.modseq:
            self._resync(highest)
            return True
        added: list[int] = []
        while True:
            changes = self.store.mail.changes(self.account_id, self.modseq)
            if not changes:
                break
            mine = self.mailbox.id
            for ch in changes:
                if ch.kind in ("new", "moved") and ch.mailbox_id == mine:
                    last = added[-1] if added else (self.uids[-1] if self.uids else 0)
                    if ch.uid > last:
                        added.append(ch.uid)
                if ch.kind == "moved" and ch.prev_mailbox_id == mine:
                    self.pending_expunge.add(ch.prev_uid)
                elif ch.kind == "expunged" and ch.mailbox_id == mine:
                    self.pending_expunge.add(ch.uid)
                elif ch.kind == "flags" and ch.mailbox_id == mine and ch.modseq not in self.own:
                    self.pending_flags.add(ch.uid)
                elif ch.kind == "mailbox_deleted" and ch.mailbox_id == mine:
                    self.gone = True
            self.modseq = changes[-1].modseq
        self.own = {m for m in self.own if m > self.modseq}
        self.uids += added
        return bool(added or self.pending_expunge or self.pending_flags)

    def _resync(self, highest: int) -> None:
        """The change log was purged past what this session read: compare UIDs instead."""
        snap = self.store.imap.snapshot(self.account_id, self.mailbox.id)
        if snap is None:
            self.gone = True
            return
        now = set(snap.uids)
        self.pending_expunge |= {u for u in self.uids if u not in now}
        last = self.uids[-1] if self.uids else 0
        self.uids += [u for u in snap.uids if u > last]
        self.pending_flags |= now
        self.modseq = snap.account_modseq

    def take(self, expunges: bool) -> Update:
        """What to tell now; expunges only when allowed."""
        up = Update()
        if expunges and self.pending_expunge:
            present = [u for u in self.pending_expunge if self.seq_of(u)]
            up.expunged = sorted(present)
            self.pending_expunge.clear()
        flags = self.pending_flags - set(up.expunged) - self.pending_expunge
        up.flags = sorted(u for u in flags if self.seq_of(u))
        self.pending_flags -= set(up.flags) | set(up.expunged)
        return up

    def remove(self, uids: list[int]) -> list[int]:
        """Take expunged UIDs out; returns their sequence numbers, highest first (the order
        in which EXPUNGE responses keep every number meaningful)."""
        seqs = sorted((s for s in (self.seq_of(u) for u in uids) if s), reverse=True)
        gone = set(uids)
        self.uids = [u for u in self.uids if u not in gone]
        self.pending_flags -= gone
        self.pending_expunge -= gone
        return seqs
