"""Account and address lookups are remembered for a moment: a change through the same
Store is seen at once, one from another process (a second Store) within the TTL."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from mta.smtp.address import parse_address
from mta.store import Store


def test_lookups_are_remembered_briefly_and_forgotten_on_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The test's own clock: a loaded machine may take longer than the TTL between two lines.
    clock = [1000.0]
    monkeypatch.setattr("mta.store.store.time", SimpleNamespace(monotonic=lambda: clock[0]))
    store = Store.open(tmp_path / "d")
    other = Store.open(tmp_path / "d")  # the command line, beside the service
    try:
        store.add_domain("example.com")
        acc = store.add_account("a", "first password")
        assert store.login("a@example.com") is None
        assert store.resolve(parse_address("a@example.com")).kind == "unknown"
        store.add_address("a@example.com", "a")  # through this Store: seen at once
        found = store.login("a@example.com")
        assert found is not None and found.account_id == acc.id
        assert store.resolve(parse_address("a@example.com")).account_ids == (acc.id,)
        assert store.addresses("a") == ["a@example.com"]

        other.set_password("a", "second password")
        other.add_address("a2@example.com", "a")
        again = store.login("a@example.com")
        assert again is not None and again.password_hash == found.password_hash  # remembered
        assert store.addresses("a") == ["a@example.com"]
        clock[0] += 2.1  # past LOOKUP_TTL_S
        later = store.login("a@example.com")
        assert later is not None and later.password_hash != found.password_hash
        assert sorted(store.addresses("a")) == ["a2@example.com", "a@example.com"]
    finally:
        other.close()
        store.close()
