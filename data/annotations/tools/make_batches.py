"""Make annotation batches of whole documents that hold no gold paragraph yet.

Used for batches 16-23 (session 3). Documents are drawn, seeded, from series without any gold
paragraph: half weighted toward the codebook's arms, crime and WMD keywords (so the rare themes
get examples from new series), half uniformly at random (so the model also sees the rest). A
paragraph whose text already has gold is left out: the corpus build carries its labels.

    python data/annotations/tools/make_batches.py --first 16 --batches 8 --size 250

With --train-documents (batches 53-55, sixth session): documents of the train split without any
gold paragraph, also in series that have gold elsewhere; the learning curve on validation still
rose with more train series (benchmarks/learning_curve.py).

With --keyword-themes (batches 60-64, seventh session): single paragraphs of train documents,
not whole documents, that match the codebook keywords of the named rare themes, repeat no gold
paragraph (same or nearly the same text) and no other chosen paragraph, at most --per-theme per
theme. The keywords only choose what is read: a keyword hit that is not about the theme ("transfer
of technology") is read and labelled like any other paragraph, so the batches give the model
negatives as well as positives. Test and validation are never drawn from.

    python data/annotations/tools/make_batches.py --first 60 --batches 5 \
        --keyword-themes border_control,stockpile_management,transfer_controls --per-theme 300

With --documents (batches 81-88, tenth session): the named train documents, whole, less the
paragraphs that already have gold: annexed texts (a convention, declarations, guidelines) whose
openings the codebook's rules mostly do not know, chosen from the train split only. A document
with more than --size such paragraphs is cut into runs of consecutive paragraphs.

    python data/annotations/tools/make_batches.py --first 81 --batches 3 \
        --documents A/RES/80/162,A/RES/80/5,A/RES/80/119,A/80/L.34

With --uncertain MODEL (batches 65-80, seventh session; 89-96, eleventh, `--size 160`): single train paragraphs without gold,
repeating no gold paragraph nor each other, on which a model fitted on train only (`clauses train
--no-refit`) is least sure: the smallest distance, over the themes, between a theme's probability
and its threshold (in log-odds; tuned on validation until the eighth session, 0.5 since). At most --per-document from one document, so that a long
text does not fill the batches. The model only chooses what is read; annotators label as always.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections import defaultdict
from pathlib import Path

from datasets import load_from_disk

from pipeline.codebook import load_codebook
from pipeline.corpus import near_duplicate_pairs, read_all_raw, repeated, text_hash

ROOT = Path(__file__).resolve().parents[3]
GOLD = {"gold", "carried"}
FOCUS = ("firearms", "ammunition", "tracing", "marking", "record_keeping", "border_control", "transfer_controls",
         "stockpile_management", "wmd", "arms_control", "terrorism", "organized_crime", "law_enforcement")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--first", type=int, required=True)
    parser.add_argument("--batches", type=int, default=8)
    parser.add_argument("--size", type=int, default=250)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--max-paragraphs", type=int, default=70)
    parser.add_argument(
        "--train-documents", action="store_true",
        help="draw documents of the train split that hold no gold paragraph, also in series that have some",
    )
    parser.add_argument(
        "--keyword-themes", help="comma-separated themes: draw single train paragraphs that match their keywords"
    )
    parser.add_argument("--per-theme", type=int, default=300, help="with --keyword-themes: at most this many per theme")
    parser.add_argument("--uncertain", type=Path, help="a train-only model directory: draw the train paragraphs it is least sure of")
    parser.add_argument("--per-document", type=int, default=12, help="with --uncertain: at most this many from one document")
    parser.add_argument("--documents", help="comma-separated train documents: their paragraphs without gold")
    args = parser.parse_args()

    dataset = load_from_disk(str(ROOT / "data/corpus/dataset"))
    kinds = dataset["train"].features["kind"].names
    titles = {d.doc_id: d.title for d in read_all_raw(ROOT / "data/raw")}
    docs: dict[str, list[dict]] = defaultdict(list)
    series_gold: set[str] = set()
    gold_hashes: set[str] = set()
    docs_gold: set[str] = set()
    train_docs: set[str] = set(dataset["train"]["doc_id"])
    for split in dataset:
        for row in dataset[split].to_list():  # one conversion, not a fetch per row
            row["hash"] = text_hash(row["text"])
            docs[row["doc_id"]].append(row)
            if row["theme_source"] in GOLD:
                series_gold.add(row["series"])
                gold_hashes.add(row["hash"])
                docs_gold.add(row["doc_id"])
    codebook_keywords = load_codebook(ROOT / "data/codebook.toml").keywords
    if args.uncertain:
        chosen = uncertain_paragraphs(dataset, docs, args.uncertain, args.batches * args.size, args.per_document)
        write_batches(chosen, args.first, args.batches, kinds, titles, random.Random(args.seed))
        return
    if args.documents:
        named = args.documents.split(",")
        outside = [d for d in named if d not in train_docs]
        if outside:
            parser.error(f"not documents of the train split: {', '.join(outside)}")
        chosen = []
        for doc_id in named:
            rows = sorted(docs[doc_id], key=lambda r: r["index"])
            todo = [r for r in rows if r["hash"] not in gold_hashes]
            # a long text is cut into runs of at most --size paragraphs, each read in its order
            parts = -(-len(todo) // args.size)
            chosen.extend((doc_id, rows, todo[k * len(todo) // parts : (k + 1) * len(todo) // parts]) for k in range(parts))
        write_batches(chosen, args.first, args.batches, kinds, titles, random.Random(args.seed))
        return
    if args.keyword_themes:
        themes = args.keyword_themes.split(",")
        unknown = [t for t in themes if t not in codebook_keywords]
        if unknown:
            parser.error(f"no codebook keywords for {', '.join(unknown)}")
        chosen = keyword_paragraphs(dataset, docs, {t: codebook_keywords[t] for t in themes}, args.per_theme, args.seed)
        write_batches(chosen, args.first, args.batches, kinds, titles, random.Random(args.seed))
        return
    keywords = {t: re.compile(p, re.IGNORECASE) for t, p in codebook_keywords.items() if t in FOCUS}
    candidates = []
    seen_series: set[str] = set()
    for doc_id in sorted(docs):
        rows = sorted(docs[doc_id], key=lambda r: r["index"])
        series = rows[0]["series"]
        if args.train_documents:
            drawn = doc_id in train_docs and doc_id not in docs_gold
        else:
            drawn = series not in series_gold
        if not drawn or series in seen_series or not 6 <= len(rows) <= args.max_paragraphs:
            continue
        seen_series.add(series)  # one document per series: the others are near-duplicates
        focus = sum(any(k.search(r["text"]) for k in keywords.values()) for r in rows) / len(rows)
        candidates.append((doc_id, rows, focus))
    rng = random.Random(args.seed)
    rng.shuffle(candidates)
    by_focus = sorted(candidates, key=lambda c: -c[2])
    total = args.batches * args.size
    chosen, taken, used = [], 0, set()
    focused, uniform = iter(by_focus), iter(candidates)
    while taken < total:
        source = focused if len(chosen) % 2 == 0 else uniform
        for doc_id, rows, _ in source:
            if doc_id not in used:
                break
        else:
            break
        used.add(doc_id)
        todo = [r for r in rows if r["hash"] not in gold_hashes]
        if todo:
            chosen.append((doc_id, rows, todo))
            taken += len(todo)
    write_batches(chosen, args.first, args.batches, kinds, titles, rng)


def _pool(dataset, docs: dict[str, list[dict]], keep=None) -> list[dict]:
    """Train paragraphs without gold that repeat no gold paragraph (same or nearly the same text),
    pass ``keep`` and repeat no other paragraph so kept."""
    gold = [r["text"] for rows in docs.values() for r in rows if r["theme_source"] in GOLD]
    train = set(dataset["train"]["doc_id"])
    pool = [r for d in sorted(docs) if d in train for r in docs[d] if r["theme_source"] not in GOLD]
    seen = repeated(gold, [r["text"] for r in pool])
    pool = [r for i, r in enumerate(pool) if i not in seen and (keep is None or keep(r))]
    twins = {j for _, j in near_duplicate_pairs([r["text"] for r in pool])}
    hashes: set[str] = set()
    return [r for i, r in enumerate(pool) if i not in twins and not (r["hash"] in hashes or hashes.add(r["hash"]))]


def _by_document(docs: dict[str, list[dict]], taken: list[dict]) -> list:
    chosen: dict[str, list[dict]] = defaultdict(list)
    for r in taken:
        chosen[r["doc_id"]].append(r)
    return [(d, sorted(docs[d], key=lambda r: r["index"]), sorted(todo, key=lambda r: r["index"])) for d, todo in sorted(chosen.items())]


def uncertain_paragraphs(dataset, docs: dict[str, list[dict]], model_dir: Path, total: int, per_document: int) -> list:
    """(doc_id, rows, todo) for the ``total`` pool paragraphs the model is least sure of."""
    import numpy as np

    from pipeline.bundle import load
    from pipeline.train import theme_probabilities

    fitted, _ = load(model_dir)
    if "validation" in fitted.info.get("fitted_on", ["train"]):
        raise SystemExit("the model was fitted on validation too: its thresholds would not be held out (use clauses train --no-refit)")
    pool = _pool(dataset, docs)
    probabilities = np.clip(theme_probabilities(fitted, [r["text"] for r in pool], [r["title"] for r in pool]), 1e-6, 1 - 1e-6)
    cuts = np.clip(np.array([fitted.thresholds[t] for t in fitted.theme_names]), 1e-6, 1 - 1e-6)
    distance = np.abs(np.log(probabilities / (1 - probabilities)) - np.log(cuts / (1 - cuts))).min(axis=1)
    taken, per_doc = [], defaultdict(int)
    for i in np.argsort(distance, kind="stable"):
        r = pool[i]
        if per_doc[r["doc_id"]] < per_document:
            per_doc[r["doc_id"]] += 1
            taken.append(r)
            if len(taken) == total:
                break
    return _by_document(docs, taken)


def keyword_paragraphs(dataset, docs: dict[str, list[dict]], keywords: dict[str, str], per_theme: int, seed: int) -> list:
    """(doc_id, rows, todo) for train paragraphs without gold that match a theme's keywords, at
    most ``per_theme`` for each theme (rarest themes first), none repeating gold or each other."""
    patterns = {t: re.compile(p, re.IGNORECASE) for t, p in keywords.items()}
    pool = _pool(dataset, docs, keep=lambda r: any(p.search(r["text"]) for p in patterns.values()))
    rng = random.Random(seed)
    rng.shuffle(pool)
    taken: dict[tuple[str, int], dict] = {}
    by_count = sorted(patterns, key=lambda t: sum(bool(patterns[t].search(r["text"])) for r in pool))
    for theme in by_count:
        hits = [r for r in pool if patterns[theme].search(r["text"])]
        for r in hits[: per_theme]:
            taken[(r["doc_id"], r["index"])] = r
    return _by_document(docs, list(taken.values()))


def parent_openings(rows: list[dict]) -> dict[int, str]:
    """index -> the first words of its parent: the nearest paragraph before it with the parent's
    number (an annex that numbers its paragraphs afresh repeats the numbers of the resolution)."""
    last: dict[str, dict] = {}
    opens = {}
    for r in sorted(rows, key=lambda r: r["index"]):
        if r["parent"] in last:
            opens[r["index"]] = " ".join(last[r["parent"]]["text"].split()[:8])
        if r["number"]:
            last[r["number"]] = r
    return opens


def write_batches(chosen: list, first: int, count: int, kinds: list[str], titles: dict, rng: random.Random) -> None:
    """Deal the chosen documents' paragraphs into ``count`` batches of about equal size."""
    out_dir = ROOT / "data/annotations/batches"
    rng.shuffle(chosen)
    batches: list[list] = [[] for _ in range(count)]
    for item in sorted(chosen, key=lambda c: -len(c[2])):
        min(batches, key=lambda b: sum(len(t) for _, _, t in b)).append(item)
    index = json.loads((out_dir / "index.json").read_text())
    for n, batch in enumerate(batches, start=first):
        lines = []
        for doc_id, rows, todo in batch:
            opens = parent_openings(rows)
            lines.append(f"\n=== DOCUMENT {doc_id} | {titles.get(doc_id) or ''} ===")
            for r in todo:
                parent = f' parent_opens="{opens[r["index"]]}"' if r["index"] in opens else ""
                lines.append(f"[doc_id={doc_id} index={r['index']} hash={r['hash']} kind={kinds[r['kind']]} number={r['number']}{parent}]")
                lines.append(r["text"] + "\n")
        (out_dir / f"batch-{n:02d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        index[str(n)] = [doc_id for doc_id, _, _ in batch]
        print(f"batch-{n:02d}: {len(batch)} documents, {sum(len(t) for _, _, t in batch)} paragraphs")
    (out_dir / "index.json").write_text(json.dumps(index, indent=1) + "\n")


if __name__ == "__main__":
    main()
