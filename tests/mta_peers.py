"""Real MTAs as peers in tests: Debian's Exim, Postfix and Sendmail, run from unpacked packages.

The packages are downloaded with `apt-get download` and unpacked with `dpkg -x` under
a folder of their own (`python -m tests.mta_peers unpack DIR`, which `make test` runs
when it is root and apt-get is there); nothing is installed on the system. Each MTA
runs as root with its own configuration and spool in a fresh folder, listening on one
loopback port and relaying each domain of `routes` to 127.0.0.1 at that domain's port.
It runs in a private mount namespace (`unshare -m`) whose /etc/passwd and /etc/group
carry the users the packages expect (Debian-exim, postfix, postdrop), so the system's
files are not touched either; there /etc/resolv.conf names no reachable server, so a
DNS lookup (Sendmail's of its own name) fails at once instead of timing out.

Used by tests/test_bounces_live.py and by tests/data/bounces/real/make_real_dsns.py,
which writes the DSN fixtures.
"""

from __future__ import annotations

import itertools
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

DEFAULT_DIR = Path(__file__).resolve().parent.parent / ".venv" / "mta-peers"
PACKAGES = {
    "exim": ["exim4-daemon-light", "exim4-base", "exim4-config", "libidn12"],
    "postfix": ["postfix"],
    "sendmail": ["sendmail-bin", "sendmail-base", "sendmail-cf", "liblockfile1", "libwrap0", "m4"],
}
USERS = {"Debian-exim": 64990, "postfix": 64991}
GROUPS = {"Debian-exim": 64990, "postfix": 64991, "postdrop": 64992}
MTAS = tuple(PACKAGES)


def _run(*cmd: str, cwd: Path | None = None) -> str:
    return subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=cwd).stdout


def unpack(base: Path) -> None:
    """Download (once) and unpack every MTA's packages under base."""
    debs = base / "debs"
    debs.mkdir(parents=True, exist_ok=True)
    for mta, packages in PACKAGES.items():
        root = base / mta
        for pkg in packages:
            if not list(debs.glob(f"{pkg}_*.deb")):
                try:
                    _run("apt-get", "download", "-q", pkg, cwd=debs)
                except subprocess.CalledProcessError:  # no package lists yet on a fresh machine
                    _run("apt-get", "update", "-qq")
                    _run("apt-get", "download", "-q", pkg, cwd=debs)
            [deb] = debs.glob(f"{pkg}_*.deb")
            mark = root / ".unpacked" / deb.name
            if not mark.exists():
                _run("dpkg", "-x", str(deb), str(root))
                mark.parent.mkdir(exist_ok=True)
                mark.touch()


def version(base: Path, mta: str) -> str:
    """The producer line of an unpacked MTA, as "Exim 4.96-15+deb12u11 (Debian exim4-daemon-light)"."""
    pkg = PACKAGES[mta][0]
    [deb] = (base / "debs").glob(f"{pkg}_*.deb")
    name = {"exim": "Exim", "postfix": "Postfix", "sendmail": "Sendmail"}[mta]
    return f"{name} {_run('dpkg-deb', '-f', str(deb), 'Version').strip()} (Debian {pkg})"


def unavailable(base: Path = DEFAULT_DIR) -> str:
    """Why the MTAs cannot run here, or "" when they can."""
    if os.geteuid() != 0:
        return "the MTAs start as root"
    if shutil.which("unshare") is None:
        return "unshare (util-linux) is missing"
    for mta, packages in PACKAGES.items():
        if not all(list((base / mta / ".unpacked").glob(f"{p}_*.deb")) for p in packages):
            return f"{mta} is not unpacked under {base} (make test does it: python -m tests.mta_peers unpack)"
    return ""


def _identities(run: Path) -> tuple[Path, Path]:
    passwd, group = run / "passwd", run / "group"
    lines = Path("/etc/passwd").read_text().splitlines()
    lines += [f"{u}:x:{uid}:{uid}::/nonexistent:/usr/sbin/nologin" for u, uid in USERS.items()]
    passwd.write_text("\n".join(lines) + "\n")
    glines = Path("/etc/group").read_text().splitlines()
    glines += [f"{g}:x:{gid}:" for g, gid in GROUPS.items()]
    group.write_text("\n".join(glines) + "\n")
    return passwd, group


def _start(run: Path, argv: list[str], port: int) -> subprocess.Popen[bytes]:
    passwd, group = _identities(run)
    (run / "resolv.conf").write_text("nameserver 127.0.0.1\n")
    # Sendmail waits a minute at start when its host name has no domain.
    host = socket.gethostname().partition(".")[0]
    (run / "hosts").write_text(f"127.0.0.1 localhost\n127.0.1.1 {host}.mta-peer.test {host}\n")
    binds = {
        passwd: "/etc/passwd",
        group: "/etc/group",
        run / "resolv.conf": "/etc/resolv.conf",
        run / "hosts": "/etc/hosts",
    }
    script = " && ".join(f"mount --bind {src} {dst}" for src, dst in binds.items()) + ' && exec "$@"'
    with (run / "stderr").open("wb") as log:
        proc = subprocess.Popen(
            ["unshare", "-m", "sh", "-c", script, "sh", *argv], start_new_session=True, stdout=log, stderr=log
        )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{argv[0]} exited with {proc.returncode}: {(run / 'stderr').read_text()[-2000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return proc
        except OSError:
            time.sleep(0.05)
    _stop(proc)
    raise RuntimeError(f"{argv[0]} does not listen on {port}")


def _stop(proc: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


@contextmanager
def _run_dir(mta: str) -> Iterator[Path]:
    # Not under pytest's 0700 tmp folders: Exim and Postfix deliver as their own users.
    run = Path(tempfile.mkdtemp(prefix=f"mta-peer-{mta}-"))
    run.chmod(0o755)
    try:
        yield run
    finally:
        shutil.rmtree(run, ignore_errors=True)


def _exim_config(root: Path, run: Path, routes: dict[str, int]) -> Path:
    spool, logs = run / "spool", run / "log"
    for d in (spool, logs):
        d.mkdir()
        os.chown(d, USERS["Debian-exim"], GROUPS["Debian-exim"])
    # Exim executes itself again for each delivery and bounce: a wrapper gives the
    # unpacked binary its unpacked library every time, and without the setuid bit
    # (which makes the loader ignore LD_LIBRARY_PATH) it keeps the daemon's identity.
    binary = root / "usr/sbin/exim4"
    binary.chmod(0o755)
    wrapper = run / "exim4"
    wrapper.write_text(f'#!/bin/sh\nLD_LIBRARY_PATH={root}/usr/lib/x86_64-linux-gnu exec {binary} "$@"\n')
    wrapper.chmod(0o755)
    routers = "".join(
        f"to_{i}:\n  driver = manualroute\n  domains = {domain}\n  route_list = * 127.0.0.1\n"
        f"  self = send\n  transport = to_{i}\n"
        for i, domain in enumerate(routes)
    )
    transports = "".join(
        f"to_{i}:\n  driver = smtp\n  port = {port}\n  allow_localhost\n  hosts_avoid_tls = *\n"
        for i, port in enumerate(routes.values())
    )
    conf = run / "exim.conf"
    conf.write_text(f"""\
primary_hostname = exim.mta-peer.test
exim_path = {wrapper}
exim_user = Debian-exim
exim_group = Debian-exim
spool_directory = {spool}
log_file_path = {logs}/%slog
keep_environment =
local_interfaces = 127.0.0.1
host_lookup =
rfc1413_hosts =
tls_advertise_hosts =
smtputf8_advertise_hosts = *
dsn_advertise_hosts = *
acl_smtp_rcpt = acl_check_rcpt

begin acl
acl_check_rcpt:
  accept hosts = 127.0.0.1

begin routers
{routers}
begin transports
{transports}
begin retry
* * F,10m,1m
""")
    return conf


_POSTFIX_MASTER = """\
127.0.0.1:{port} inet n - n - - smtpd
pickup    unix  n - n 60 1 pickup
cleanup   unix  n - n - 0 cleanup
qmgr      unix  n - n 300 1 qmgr
rewrite   unix  - - n - - trivial-rewrite
bounce    unix  - - n - 0 bounce
defer     unix  - - n - 0 bounce
trace     unix  - - n - 0 bounce
verify    unix  - - n - 1 verify
flush     unix  n - n 1000? 0 flush
proxymap  unix  - - n - - proxymap
smtp      unix  - - n - - smtp
relay     unix  - - n - - smtp
showq     unix  n - n - - showq
error     unix  - - n - - error
retry     unix  - - n - - error
discard   unix  - - n - - discard
anvil     unix  - - n - 1 anvil
scache    unix  - - n - 1 scache
postlog   unix-dgram n - n - 1 postlogd
"""


def _postfix_config(root: Path, run: Path, port: int, routes: dict[str, int]) -> Path:
    cfg, queue = run / "etc", run / "queue"
    cfg.mkdir()
    queue.mkdir()
    owner, postdrop = USERS["postfix"], GROUPS["postdrop"]
    dirs = {"maildrop": (owner, postdrop, 0o730), "public": (owner, postdrop, 0o710), "pid": (0, 0, 0o755)}
    for d in ("active", "bounce", "corrupt", "data", "defer", "deferred", "flush", "hold", "incoming", "private"):
        dirs[d] = (owner, owner, 0o700)
    for d, (uid, gid, mode) in dirs.items():
        (queue / d).mkdir()
        os.chown(queue / d, uid, gid)
        (queue / d).chmod(mode)
    libs = root / "usr/lib/postfix"
    transport = ", ".join(f"{domain}=smtp:[127.0.0.1]:{p}" for domain, p in routes.items())
    (cfg / "main.cf").write_text(f"""\
compatibility_level = 3.6
config_directory = {cfg}
queue_directory = {queue}
data_directory = {queue}/data
daemon_directory = {libs}/sbin
command_directory = {root}/usr/sbin
shlib_directory = {libs}
meta_directory = {root}/etc/postfix
mail_owner = postfix
setgid_group = postdrop
myhostname = postfix.mta-peer.test
mydomain = mta-peer.test
mydestination =
alias_maps =
alias_database =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtpd_relay_restrictions = permit_mynetworks, reject
smtputf8_enable = yes
smtp_tls_security_level = none
smtpd_tls_security_level = none
transport_maps = inline:{{ {transport} }}
import_environment = MAIL_CONFIG MAIL_DEBUG MAIL_LOGTAG TZ LANG=C LD_LIBRARY_PATH={libs}
maillog_file = {run}/maillog
maillog_file_prefixes = {run}
biff = no
""")
    (cfg / "master.cf").write_text(_POSTFIX_MASTER.format(port=port))
    return cfg


# Sendmail routes each domain with a mailer of its own, since a mailer has one port.
_SENDMAIL_MAILERS = [("esmtp", "ESMTP"), ("relay", "RELAY"), ("smtp8", "SMTP8"), ("dsmtp", "DSMTP")]


def _sendmail_config(root: Path, run: Path, port: int, routes: dict[str, int]) -> Path:
    (run / "mqueue").mkdir(mode=0o700)
    (run / "service.switch").write_text("hosts files\naliases files\n")
    assert len(routes) <= len(_SENDMAIL_MAILERS)
    mailers = list(zip(_SENDMAIL_MAILERS[: len(routes)], routes.items(), strict=True))
    args = "".join(f"define(`{macro}_MAILER_ARGS', `TCP $h {p}')dnl\n" for (_, macro), (_, p) in mailers)
    rules = "".join(
        f"R$* < @ {domain} $* > $*\t$#{mailer} $@ [127.0.0.1] $: $1 < @ {domain} $2 > $3\n"
        for (mailer, _), (domain, _) in mailers
    )
    share = root / "usr/share/sendmail/cf"
    mc = run / "sendmail.mc"
    mc.write_text(f"""\
divert(-1)
include(`{share}/m4/cf.m4')
divert(0)dnl
OSTYPE(`linux')dnl
define(`confDONT_PROBE_INTERFACES', `True')dnl
define(`confSERVICE_SWITCH_FILE', `{run}/service.switch')dnl
define(`confHOSTS_FILE', `{run}/hosts')dnl
define(`confDOMAIN_NAME', `sendmail.mta-peer.test')dnl
define(`QUEUE_DIR', `{run}/mqueue')dnl
define(`ALIAS_FILE', `')dnl
define(`STATUS_FILE', `{run}/statistics')dnl
define(`confPID_FILE', `{run}/sendmail.pid')dnl
define(`confDONT_BLAME_SENDMAIL', `GroupWritableDirPathSafe,NonRootSafeAddr')dnl
define(`confDEF_USER_ID', `65534:65534')dnl
{args}FEATURE(`nocanonify')dnl
FEATURE(`promiscuous_relay')dnl
FEATURE(`accept_unresolvable_domains')dnl
DAEMON_OPTIONS(`Port={port}, Addr=127.0.0.1, Name=MTA')dnl
MAILER(`local')dnl
MAILER(`smtp')dnl
LOCAL_RULE_0
{rules}""")
    cf = run / "sendmail.cf"
    with cf.open("w") as out:
        subprocess.run([str(root / "usr/bin/m4"), str(mc)], check=True, stdout=out, stderr=subprocess.DEVNULL)
    return cf


def delivered(run: Path, mta: str, address: str) -> bool:
    """Whether the MTA's log says it delivered a message to address (accepted with 250)."""
    if mta == "sendmail":  # its SMTP trace (-X): the RCPT, then 250 to the end of the data
        trace = run / "trace"
        said_by = [ln.partition(" ") for ln in trace.read_text(errors="replace").splitlines()] if trace.exists() else []
        for pid in {p for p, _, text in said_by if text.lower() == f">>> rcpt to:<{address}>".lower()}:
            said = [text for p, _, text in said_by if p == pid]
            if any(a == ">>> ." and b.startswith("<<< 250") for a, b in itertools.pairwise(said)):
                return True
        return False
    if mta == "exim":
        log = run / "log" / "mainlog"
        lines = log.read_text(errors="replace").splitlines() if log.exists() else []
        return any(f"=> {address} " in line for line in lines)
    log = run / "maillog"
    lines = log.read_text(errors="replace").splitlines() if log.exists() else []
    return any(f"to=<{address}>" in line and "status=sent" in line for line in lines)


@contextmanager
def running(mta: str, port: int, routes: dict[str, int], base: Path = DEFAULT_DIR) -> Iterator[Path]:
    """Exim or Postfix listening on 127.0.0.1:port, relaying each domain of routes to
    127.0.0.1 at its port; yields its run folder (logs in stderr, log/, maillog)."""
    root = base / mta
    with _run_dir(mta) as run:
        if mta == "exim":
            conf = _exim_config(root, run, routes)
            proc = _start(run, [str(run / "exim4"), "-C", str(conf), "-bdf", "-oX", str(port)], port)
        elif mta == "sendmail":
            cf = _sendmail_config(root, run, port, routes)
            binary = root / "usr/libexec/sendmail/sendmail"
            binary.chmod(0o755)  # not setgid: the loader would ignore LD_LIBRARY_PATH
            libs = root / "usr/lib/x86_64-linux-gnu"
            argv = ["env", f"LD_LIBRARY_PATH={libs}", str(binary), "-C", str(cf), "-bD", "-X", str(run / "trace")]
            proc = _start(run, argv, port)
        else:
            cfg = _postfix_config(root, run, port, routes)
            libs = root / "usr/lib/postfix"
            argv = ["env", f"LD_LIBRARY_PATH={libs}", str(libs / "sbin/master"), "-c", str(cfg), "-d"]
            proc = _start(run, argv, port)
        try:
            yield run
        finally:
            _stop(proc)


if __name__ == "__main__":
    if sys.argv[1:2] != ["unpack"]:
        sys.exit("usage: python -m tests.mta_peers unpack [DIR]")
    unpack(Path(sys.argv[2]) if len(sys.argv) > 2 else DEFAULT_DIR)
