"""A webhook receiver for tests: a real HTTP server on loopback that records every call.

Paths choose the behaviour: ``script(path, [500, 500])`` answers those statuses in
turn and then 200; ``hang(path)`` holds calls open until ``release()``.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import msgspec


class Call(msgspec.Struct):
    path: str
    headers: dict[str, str]
    body: bytes
    status: int
    at: float  # time.monotonic() when it arrived

    def json(self) -> dict[str, object]:
        out: dict[str, object] = msgspec.json.decode(self.body)
        return out


class Receiver:
    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.in_flight: defaultdict[str, int] = defaultdict(int)
        self._scripts: dict[str, list[int]] = {}
        self._hang: set[str] = set()
        self._released = threading.Event()
        self._lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                n = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(n)
                with receiver._lock:
                    receiver.in_flight[self.path] += 1
                    script = receiver._scripts.get(self.path)
                    status = script.pop(0) if script else 200
                    hang = self.path in receiver._hang
                try:
                    if hang:
                        receiver._released.wait(60)
                    with receiver._lock:
                        receiver.calls.append(
                            Call(
                                self.path,
                                {k.lower(): v for k, v in self.headers.items()},
                                body,
                                status,
                                time.monotonic(),
                            )
                        )
                    self.send_response(status)
                    self.send_header("Content-Length", "2")
                    self.end_headers()
                    self.wfile.write(b"ok")
                except OSError:
                    pass
                finally:
                    with receiver._lock:
                        receiver.in_flight[self.path] -= 1

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def script(self, path: str, statuses: list[int]) -> None:
        with self._lock:
            self._scripts[path] = list(statuses)

    def hang(self, path: str) -> None:
        self._hang.add(path)

    def release(self) -> None:
        self._released.set()

    def at(self, path: str) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.path == path]

    def start(self) -> Receiver:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.release()
        self.server.shutdown()
        self.server.server_close()
