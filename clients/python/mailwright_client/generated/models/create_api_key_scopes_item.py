from enum import StrEnum


class CreateAPIKeyScopesItem(StrEnum):
    ADMIN = "admin"
    MANAGE = "manage"
    READ = "read"
    SEND = "send"

    def __str__(self) -> str:
        return str(self.value)
