"""Sequence sets: ``1:4,7,9:*`` (RFC 9051 section 9, sequence-set; RFC 5182 ``$``).

A set is kept as it was written, ranges with ``*`` unresolved, because ``*`` means
the largest number in use when the command runs (the last message's sequence
number, or the highest UID). ``$`` is the result saved by a previous SEARCH.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

STAR = -1
MAX = 2**32 - 1


class SeqSet:
    __slots__ = ("is_saved", "ranges")

    def __init__(self, ranges: list[tuple[int, int]], is_saved: bool = False) -> None:
        self.ranges = ranges  # (a, b) with STAR for *, a and b in written order
        self.is_saved = is_saved

    @classmethod
    def saved(cls) -> SeqSet:
        return cls([], is_saved=True)

    def resolved(self, largest: int) -> list[tuple[int, int]]:
        """The ranges as (low, high) with * replaced by largest (0 when empty)."""
        out = []
        for a, b in self.ranges:
            a = largest if a == STAR else a
            b = largest if b == STAR else b
            out.append((a, b) if a <= b else (b, a))
        return out

    def contains(self, n: int, largest: int) -> bool:
        return any(lo <= n <= hi for lo, hi in self.resolved(largest))

    def select_sorted(self, values: list[int]) -> list[int]:
        """The members of a sorted list of UIDs that are in the set (UID sets: * is the
        largest UID, and a range covers the UIDs between its ends whether or not they exist)."""
        if not values:
            return []
        largest = values[-1]
        picked: set[int] = set()
        for lo, hi in self.resolved(largest):
            i = bisect.bisect_left(values, lo)
            j = bisect.bisect_right(values, hi)
            picked.update(values[i:j])
        return sorted(picked)

    def indexes(self, count: int) -> list[int]:
        """Sequence numbers (1-based) in the set, for a mailbox of count messages."""
        picked: set[int] = set()
        for lo, hi in self.resolved(count):
            picked.update(range(max(lo, 1), min(hi, count) + 1))
        return sorted(picked)

    def max_number(self) -> int:
        return max((max(a, b) for a, b in self.ranges), default=0)

    def __repr__(self) -> str:
        return "$" if self.is_saved else format_ranges(self.ranges)


def parse_seqset(text: str) -> SeqSet:
    ranges = []
    for item in text.split(","):
        lo, sep, hi = item.partition(":")
        a = _num(lo)
        b = _num(hi) if sep else a
        ranges.append((a, b))
    return SeqSet(ranges)


def _num(s: str) -> int:
    if s == "*":
        return STAR
    if not s.isdigit() or len(s) > 10:
        raise ValueError(f"bad number {s!r} in sequence set")
    n = int(s)
    if n == 0 or n > MAX:
        raise ValueError("numbers in a sequence set are 1 to 4294967295")
    return n


def format_ranges(ranges: Iterable[tuple[int, int]]) -> str:
    return ",".join(
        ("*" if a == STAR else str(a)) + ("" if a == b else ":" + ("*" if b == STAR else str(b))) for a, b in ranges
    )


def compact(numbers: Iterable[int]) -> str:
    """1,2,3,5 -> "1:3,5" (for COPYUID, ESEARCH and VANISHED)."""
    out: list[tuple[int, int]] = []
    for n in sorted(set(numbers)):
        if out and out[-1][1] == n - 1:
            out[-1] = (out[-1][0], n)
        else:
            out.append((n, n))
    return format_ranges(out)


def ordered(numbers: list[int]) -> str:
    """Numbers in the order given, runs joined (COPYUID pairs source and destination by position)."""
    out: list[tuple[int, int]] = []
    for n in numbers:
        if out and out[-1][1] == n - 1:
            out[-1] = (out[-1][0], n)
        else:
            out.append((n, n))
    return format_ranges(out)
