"""Corpus pieces that decide the honesty of every figure: adjudication, grouped stratified splits."""

from __future__ import annotations

import gzip
import json
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.corpus import (
    RAW_FILES,
    Annotation,
    ParagraphRecord,
    adjudicate,
    build_corpus,
    columns,
    grouped_splits,
    read_pinned_splits,
    paragraph_records,
    read_raw,
)
from pipeline.errors import CorpusError


def _annotation(doc, h, themes, who):
    return Annotation(doc_id=doc, index=0, hash=h, kind="operative", action="urges", themes=themes, annotator=who, file="f", line=1)


def test_adjudication_replaces_only_the_decided_paragraphs():
    first = [_annotation("A", "h1", ("gender",), "b01"), _annotation("A", "h2", ("funding",), "b01")]
    decided = [_annotation("A", "h2", (), "adjudicator")]
    result = adjudicate(first, decided)
    assert [a.annotator for a in result] == ["b01", "adjudicator"]
    assert result[1].themes == ()


def _record(series, themes):
    return ParagraphRecord(
        doc_id=series, symbol=series, source="ga-pdf", year=2024, title=None, index=0, number=None, parent=None,
        kind="operative", text="x", hash="h", action="urges", action_recognized=True, series=series,
        themes=tuple(themes), theme_source="gold",
    )


def test_splits_keep_series_whole_and_give_every_split_each_theme():
    records = []
    for s in range(60):
        records += [_record(f"s{s}", ["common"])] * 5
        if s % 6 == 0:  # a rare theme, in 10 series of unequal size
            records += [_record(f"s{s}", ["rare"])] * (1 + s // 6)
    records += [_record("big", ["rare", "common"])] * 40  # one series carrying most of the rare theme
    assignment = grouped_splits(records, seed=7)
    assert set(assignment) == {r.series for r in records}
    rare = Counter(assignment[r.series] for r in records if "rare" in r.themes)
    assert set(rare) == {"train", "validation", "test"}
    assert rare["train"] > rare["validation"] and rare["train"] > rare["test"]
    assert grouped_splits(records, seed=7) == assignment  # seeded


def test_pinned_documents_keep_their_split_when_gold_is_added():
    records = []
    for s in range(60):
        records += [_record(f"s{s}", ["common"])] * 5
    drawn = grouped_splits(records, seed=7)
    pinned = {r.doc_id: drawn[r.series] for r in records}
    # more gold of a new theme in a few series: unpinned, the stratification moves series about
    more = records + [_record(f"s{s}", ["rare"]) for s in range(0, 60, 4) for _ in range(s // 4 + 1)]
    assert grouped_splits(more, seed=7) != drawn
    assert grouped_splits(more, seed=7, pinned=pinned) == drawn
    # a new series is placed by stratification; a series joined from pinned ones goes where most of
    # its pinned paragraphs are: s0 (5 pinned to test) with s1 and s2 (10 pinned to train)
    joined = [replace(r, series="s0") if r.series in ("s1", "s2") else r for r in records]
    pins = {**pinned, "s0": "test", "s1": "train", "s2": "train"}
    split = grouped_splits(joined + [_record("new", ["common"])], seed=7, pinned=pins)
    assert split["s0"] == "train" and split["new"] in ("train", "validation", "test")
    pins["s0"], pins["s1"], pins["s2"] = "train", "test", "test"
    assert grouped_splits(joined, seed=7, pinned=pins)["s0"] == "test"


def test_a_malformed_splits_file_is_one_clear_error(tmp_path):
    path = tmp_path / "splits.json"
    path.write_text(json.dumps({"documents": {"A/RES/1": "holdout"}}))
    with pytest.raises(CorpusError, match="splits.json: expected"):
        read_pinned_splits(path)
    assert read_pinned_splits(tmp_path / "none.json") is None


# --- the whole build, on a small corpus cut from the real raw files ------------------------------

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def small_raw(tmp_path_factory) -> Path:
    """The first 6 records of each raw file: real texts, a corpus that builds in seconds."""
    raw = tmp_path_factory.mktemp("raw")
    for name in RAW_FILES.values():
        with gzip.open(ROOT / "data" / "raw" / name, "rt", encoding="utf-8") as f:
            lines = [next(f) for _ in range(6)]
        with gzip.open(raw / name, "wt", encoding="utf-8") as out:
            out.writelines(lines)
    return raw


def _annotations(raw: Path, directory: Path) -> Path:
    directory.mkdir()
    records = paragraph_records(read_raw(raw, "ga-pdf")[:2])
    first, second = records[0], records[1]
    rows = [
        {"doc_id": first.doc_id, "index": first.index, "hash": first.hash, "kind": first.kind,
         "action": "recalling", "themes": ["follow_up"], "note": ""},
        {"doc_id": second.doc_id, "index": second.index, "hash": second.hash, "kind": second.kind,
         "action": "recalling", "themes": ["development", "gender"], "note": ""},
    ]
    (directory / "pass1-batch-01.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    twice = dict(rows[1], themes=["development"])
    (directory / "pass2-double-01.jsonl").write_text(json.dumps(twice) + "\n")
    return directory


def test_build_is_reproducible_typed_and_reported(small_raw, tmp_path):
    from datasets import load_from_disk

    from pipeline.cli import app
    from typer.testing import CliRunner

    annotations = _annotations(small_raw, tmp_path / "annotations")
    one = build_corpus(small_raw, annotations, tmp_path / "one")
    two = build_corpus(small_raw, annotations, tmp_path / "two")
    assert one["checksum"] == two["checksum"]
    assert one["gold_read"] == 2 and one["double_annotated"] == 1
    # the second pass dropped "gender" and kept "development": kappa 0 where they differ, undefined
    # where both passes say the same on the only paragraph
    assert one["kappa_per_theme"]["gender"] == 0.0 and one["kappa_per_theme"]["development"] is None
    # the first build with a splits file draws the split and writes it; the next keeps it
    pins = tmp_path / "splits.json"
    three = build_corpus(small_raw, annotations, tmp_path / "three", splits_path=pins)
    written = json.loads(pins.read_text())["documents"]
    assert three["checksum"] == one["checksum"] and three["pinned_documents"] == 0
    assert set(written.values()) <= {"train", "validation", "test"} and len(written) == one["documents"]
    moved = {doc: "test" for doc in written}  # pin every document to test: the build must follow,
    pins.write_text(json.dumps({"documents": moved}))  # but for one series to each empty split
    four = build_corpus(small_raw, annotations, tmp_path / "four", splits_path=pins)
    assert four["pinned_documents"] == one["documents"]
    assert four["splits"]["test"]["documents"] == one["documents"] - 2
    assert one["agreement"]["per_theme"]["development"]["f1"] == 1.0
    dataset = load_from_disk(str(tmp_path / "one" / "dataset"))
    assert set(dataset) == {"train", "validation", "test"}
    features = dataset["train"].features
    assert features["kind"].names == ["preambular", "operative"]
    assert "follow_up" in features["themes"].feature.names
    result = CliRunner().invoke(app, ["corpus", "stats", "--corpus", str(tmp_path / "one"), "--format", "json"])
    assert result.exit_code == 0
    stats = json.loads(result.output)
    for key in ("documents", "paragraphs", "gold_paragraphs", "gold_read", "double_annotated",
                "kappa_per_theme", "splits", "near_duplicate_share_test"):
        assert key in stats


def test_a_corpus_row_without_text_names_file_and_line(small_raw, tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in RAW_FILES.values():
        (raw / name).write_bytes((small_raw / name).read_bytes())
    with gzip.open(raw / RAW_FILES["sc"], "wt", encoding="utf-8") as out:
        out.write(json.dumps({"symbol": "S/RES/1 (1946)", "source": "sc", "txt": "typo"}) + "\n")
    with pytest.raises(CorpusError, match=r"sc-1946-1994-gold-text.jsonl.gz:1: expected columns .*missing text"):
        read_raw(raw, "sc")


@pytest.mark.parametrize(
    "row, message",
    [
        ({"doc_id": "A", "index": 0, "hash": "h", "kind": "operative", "action": "urges", "themes": ["no_such_theme"]},
         r"pass1-batch-09.jsonl:1: theme\(s\) not in the codebook: no_such_theme"),
        ({"doc_id": "A", "index": 0, "kind": "operative", "action": "urges", "themes": []},
         r"pass1-batch-09.jsonl:1: missing field\(s\) hash"),
    ],
)
def test_a_bad_annotation_names_file_and_line(small_raw, tmp_path, row, message):
    annotations = tmp_path / "annotations"
    annotations.mkdir()
    (annotations / "pass1-batch-09.jsonl").write_text(json.dumps(row) + "\n")
    with pytest.raises(CorpusError, match=message):
        build_corpus(small_raw, annotations, tmp_path / "out")


def test_an_annotation_whose_paragraph_changed_is_reported_not_guessed(small_raw, tmp_path):
    annotations = _annotations(small_raw, tmp_path / "annotations")
    path = annotations / "pass1-batch-01.jsonl"
    rows = [json.loads(line) for line in path.read_text().splitlines()]
    rows[0]["hash"] = "0000000000000000"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    stats = build_corpus(small_raw, annotations, tmp_path / "out")
    assert stats["gold_read"] == 1
    assert any("pass1-batch-01.jsonl:1:" in p and "re-annotate" in p for p in stats["annotation_problems"])


def test_columns_are_plain_lists_in_row_order():
    from datasets import Dataset

    rows = Dataset.from_dict({"text": ["a", "b", "c"], "kind": [0, 1, 0], "themes": [[1], [], [0, 2]]}).select([2, 0])
    texts, themes = columns(rows, "text", "themes")
    assert (texts, themes) == (["c", "a"], [[0, 2], [1]]) and type(texts) is list
