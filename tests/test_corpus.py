"""Corpus pieces that decide the honesty of every figure: adjudication, grouped stratified splits."""

from __future__ import annotations

from collections import Counter

from pipeline.corpus import Annotation, ParagraphRecord, adjudicate, grouped_splits


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
