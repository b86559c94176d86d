"""The SDKs' generated code is what the committed OpenAPI contract generates (`make sdk`)."""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent
GENERATED = ROOT / "clients" / "python" / "mailwright_client" / "generated"


def _differences(a: Path, b: Path) -> list[str]:
    cmp = filecmp.dircmp(a, b, ignore=["__pycache__"])
    out = [f"only in committed: {x}" for x in cmp.left_only] + [f"only in regenerated: {x}" for x in cmp.right_only]
    out += [f"differs: {x}" for x in cmp.diff_files]
    for sub in cmp.common_dirs:
        out += _differences(a / sub, b / sub)
    return out


def test_python_sdk_matches_contract(tmp_path: Path) -> None:
    out = tmp_path / "generated"
    bindir = Path(sys.executable).parent
    subprocess.run(
        [
            str(bindir / "openapi-python-client"),
            "generate",
            "--path",
            str(ROOT / "openapi" / "openapi.json"),
            "--meta",
            "none",
            "--output-path",
            str(out),
            "--config",
            str(ROOT / "clients" / "python" / "generator.yaml"),
        ],
        check=True,
        capture_output=True,
        env={**os.environ, "PATH": f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}"},
    )
    diffs = _differences(GENERATED, out)
    assert not diffs, "clients/python is stale; run `make sdk`: " + "; ".join(diffs[:10])


TS = ROOT / "clients" / "typescript"


def test_typescript_sdk_matches_contract(tmp_path: Path) -> None:
    assert (TS / "node_modules").is_dir(), "clients/typescript/node_modules is missing; `make test` installs it"
    env = {**os.environ, "MAILWRIGHT_SDK_OUT": str(tmp_path / "generated")}
    subprocess.run(["npx", "--no-install", "openapi-ts", "--silent"], cwd=TS, env=env, check=True, capture_output=True)
    diffs = _differences(TS / "src" / "generated", tmp_path / "generated")
    assert not diffs, "clients/typescript/src is stale; run `make sdk`: " + "; ".join(diffs[:10])
    # The committed build (what `npm install ./clients/typescript` uses) is the build of src.
    subprocess.run(
        ["npx", "--no-install", "tsc", "-p", "tsconfig.json", "--outDir", str(tmp_path / "dist")],
        cwd=TS,
        check=True,
        capture_output=True,
    )
    subprocess.run(
        ["npm", "run", "--silent", "bundle"],
        cwd=TS,
        env={**os.environ, "SDK_DIST": str(tmp_path / "dist")},
        check=True,
        capture_output=True,
    )
    diffs = _differences(TS / "dist", tmp_path / "dist")
    assert not diffs, "clients/typescript/dist is stale; run `make sdk`: " + "; ".join(diffs[:10])
