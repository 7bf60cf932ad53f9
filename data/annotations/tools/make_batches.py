"""Make annotation batches of whole documents that hold no gold paragraph yet.

Used for batches 16-23 (session 3). Documents are drawn, seeded, from series without any gold
paragraph: half weighted toward the codebook's arms, crime and WMD keywords (so the rare themes
get examples from new series), half uniformly at random (so the model also sees the rest). A
paragraph whose text already has gold is left out: the corpus build carries its labels.

    python data/annotations/tools/make_batches.py --first 16 --batches 8 --size 250

With --train-documents (batches 53-55, sixth session): documents of the train split without any
gold paragraph, also in series that have gold elsewhere; the learning curve on validation still
rose with more train series (benchmarks/learning_curve.py).
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
from pipeline.corpus import read_all_raw, text_hash

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
        for row in dataset[split]:
            row["hash"] = text_hash(row["text"])
            docs[row["doc_id"]].append(row)
            if row["theme_source"] in GOLD:
                series_gold.add(row["series"])
                gold_hashes.add(row["hash"])
                docs_gold.add(row["doc_id"])
    keywords = {t: re.compile(p, re.IGNORECASE) for t, p in load_codebook(ROOT / "data/codebook.toml").keywords.items() if t in FOCUS}
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
    out_dir = ROOT / "data/annotations/batches"
    rng.shuffle(chosen)
    batches: list[list] = [[] for _ in range(args.batches)]
    for item in sorted(chosen, key=lambda c: -len(c[2])):
        min(batches, key=lambda b: sum(len(t) for _, _, t in b)).append(item)
    index = json.loads((out_dir / "index.json").read_text())
    for n, batch in enumerate(batches, start=args.first):
        lines = []
        for doc_id, rows, todo in batch:
            opens = {r["number"]: " ".join(r["text"].split()[:8]) for r in rows if r["number"]}
            lines.append(f"\n=== DOCUMENT {doc_id} | {titles.get(doc_id) or ''} ===")
            for r in todo:
                parent = f' parent_opens="{opens[r["parent"]]}"' if r["parent"] in opens else ""
                lines.append(f"[doc_id={doc_id} index={r['index']} hash={r['hash']} kind={kinds[r['kind']]} number={r['number']}{parent}]")
                lines.append(r["text"] + "\n")
        (out_dir / f"batch-{n:02d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        index[str(n)] = [doc_id for doc_id, _, _ in batch]
        print(f"batch-{n:02d}: {len(batch)} documents, {sum(len(t) for _, _, t in batch)} paragraphs")
    (out_dir / "index.json").write_text(json.dumps(index, indent=1) + "\n")


if __name__ == "__main__":
    main()
