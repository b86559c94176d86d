from enum import StrEnum


class TestEventEvent(StrEnum):
    TEST = "test"

    def __str__(self) -> str:
        return str(self.value)
