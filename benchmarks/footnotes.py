"""Footnote attachment over the whole raw corpus: documents whose footnotes no paragraph cites.

    python benchmarks/footnotes.py [--list] [--json]

A document with two or more footnotes of which no paragraph cites any has lost its markers: they
stay in the paragraph text ("Nuclear Weapons4") and the footnotes hang loose. Reports how many
documents have two or more footnotes and how many of those attach none; --list names them.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.corpus import RAW_FILES  # noqa: E402
from pipeline.segment import segment  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="name the documents that attach no footnote")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args()
    with_footnotes, unattached = 0, []
    for name in RAW_FILES.values():
        with gzip.open(ROOT / "data" / "raw" / name, "rt", encoding="utf-8") as f:
            for line in f:
                record = json.loads(line)
                document = segment(record["text"])
                if len(document.footnotes) >= 2:
                    with_footnotes += 1
                    if not any(p.footnotes for p in document.paragraphs):
                        unattached.append(f"{name}: {record.get('symbol')}")
    if args.json:
        result = {"with_footnotes": with_footnotes, "attach_none": len(unattached)}
        print(json.dumps({**result, "documents": unattached} if args.list else result, indent=2))
        return
    print(f"{with_footnotes} documents with two or more footnotes; {len(unattached)} attach none to any paragraph")
    if args.list:
        print("\n".join(unattached))


if __name__ == "__main__":
    main()
