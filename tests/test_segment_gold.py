"""The segmenter against the hand-checked gold set (tests/fixtures/segmentation, 31 documents)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.evaluate import segmentation_gold, segmentation_scores, segmentation_summary

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "fixtures" / "segmentation"


@pytest.fixture(scope="module")
def scores():
    documents = segmentation_gold(GOLD, raw_dir=ROOT / "data" / "raw", root=ROOT)
    return {name: segmentation_scores(gold, predicted) for name, gold, predicted in documents}


def test_the_gold_set_covers_every_source(scores):
    import json

    sources = {json.loads(p.read_text())["source"].get("raw", "file") for p in GOLD.glob("*.json")}
    assert len(scores) >= 25
    assert {"ga-pdf", "ga-markdown", "sc", "sc-drafts", "file"} <= sources


def test_boundaries_kinds_and_numbers_reach_099(scores):
    summary = segmentation_summary(scores)
    failing = {name: (c["missed"], c["spurious"]) for name, c in scores.items() if c["missed"] or c["spurious"]}
    assert summary["boundary_f1"] >= 0.99, failing
    assert summary["kind_accuracy"] >= 0.99
    assert summary["number_accuracy"] >= 0.99


def test_scoring_counts_a_glued_paragraph_as_two_misses_and_one_spurious():
    gold = [
        {"kind": "preambular", "number": None, "text": "Recalling its resolution 1,"},
        {"kind": "preambular", "number": None, "text": "Noting the report,"},
    ]
    predicted = [{"kind": "preambular", "number": None, "text": "Recalling its resolution 1, Noting the report,"}]
    counts = segmentation_scores(gold, predicted)
    assert counts["matched"] == 0 and len(counts["missed"]) == 2 and len(counts["spurious"]) == 1
    assert segmentation_scores(gold, gold)["matched"] == 2
