"""The ``mailwright`` command: run the service and manage what lives in its database."""

from __future__ import annotations

import argparse
import contextlib
import getpass
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from mailwright import config as configmod
from mailwright import localserve
from mailwright.runtime import Runtime, StartError, run, run_service
from mta import log as logmod
from mta.store import Account, SchemaTooNew, Store, StoreError


class CLIError(Exception):
    pass


def _data_dir(args: argparse.Namespace) -> Path:
    if args.config:
        return Path(configmod.load(Path(args.config)).data_dir)
    if args.dir:
        return Path(args.dir)
    if args.localserve:
        return localserve.default_dir()
    raise CLIError("say where the data is: --config FILE, --dir DIR, or --localserve")


@contextlib.contextmanager
def _store(args: argparse.Namespace, *, create: bool = False) -> Iterator[Store]:
    """The store for a subcommand; opening it beside a running service is safe. Only
    commands that add domains or accounts (create) may start a new data directory:
    the others would only find it empty, and a typo in --dir would go unnoticed."""
    data_dir = _data_dir(args)
    if not create and not (data_dir / "mailwright.db").is_file():
        what = "does not exist" if not data_dir.exists() else "has no Mailwright database (mailwright.db)"
        raise CLIError(f"data directory {data_dir} {what}; give the one the service uses (--dir, --config)")
    store = Store.open(data_dir)
    try:
        yield store
    finally:
        store.close()


def _account(store: Store, name: str) -> Account:
    acc = store.account(name)
    if acc is None:
        raise CLIError(f"no account {name}")
    return acc


def _read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        pw = sys.stdin.readline().rstrip("\r\n")
    elif sys.stdin.isatty():
        pw = getpass.getpass("password: ")
        if getpass.getpass("again: ") != pw:
            raise CLIError("the passwords differ")
    else:
        raise CLIError("no terminal to ask for a password; use --password-stdin")
    if len(pw) < 8:
        raise CLIError("a password needs at least 8 characters")
    return pw


def _first_missing(path: Path) -> Path | None:
    """The outermost directory of path that does not exist yet (what mkdir -p would create)."""
    missing = None
    for p in (path, *path.parents):
        if p.exists():
            break
        missing = p
    return missing


def cmd_localserve(args: argparse.Namespace) -> int:
    logmod.setup(args.log_level)
    try:
        loopback = localserve.is_loopback(args.listen)
    except ValueError:
        raise CLIError(f"--listen {args.listen}: not an IP address (e.g. 127.0.0.1, 0.0.0.0, ::)") from None
    data_dir = (Path(args.dir) if args.dir else localserve.default_dir()).absolute()
    created = _first_missing(data_dir)
    running = False

    def started(rt: Runtime) -> None:
        nonlocal running
        running = True
        print(localserve.banner(rt, localserve.login_link(rt)), flush=True)

    try:
        cfg = localserve.prepare(data_dir, args.ports_base, listen=args.listen, fast_retries=args.fast_retries)
        if not loopback:
            print(f"mailwright: warning: listening on {args.listen}, not loopback: see the banner", file=sys.stderr)
        run_service(run(cfg, started))
    except BaseException:
        # A start that failed (a port in use, another instance) leaves no directory behind.
        if not running and created is not None:
            shutil.rmtree(created, ignore_errors=True)
        raise
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    cfg = configmod.load(Path(args.config))
    logmod.setup(cfg.log_level)
    run_service(run(cfg))
    return 0


def cmd_config_check(args: argparse.Namespace) -> int:
    cfg = configmod.load(Path(args.config))
    print(f"{args.config}: ok ({len(cfg.listeners)} listeners, data in {cfg.data_dir})")
    return 0


def cmd_domain_add(args: argparse.Namespace) -> int:
    with _store(args, create=True) as store:
        d = store.add_domain(args.name)
    print(f"domain {d.name} added")
    return 0


def cmd_domain_list(args: argparse.Namespace) -> int:
    with _store(args) as store:
        for d in store.domains():
            print(d.name)
    return 0


def cmd_account_add(args: argparse.Namespace) -> int:
    password = _read_password(args) if (args.password_stdin or sys.stdin.isatty()) else None
    with _store(args, create=True) as store:
        # One transaction: an address that is refused leaves no account behind.
        store.add_account(args.name, password, args.address or None)
    print(f"account {args.name} added" + (f" with address {args.address}" if args.address else ""))
    if password is None:
        print("no password set: set one with 'mailwright password set'")
    return 0


def cmd_address_add(args: argparse.Namespace) -> int:
    with _store(args) as store:
        addr = store.add_address(args.address, args.account)
    print(f"address {args.address if args.address.startswith('@') else addr} added to {args.account}")
    return 0


def cmd_address_list(args: argparse.Namespace) -> int:
    with _store(args) as store:
        for a in store.addresses(args.account):
            print(a)
    return 0


def cmd_alias_add(args: argparse.Namespace) -> int:
    with _store(args) as store:
        addr = store.add_alias(args.address, args.accounts)
    print(f"alias {addr} delivers to {', '.join(args.accounts)}")
    return 0


def cmd_message_list(args: argparse.Namespace) -> int:
    with _store(args) as store:
        acc = _account(store, args.account)
        boxes = {m.name.lower(): m for m in store.mailboxes(acc.id)}
        mb = boxes.get(args.mailbox.lower())
        if mb is None:
            raise CLIError(f"account {args.account} has no mailbox {args.mailbox}; it has: {', '.join(boxes)}")
        for m in store.messages(mb.id)[::-1][: args.limit]:
            when = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(m.received / 1000))
            # The From: header, as a mail client shows it (the envelope sender is in Return-Path).
            sender = ", ".join(a.addr for a in m.envelope.from_) if m.envelope and m.envelope.from_ else "(no From)"
            print(f"{m.id:>8}  uid {m.uid:<6} {when}  {m.size:>8} bytes  from {sender}  {m.subject!r}")
    return 0


def cmd_message_show(args: argparse.Namespace) -> int:
    with _store(args) as store:
        path = store.message_path(args.id)
        if not path.exists():
            raise CLIError(f"no message {args.id}")
        sys.stdout.buffer.write(path.read_bytes())
    return 0


def cmd_outbound_list(args: argparse.Namespace) -> int:
    with _store(args) as store:
        acc = _account(store, args.account) if args.account else None
        for r in store.queue.recent(acc.id if acc else None, args.limit):
            when = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(r.created / 1000))
            last = r.last_text or str(r.last_code or "")
            print(f"{r.id:>8}  {when}  {r.state:<9} attempts {r.attempts:<3} {r.recipient}  {last}")
    return 0


def cmd_apikey_add(args: argparse.Namespace) -> int:
    with _store(args) as store:
        acc = _account(store, args.account)
        scopes = list(dict.fromkeys(args.scope or ["send"]))
        _, token = store.api_keys.create(acc.id, args.name, scopes, int(time.time() * 1000))
    print(token)
    print(f"API key {args.name!r} for {args.account} with scopes {' '.join(scopes)}; shown only now", file=sys.stderr)
    return 0


def cmd_password_set(args: argparse.Namespace) -> int:
    password = _read_password(args)
    with _store(args) as store:
        store.set_password(args.account, password)
    print(f"password of {args.account} set")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="mailwright", description="Email service for applications.")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def data_opts(sp: argparse.ArgumentParser) -> None:
        g = sp.add_mutually_exclusive_group()
        g.add_argument("--config", metavar="FILE", help="the serve configuration file (its data_dir)")
        g.add_argument("--dir", metavar="DIR", help="the data directory")
        g.add_argument(
            "--localserve",
            action="store_true",
            help=f"localserve's default data directory ({localserve.default_dir()})",
        )

    sp = sub.add_parser("localserve", help="run a local development service on 127.0.0.1")
    sp.add_argument("--dir", metavar="DIR", help=f"data directory (default {localserve.default_dir()})")
    sp.add_argument(
        "--ports-base",
        type=int,
        default=localserve.DEFAULT_PORTS_BASE,
        metavar="N",
        help="listen on N+25 (SMTP), N+587 (submission), N+465 (submissions), N+80 (HTTP), "
        "N+143 (IMAP), N+993 (IMAPS); default 1000",
    )
    sp.add_argument(
        "--listen",
        default=localserve.DEFAULT_LISTEN,
        metavar="ADDR",
        help="IP address to listen on (default 127.0.0.1; 0.0.0.0 in a container or VM: "
        "anyone reaching it can use the catch-all)",
    )
    sp.add_argument(
        "--fast-retries",
        action="store_true",
        help="retry temporary failures after seconds, not minutes (delayed DSN after 5 s, give up after 1 min)",
    )
    sp.add_argument("--log-level", default="info", choices=["debug", "info", "warning", "error"])
    sp.set_defaults(fn=cmd_localserve)

    sp = sub.add_parser("serve", help="run the service as configured")
    sp.add_argument("--config", required=True, metavar="FILE", help="TOML configuration file")
    sp.set_defaults(fn=cmd_serve)

    sp = sub.add_parser("config", help="configuration file tools")
    csub = sp.add_subparsers(dest="sub", required=True, metavar="SUBCOMMAND")
    c = csub.add_parser("check", help="load a configuration file and report problems")
    c.add_argument("--config", required=True, metavar="FILE")
    c.set_defaults(fn=cmd_config_check)

    sp = sub.add_parser("domain", help="domains")
    dsub = sp.add_subparsers(dest="sub", required=True, metavar="SUBCOMMAND")
    c = dsub.add_parser("add", help="add a domain")
    c.add_argument("name")
    data_opts(c)
    c.set_defaults(fn=cmd_domain_add)
    c = dsub.add_parser("list", help="list domains")
    data_opts(c)
    c.set_defaults(fn=cmd_domain_list)

    sp = sub.add_parser("account", help="accounts")
    asub = sp.add_subparsers(dest="sub", required=True, metavar="SUBCOMMAND")
    c = asub.add_parser("add", help="add an account (asks for a password on a terminal)")
    c.add_argument("name")
    c.add_argument("--address", help="also give it this address")
    c.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    data_opts(c)
    c.set_defaults(fn=cmd_account_add)

    sp = sub.add_parser("address", help="addresses of accounts")
    adsub = sp.add_subparsers(dest="sub", required=True, metavar="SUBCOMMAND")
    c = adsub.add_parser("add", help="give an account an address (@domain: the domain's catch-all)")
    c.add_argument("address")
    c.add_argument("account")
    data_opts(c)
    c.set_defaults(fn=cmd_address_add)
    c = adsub.add_parser("list", help="an account's addresses")
    c.add_argument("account")
    data_opts(c)
    c.set_defaults(fn=cmd_address_list)

    sp = sub.add_parser("alias", help="aliases: one address, several accounts")
    alsub = sp.add_subparsers(dest="sub", required=True, metavar="SUBCOMMAND")
    c = alsub.add_parser("add", help="add an alias delivering to accounts")
    c.add_argument("address")
    c.add_argument("accounts", nargs="+")
    data_opts(c)
    c.set_defaults(fn=cmd_alias_add)

    sp = sub.add_parser("message", help="stored messages (read-only; works while the service runs)")
    msub = sp.add_subparsers(dest="sub", required=True, metavar="SUBCOMMAND")
    c = msub.add_parser("list", help="messages in an account's mailbox, newest first")
    c.add_argument("account")
    c.add_argument("mailbox", nargs="?", default="Inbox")
    c.add_argument("--limit", type=int, default=50)
    data_opts(c)
    c.set_defaults(fn=cmd_message_list)
    c = msub.add_parser("show", help="print a message as stored (RFC 5322)")
    c.add_argument("id", type=int)
    data_opts(c)
    c.set_defaults(fn=cmd_message_show)

    sp = sub.add_parser("outbound", help="the outbound queue and its history (read-only)")
    osub = sp.add_subparsers(dest="sub", required=True, metavar="SUBCOMMAND")
    c = osub.add_parser("list", help="recent outbound recipients, newest first, with state and last result")
    c.add_argument("--account", help="only this account's")
    c.add_argument("--limit", type=int, default=50)
    data_opts(c)
    c.set_defaults(fn=cmd_outbound_list)

    sp = sub.add_parser("api-key", help="API keys (the admin scope can only be given here)")
    ksub = sp.add_subparsers(dest="sub", required=True, metavar="SUBCOMMAND")
    c = ksub.add_parser("add", help="create an API key and print it")
    c.add_argument("account")
    c.add_argument("--name", default="cli")
    c.add_argument("--scope", action="append", choices=["send", "read", "manage", "admin"], help="repeatable")
    data_opts(c)
    c.set_defaults(fn=cmd_apikey_add)

    sp = sub.add_parser("password", help="passwords")
    psub = sp.add_subparsers(dest="sub", required=True, metavar="SUBCOMMAND")
    c = psub.add_parser("set", help="set an account's password (argon2id)")
    c.add_argument("account")
    c.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    data_opts(c)
    c.set_defaults(fn=cmd_password_set)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        code: int = args.fn(args)
        return code
    except (configmod.ConfigError, StartError, StoreError, CLIError, SchemaTooNew) as e:
        print(f"mailwright: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
