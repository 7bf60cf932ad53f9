"""Score the segmenter against the hand-checked gold set in tests/fixtures/segmentation.

    python benchmarks/segment_gold.py [--json] [--verbose]

Prints boundary F1 and kind / number / text accuracy (micro over all gold paragraphs) and, with
--verbose, each document's missed and spurious paragraphs.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.evaluate import segmentation_gold, segmentation_scores, segmentation_summary  # noqa: E402

GOLD_DIR = ROOT / "tests" / "fixtures" / "segmentation"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("--verbose", action="store_true", help="list each document's errors")
    args = parser.parse_args()
    documents = segmentation_gold(GOLD_DIR, raw_dir=ROOT / "data" / "raw", root=ROOT)
    per_document = {name: segmentation_scores(gold, predicted) for name, gold, predicted in documents}
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
