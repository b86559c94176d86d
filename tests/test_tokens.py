"""Random identifiers from the buffered pool (mta.tokens)."""

from __future__ import annotations

import os

import pytest

from mta import tokens


def test_tokens_are_never_handed_out_twice() -> None:
    seen = {tokens.token_bytes(16) for _ in range(3 * tokens.POOL // 16)}  # three pools' worth
    assert len(seen) == 3 * tokens.POOL // 16
    assert all(len(t) == 16 for t in seen)
    odd = [tokens.token_bytes(12) for _ in range(1000)]  # across pool ends too
    assert len(set(odd)) == 1000 and all(len(t) == 12 for t in odd)
    assert len(tokens.token_hex(16)) == 32
    with pytest.raises(ValueError):
        tokens.token_bytes(tokens.POOL + 1)


def test_a_forked_child_does_not_repeat_its_parent() -> None:
    tokens.token_bytes(1)  # a pool with bytes left in it
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.write(w, tokens.token_bytes(16))
        os._exit(0)
    os.close(w)
    child = os.read(r, 16)
    os.close(r)
    os.waitpid(pid, 0)
    assert child != tokens.token_bytes(16)
