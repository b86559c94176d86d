from enum import StrEnum


class ChangeOutType(StrEnum):
    MAILBOX_CREATED = "mailbox.created"
    MAILBOX_DELETED = "mailbox.deleted"
    MAILBOX_RENAMED = "mailbox.renamed"
    MAILBOX_UPDATED = "mailbox.updated"
    MESSAGE_EXPUNGED = "message.expunged"
    MESSAGE_FLAGS = "message.flags"
    MESSAGE_MOVED = "message.moved"
    MESSAGE_NEW = "message.new"
    READY = "ready"
    RESET = "reset"

    def __str__(self) -> str:
        return str(self.value)
