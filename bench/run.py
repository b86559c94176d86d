"""`make bench`: start a localserve in a temporary directory (or use --host/--port... to
measure a running server), run every figure (or those --only names), write
bench/results/latest.{json,md} (only.{json,md} when --only picks a subset).

Delivery to a sink MX and the outbound history at 1 M rows need a `mailwright serve`
of their own (bench/serve.py), started after localserve has stopped.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import msgspec

from bench.common import Figure, run
from bench.delivery import Sink, delivery
from bench.figures import Target, api_send, fill_mailbox, mail_reading, smtp_receive, smtp_submission, webhooks
from bench.history import fill, history
from bench.imap import ImapTarget, imap
from bench.serve import ACCOUNT, ADDRESS, PASSWORD, Serve, free_port

ROOT = Path(__file__).parent.parent
RESULTS = ROOT / "bench" / "results"


def start_localserve(data_dir: Path) -> tuple[subprocess.Popen[bytes], int]:
    base = random.randint(20, 59) * 1000
    proc = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "mailwright"),
            "localserve",
            "--dir",
            str(data_dir),
            "--ports-base",
            str(base),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(300):
        try:
            if httpx.get(f"http://127.0.0.1:{base + 80}/health", timeout=1).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("localserve did not start")


def peak_rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return None


LOCAL_FIGURES = ("api", "submission", "receiving", "webhooks", "mailbox", "imap")  # on localserve
FIGURES = (*LOCAL_FIGURES, "delivery", "history")


async def measure(t: Target, args: argparse.Namespace) -> list[Figure]:
    only, seconds = set(args.only), args.seconds
    out: list[Figure] = []
    if "api" in only:
        out += [await api_send(t, 1, seconds), await api_send(t, 16, seconds)]
    if "submission" in only:
        out.append(await smtp_submission(t, 10, seconds))
    if "receiving" in only:
        out.append(await smtp_receive(t, 10, seconds))
    if "webhooks" in only:
        out.append(await webhooks(t, args.events))
    if "mailbox" in only and args.mailbox:
        out.append(await fill_mailbox(t, args.mailbox))
        out += await mail_reading(t, args.mailbox, seconds)
    if "imap" in only and args.imap_messages:
        out += await imap(ImapTarget(t.host, t.imap_port, t.user, t.password, args.imap_tls), args.imap_messages)
    if args.host and "history" in only and args.history:
        out += await history(t.url, t.user, t.password, 0, seconds, "the server's own history, not filled")
    return out


def measure_serve(tmp: Path, args: argparse.Namespace) -> list[Figure]:
    """The figures on a `mailwright serve` of their own: delivery to a sink MX on a fresh
    data directory; then, the server stopped, its history filled to --history rows and
    the history figures on it (the delivery figure's rows are the newest)."""
    only = set(args.only)
    run_delivery = "delivery" in only and args.deliveries > 0
    run_history = "history" in only and args.history > 0
    if not (run_delivery or run_history):
        return []
    out: list[Figure] = []
    sink_port = free_port()
    serve = Serve(tmp / "serve", sink_port)
    serve.prepare()
    delivered = 0
    if run_delivery:
        lead = 4 + args.deliveries / 200  # queueing through send/batch runs at 300-600/s here
        with Sink(sink_port) as sink:
            serve.start()
            try:
                out.append(run(delivery(serve, sink, args.deliveries, lead)))
                delivered = args.deliveries
            finally:
                serve.stop()
    if run_history:
        took = fill(serve.data_dir, ACCOUNT, args.history)
        note = f"filled {args.history:,} rows in {took:.0f} s" + (f", + {delivered:,} delivered" if delivered else "")
        print(note, file=sys.stderr)
        serve.start()
        try:
            out += run(history(serve.url, ADDRESS, PASSWORD, args.history, args.seconds, note))
            assert serve.proc is not None
            rss = peak_rss_mb(serve.proc.pid)
            if rss is not None:
                out.append(Figure(name="Peak RSS of serve after the history figures", value=rss, unit="MB"))
        finally:
            serve.stop()
    return out


def table(figures: list[Figure], meta: dict[str, str]) -> str:
    lines = [
        f"Measured {meta['time']} at commit {meta['commit']} on {meta['cores']} cores ({meta['machine']})"
        + (f", figures: {meta['only']}." if "only" in meta else "."),
        "",
        "| figure | value | target | p50 ms | p99 ms | n | note |",
        "|---|---|---|---|---|---|---|",
    ]
    for f in figures:
        p50 = "" if f.p50_ms is None else f"{f.p50_ms}"
        p99 = "" if f.p99_ms is None else f"{f.p99_ms}"
        lines.append(f"| {f.name} | {f.value} {f.unit} | {f.target} | {p50} | {p99} | {f.n} | {f.note} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--host", help="measure a running server instead of starting localserve")
    ap.add_argument("--http-port", type=int, default=1080)
    ap.add_argument("--smtp-port", type=int, default=1025)
    ap.add_argument("--submission-port", type=int, default=1587)
    ap.add_argument("--imap-port", type=int, default=1143)
    ap.add_argument("--imap-tls", action="store_true", help="implicit TLS on --imap-port (certificate not checked)")
    ap.add_argument("--user", default="dev@localhost")
    ap.add_argument("--password", default="mailwright")
    ap.add_argument("--seconds", type=float, default=5.0, help="measuring time per figure (after 1 s warm-up)")
    ap.add_argument("--events", type=int, default=1000, help="webhook events to queue and drain")
    ap.add_argument(
        "--mailbox",
        type=int,
        default=50_000,
        help="messages in the Inbox for the reading figures (0: skip)",
    )
    ap.add_argument(
        "--imap-messages",
        type=int,
        default=5000,
        help="messages APPENDed to a new mailbox for the IMAP figures (0: skip)",
    )
    ap.add_argument(
        "--deliveries",
        type=int,
        default=10000,
        help="messages queued for the delivery figure (0: skip it)",
    )
    ap.add_argument(
        "--history",
        type=int,
        default=1_000_000,
        help="retired recipients written into the history for its figures (0: skip them)",
    )
    ap.add_argument(
        "--only",
        nargs="+",
        choices=FIGURES,
        default=list(FIGURES),
        metavar="FIGURE",
        help=f"run only these figures, of: {' '.join(FIGURES)}",
    )
    args = ap.parse_args()

    proc = None
    t: Target | None = None
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory() as tmp:
        if not args.host and not set(args.only) & set(LOCAL_FIGURES):
            pass  # only the serve figures: no localserve
        elif args.host:
            t = Target(
                args.host,
                args.http_port,
                args.smtp_port,
                args.submission_port,
                args.imap_port,
                args.user,
                args.password,
            )
        else:
            proc, base = start_localserve(Path(tmp) / "data")
            t = Target("127.0.0.1", base + 80, base + 25, base + 587, base + 143, args.user, args.password)
        if t is not None:
            try:
                started = time.perf_counter()
                figures = run(measure(t, args))
                print(f"measured in {time.perf_counter() - started:.0f} s", file=sys.stderr)
                if proc is not None:
                    rss = peak_rss_mb(proc.pid)
                    if rss is not None:
                        figures.append(Figure(name="Peak RSS of the server", value=rss, unit="MB"))
            finally:
                if proc is not None:
                    proc.terminate()
                    try:
                        proc.wait(60)
                    except subprocess.TimeoutExpired:  # never leave it running beside the next figures
                        proc.kill()
                        proc.wait()
                        print("localserve did not stop within 60 s of SIGTERM; killed", file=sys.stderr)
        if args.host:
            if "delivery" in args.only:
                print("delivery: skipped with --host (it needs a serve of its own)", file=sys.stderr)
        else:
            started = time.perf_counter()
            served = measure_serve(Path(tmp), args)
            if served:
                print(f"serve figures measured in {time.perf_counter() - started:.0f} s", file=sys.stderr)
            figures += served
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout
    meta = {
        "time": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "commit": commit.strip() or "unknown",
        "cores": str(os.cpu_count()),
        "machine": f"{platform.machine()}, Python {platform.python_version()}",
    }
    if set(args.only) != set(FIGURES):
        meta["only"] = " ".join(args.only)
    name = "latest" if "only" not in meta else "only"  # a subset does not replace the full results
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{name}.json").write_bytes(
        msgspec.json.format(msgspec.json.encode({"meta": meta, "figures": figures}), indent=2)
    )
    md = table(figures, meta)
    (RESULTS / f"{name}.md").write_text(md)
    print(md)


if __name__ == "__main__":
    main()
