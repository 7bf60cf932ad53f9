"""Score the segmenter against the hand-checked gold set in tests/fixtures/segmentation.

    python benchmarks/segment_gold.py [--json] [--verbose]

Prints boundary F1 and kind / number / text accuracy (micro over all gold paragraphs) and, with
--verbose, each document's missed and spurious paragraphs.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.corpus import read_raw  # noqa: E402
from pipeline.evaluate import segmentation_scores, segmentation_summary  # noqa: E402
from pipeline.ingest import read  # noqa: E402
from pipeline.segment import segment  # noqa: E402

GOLD_DIR = ROOT / "tests" / "fixtures" / "segmentation"


def gold_documents(gold_dir: Path = GOLD_DIR, raw_dir: Path = ROOT / "data" / "raw"):
    """Yield (name, gold paragraphs, predicted paragraphs) for every gold file."""
    raw_cache: dict[str, dict] = {}
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        source = gold["source"]
        if "file" in source:
            found = read(ROOT / source["file"])
            document = segment(found.text, page_starts=found.page_starts)
        else:
            if source["raw"] not in raw_cache:
                raw_cache[source["raw"]] = {d.doc_id: d for d in read_raw(raw_dir, source["raw"])}
            doc = raw_cache[source["raw"]][source["doc_id"]]
            # as the corpus builder calls it (pipeline.corpus.paragraph_records)
            document = segment(doc.text, symbol=doc.symbol if doc.source != "sc" else None)
        predicted = [asdict(p) for p in document.paragraphs]
        yield path.stem, gold["paragraphs"], predicted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("--verbose", action="store_true", help="list each document's errors")
    args = parser.parse_args()
    per_document = {name: segmentation_scores(gold, predicted) for name, gold, predicted in gold_documents()}
    summary = segmentation_summary(per_document)
    if args.json:
        print(json.dumps(summary, indent=2))
        return
    for name, counts in per_document.items():
        wrong = counts["gold"] - counts["matched"] + counts["predicted"] - counts["matched"]
        errors = f"{counts['matched'] - counts['kind_correct']} kind, {counts['matched'] - counts['number_correct']} number"
        print(f"{name:28} gold {counts['gold']:4}  boundary errors {wrong:3}  {errors}, "
              f"{counts['matched'] - counts['text_correct']} text")
        if args.verbose:
            for text in counts["missed"]:
                print(f"    missed:   {text}")
            for text in counts["spurious"]:
                print(f"    spurious: {text}")
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
