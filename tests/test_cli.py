"""Admin subcommands: domains, accounts, addresses, aliases and passwords in the database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from mta import credentials
from mta.smtp.address import parse_address
from mta.store import Store


def mw(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mailwright", *args], input=stdin, capture_output=True, text=True, timeout=60
    )


def test_admin_commands(tmp_path: Path) -> None:
    d = str(tmp_path / "data")
    assert mw("domain", "add", "Example.ORG", "--dir", d).returncode == 0
    r = mw(
        "account", "add", "ann", "--address", "ann@example.org", "--password-stdin", "--dir", d, stdin="s3cret-pass\n"
    )
    assert r.returncode == 0, r.stderr
    assert mw("address", "add", "@example.org", "ann", "--dir", d).returncode == 0
    assert mw("account", "add", "ben", "--password-stdin", "--dir", d, stdin="other-pass\n").returncode == 0
    assert mw("alias", "add", "all@example.org", "ann", "ben", "--dir", d).returncode == 0
    r = mw("address", "list", "ann", "--dir", d)
    assert r.stdout.split() == ["@example.org", "ann@example.org"]
    assert mw("domain", "list", "--dir", d).stdout.split() == ["example.org"]
    assert mw("password", "set", "ann", "--password-stdin", "--dir", d, stdin="new-password\n").returncode == 0

    store = Store.open(Path(d))
    try:
        login = store.login("ann@example.org")
        assert login is not None and login.password_hash is not None
        assert login.password_hash.startswith("$argon2id$")
        assert credentials.verify_password(login.password_hash, "new-password")
        assert not credentials.verify_password(login.password_hash, "s3cret-pass")
        ann = store.account("ann")
        ben = store.account("ben")
        assert ann and ben
        assert store.resolve(parse_address("all@example.org")).account_ids == (ann.id, ben.id)
        assert store.resolve(parse_address("whoever@example.org")).account_ids == (ann.id,)
        assert [m.name for m in store.mailboxes(ann.id)] == ["Archive", "Drafts", "Inbox", "Junk", "Sent", "Trash"]
    finally:
        store.close()


def test_admin_errors_are_one_line(tmp_path: Path) -> None:
    d = str(tmp_path / "data")
    mw("domain", "add", "example.org", "--dir", d)
    for args, message in [
        (("domain", "add", "example.org"), "domain example.org exists already"),
        (("domain", "add", "not a domain"), "invalid domain name"),
        (("address", "add", "x@unknown.example", "ann"), "domain unknown.example is not configured"),
        (("address", "add", "x@example.org", "nobody"), "no account nobody"),
        (("password", "set", "nobody", "--password-stdin"), "no account nobody"),
        (("password", "set", "nobody", "--password-stdin"), ""),
    ]:
        r = mw(*args, "--dir", d, stdin="long-enough-password\n")
        assert r.returncode == 1, (args, r.stdout, r.stderr)
        assert r.stderr.startswith("mailwright: ") and message in r.stderr
        assert "Traceback" not in r.stderr
    r = mw("password", "set", "x", "--password-stdin", "--dir", d, stdin="short\n")
    assert r.returncode == 1 and "at least 8 characters" in r.stderr
    r = mw("domain", "list")
    assert r.returncode == 1 and "--config FILE, --dir DIR, or --localserve" in r.stderr


def test_read_commands_refuse_a_missing_data_directory(tmp_path: Path) -> None:
    missing = tmp_path / "nonexistent"
    for args in (
        ("message", "list", "dev"),
        ("message", "show", "1"),
        ("outbound", "list"),
        ("domain", "list"),
        ("address", "list", "dev"),
        ("password", "set", "dev", "--password-stdin"),
        ("api-key", "add", "dev"),
    ):
        r = mw(*args, "--dir", str(missing), stdin="long-enough-password\n")
        assert r.returncode == 1, (args, r.stdout, r.stderr)
        assert f"data directory {missing} does not exist" in r.stderr, r.stderr
        assert not missing.exists()
    # --localserve before localserve ever ran: the same, and nothing appears in the user's data directory.
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg"), "HOME": str(tmp_path / "home")}
    r = subprocess.run(
        [sys.executable, "-m", "mailwright", "message", "list", "dev", "--localserve"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert r.returncode == 1 and "does not exist" in r.stderr and "no account" not in r.stderr, r.stderr
    assert not (tmp_path / "xdg").exists() and not (tmp_path / "home").exists()
    # A directory that is not a data directory is named as such.
    (tmp_path / "empty").mkdir()
    r = mw("domain", "list", "--dir", str(tmp_path / "empty"))
    assert r.returncode == 1 and "has no Mailwright database" in r.stderr
    assert list((tmp_path / "empty").iterdir()) == []
    # Adding a domain or an account still starts a new data directory.
    assert mw("domain", "add", "example.org", "--dir", str(missing)).returncode == 0
    assert mw("domain", "list", "--dir", str(missing)).stdout.split() == ["example.org"]


def test_account_add_is_all_or_nothing(tmp_path: Path) -> None:
    d = str(tmp_path / "data")
    assert mw("domain", "add", "example.org", "--dir", d).returncode == 0
    for address, message in [
        ("ann@unknown.example", "domain unknown.example is not configured"),
        ("not an address", "invalid address"),
    ]:
        r = mw("account", "add", "ann", "--address", address, "--password-stdin", "--dir", d, stdin="s3cret-pass\n")
        assert r.returncode == 1 and message in r.stderr, r.stderr
        store = Store.open(Path(d))
        try:
            assert store.account("ann") is None  # the refused address left no account behind
        finally:
            store.close()
    # Corrected, the same command works (no "exists already").
    r = mw(
        "account", "add", "ann", "--address", "ann@example.org", "--password-stdin", "--dir", d, stdin="s3cret-pass\n"
    )
    assert r.returncode == 0, r.stderr
