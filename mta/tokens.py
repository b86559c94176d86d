"""Random bytes for identifiers made on the hot paths: Message-IDs, from-ids, MIME
boundaries, webhook message ids.

They come from os.urandom, taken POOL bytes at a time. Each call of os.urandom lets
go of the interpreter lock for its system call, and taking the lock back while
another thread runs Python costs the event loop tens of microseconds; a pool makes
that one call per POOL // 16 identifiers. Secrets that protect something (salts,
nonces, API keys, signing secrets) keep calling os.urandom or secrets directly.
"""

from __future__ import annotations

import os
import threading

POOL = 4096

_lock = threading.Lock()
_pool = b""
_pos = 0


def token_bytes(n: int) -> bytes:
    """n random bytes (n <= POOL), never handed out twice."""
    global _pool, _pos
    if n > POOL:
        raise ValueError(f"at most {POOL} bytes at a time")
    with _lock:
        if _pos + n > len(_pool):
            _pool = os.urandom(POOL)
            _pos = 0
        out = _pool[_pos : _pos + n]
        _pos += n
        return out


def token_hex(n: int) -> str:
    """n random bytes as 2n lower-case hex digits."""
    return token_bytes(n).hex()


def _forget() -> None:
    """In a forked child: the parent's pool is the parent's."""
    global _pool, _pos
    _pool, _pos = b"", 0


os.register_at_fork(after_in_child=_forget)
