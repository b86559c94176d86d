"""Figure 7, the outbound history at 1,000,000 retired recipients: the first page of
GET /v1/outbound, unfiltered and with each kind of filter, one client.

Sending a million messages through the API would take an hour, so the rows are
written straight into the stopped server's database (OutboundStore.fill_history:
one message, 95% delivered, 5% failed, recipients r0..r9999@example.org, all
carrying the metadata campaign=history); the server then starts on it and is
measured only through HTTP like every other figure.
"""

from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import urlsplit

from bench.common import Figure, rate_figure, run_for
from bench.figures import Op
from bench.http import HTTP
from mta.store import Store

FILL_DOMAIN = "example.org"


def fill(data_dir: Path, account: str, count: int) -> float:
    """Write `count` retired recipients for `account` into a stopped server's data; returns seconds."""
    start = time.perf_counter()
    store = Store.open(data_dir)
    try:
        acc = store.account(account)
        if acc is None:
            raise SystemExit(f"no account {account} in {data_dir}")
        store.queue.fill_history(acc.id, count, now_ms=int(time.time() * 1000), recipients_domain=FILL_DOMAIN)
    finally:
        store.close()
    return time.perf_counter() - start


async def history(url: str, user: str, password: str, rows: int, seconds: float, fill_note: str) -> list[Figure]:
    """The first page (50) of the history, repeated for `seconds` per filter."""
    size = f"at {rows:,} rows" if rows else "as found"
    calls: dict[str, tuple[dict[str, str], str]] = {
        "no filter": ({}, ""),
        "state=delivered": ({"state": "delivered"}, "index (account, state, id)"),
        "state=failed (5%)": ({"state": "failed"}, "index (account, state, id)"),
        f"recipient=r123@{FILL_DOMAIN}": ({"recipient": f"r123@{FILL_DOMAIN}"}, "index (account, recipient, id)"),
        "metadata campaign=history (all match)": ({"metadata": "campaign=history"}, "walked, indexed EXISTS"),
        "metadata campaign=none (none match)": ({"metadata": "campaign=none"}, "metadata index: none"),
    }
    out: list[Figure] = []
    parts = urlsplit(url)
    client = HTTP(parts.hostname or "127.0.0.1", parts.port or 80, user, password)
    try:
        for label, (params, why) in calls.items():
            found = len((await client.get("/v1/outbound", params=params)).json()["items"])

            async def make(_: int, params: dict[str, str] = params) -> Op:
                async def op() -> None:
                    r = await client.get("/v1/outbound", params=params)
                    if r.status != 200:
                        raise RuntimeError(f"/v1/outbound {params}: {r.status} {r.text[:200]}")

                return op

            count, elapsed, lat = await run_for(seconds, 1, make)
            f = rate_figure(f"Outbound history {size}, first page, {label}", count, elapsed, lat)
            f.unit = "req/s"
            f.note = "; ".join(x for x in (f"{found} items", why, fill_note if not out else "") if x)
            out.append(f)
    finally:
        await client.close()
    return out
