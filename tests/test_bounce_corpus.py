"""A real-world bounce corpus we did not write (tests/data/bounces/flufl, from flufl.bounce):
how many yield the right failed recipients and the right permanent/temporary class."""

from __future__ import annotations

import json
from pathlib import Path

from mta.dsn import parse_report
from mta.dsn.classify import from_report, heuristic

CORPUS = Path(__file__).parent / "data" / "bounces" / "flufl"


def classify(data: bytes) -> dict[str, str]:
    """What the bounce handler concludes: RFC 3464 first, the heuristics otherwise."""
    report = parse_report(data)
    failures = from_report(report) if report.kind == "dsn" and report.recipients else heuristic(data)
    return {f.recipient: f.kind for f in failures}


def test_corpus_at_least_90_percent() -> None:
    expected: dict[str, dict[str, str]] = json.loads((CORPUS / "expected.json").read_text())
    wrong = {}
    for name, want in expected.items():
        got = classify((CORPUS / name).read_bytes())
        if got != want:
            wrong[name] = (want, got)
    right = len(expected) - len(wrong)
    print(f"bounce corpus: {right}/{len(expected)} = {right / len(expected):.1%} right; wrong: {sorted(wrong)}")
    assert len(expected) >= 100
    assert right / len(expected) >= 0.9, wrong
