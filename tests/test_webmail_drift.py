"""The committed webmail build (clients/webmail/dist) is what its source builds (`make webmail`)."""

from __future__ import annotations

import filecmp
import os
import subprocess
from pathlib import Path

WEBMAIL = Path(__file__).parent.parent / "clients" / "webmail"


def _files(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


def test_webmail_build_matches_source(tmp_path: Path) -> None:
    assert (WEBMAIL / "node_modules").is_dir(), "clients/webmail/node_modules is missing; `make test` installs it"
    out = tmp_path / "dist"
    subprocess.run(
        ["node", "build.mjs"],
        cwd=WEBMAIL,
        env={**os.environ, "WEBMAIL_OUT": str(out)},
        check=True,
        capture_output=True,
    )
    committed, rebuilt = _files(WEBMAIL / "dist"), _files(out)
    diffs = [f"only in committed: {x}" for x in sorted(committed - rebuilt)]
    diffs += [f"only in rebuilt: {x}" for x in sorted(rebuilt - committed)]
    for x in sorted(committed & rebuilt):
        if not filecmp.cmp(WEBMAIL / "dist" / x, out / x, shallow=False):
            diffs.append(f"differs: {x}")
    assert not diffs, "clients/webmail/dist is stale; run `make webmail`: " + "; ".join(diffs[:10])
