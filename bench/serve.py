"""A `mailwright serve` for the figures localserve cannot give (its outbound mode is
loopback): a configuration file in a temporary directory, the data prepared with the
CLI, and every outbound message routed to an SMTP relay on 127.0.0.1 (the sink)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

DOMAIN = "bench.test"
ACCOUNT = "bench"
ADDRESS = f"{ACCOUNT}@{DOMAIN}"
PASSWORD = "bench-password"  # a throwaway account in a temporary directory
CLI = str(Path(sys.executable).parent / "mailwright")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Serve:
    """`mailwright serve --config <dir>/mailwright.toml`, HTTP on 127.0.0.1, routing all
    outbound mail to sink_port. Outbound limits are the defaults (concurrency 32,
    per_domain 4)."""

    def __init__(self, directory: Path, sink_port: int) -> None:
        self.dir = directory
        self.config = directory / "mailwright.toml"
        self.http_port = free_port()
        self.sink_port = sink_port
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    def prepare(self) -> None:
        """Write the configuration and create the domain and the account with the CLI."""
        self.dir.mkdir(parents=True, exist_ok=True)
        self.config.write_text(
            f'hostname = "mail.{DOMAIN}"\n'
            'data_dir = "data"\n'
            "\n[[listeners]]\n"
            'kind = "http"\n'
            'address = "127.0.0.1"\n'
            f"port = {self.http_port}\n"
            "\n[transports.sink]\n"
            'kind = "smtp"\n'
            'host = "127.0.0.1"\n'
            f"port = {self.sink_port}\n"
            'tls = "none"\n'
            "\n[[routes]]\n"
            'transport = "sink"\n'
        )
        conf = ["--config", str(self.config)]
        self._cli("domain", "add", DOMAIN, *conf)
        self._cli("account", "add", ACCOUNT, "--address", ADDRESS, "--password-stdin", *conf, stdin=PASSWORD)

    def _cli(self, *args: str, stdin: str = "") -> None:
        r = subprocess.run([CLI, *args], input=stdin.encode() + b"\n", capture_output=True, timeout=120)
        if r.returncode != 0:
            raise SystemExit(f"mailwright {' '.join(args)}: {r.stderr.decode(errors='replace').strip()}")

    @property
    def data_dir(self) -> Path:
        return self.dir / "data"

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [CLI, "serve", "--config", str(self.config)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        for _ in range(600):
            if self.proc.poll() is not None:
                raise SystemExit(f"mailwright serve exited with {self.proc.returncode}")
            try:
                if httpx.get(f"{self.url}/health", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        self.stop()
        raise SystemExit("mailwright serve did not start")

    def stop(self) -> None:
        """SIGTERM, as an operator's service manager stops it; the service shuts down cleanly."""
        if self.proc is None:
            return
        self.proc.terminate()
        try:
            code = self.proc.wait(60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise SystemExit("mailwright serve did not stop within 60 s of SIGTERM") from None
        finally:
            self.proc = None
        if code != 0:
            raise SystemExit(f"mailwright serve stopped with exit code {code}")
