"""Re-key annotations after a segmenter fix that only took footnote markers out of paragraph text.

Annotations are keyed by the hash of the paragraph text they were made for, so a fix that removes a
footnote marker left in the text ("the Millennium Declaration,1 in which") orphans them, though
the paragraph, and what it says, is the same. For each annotation line whose hash its document no
longer has, this finds the paragraph under the segmenter of REVISION (the one it was annotated
with) and the paragraph at the same place now, and re-keys the line only when the document has
the same paragraphs (count, kinds, numbers) and the new text is the old one with nothing but
footnote markers taken out ("1", " 12", "[^3]"). The line keeps its labels and annotator and
gains ``rekeyed_from``: the hash of the text the annotator read (kept from an earlier re-keying).
Any other change is listed for re-annotation, never carried over.

    python data/annotations/tools/rekey.py --against REVISION [--write]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from benchmarks.segment import only_markers_removed, segment_at  # noqa: E402
from pipeline.corpus import read_all_raw, text_hash  # noqa: E402
from pipeline.segment import segment  # noqa: E402

ANNOTATIONS = ROOT / "data" / "annotations"


def _segment(function, doc):
    return function(doc.text, symbol=doc.symbol if doc.source != "sc" else None).paragraphs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", metavar="REVISION", required=True, help="the segmenter the annotations were made with")
    parser.add_argument("--write", action="store_true", help="rewrite the annotation files (otherwise only report)")
    args = parser.parse_args()
    then = segment_at(args.against)
    files = sorted(ANNOTATIONS.glob("*.jsonl"))
    lines = {f: f.read_text(encoding="utf-8").splitlines() for f in files}
    wanted: dict[str, list[tuple[Path, int, dict]]] = defaultdict(list)
    for f, rows in lines.items():
        for n, line in enumerate(rows):
            if line.strip():
                row = json.loads(line)
                wanted[row["doc_id"]].append((f, n, row))

    counts: Counter = Counter()
    left: list[str] = []
    for doc in read_all_raw(ROOT / "data" / "raw"):
        if doc.doc_id not in wanted:
            continue
        now = _segment(segment, doc)
        hashes_now = {text_hash(p.text) for p in now}
        stale = [(f, n, row) for f, n, row in wanted[doc.doc_id] if row["hash"] not in hashes_now]
        if not stale:
            continue
        before = _segment(then, doc)
        same_shape = [(p.kind, p.number) for p in before] == [(p.kind, p.number) for p in now]
        by_hash = {text_hash(p.text): p for p in before}
        for f, n, row in stale:
            old = by_hash.get(row["hash"])
            if old is None:
                counts["stale before"] += 1  # not made with REVISION's segmenter either
                continue
            if not same_shape or not only_markers_removed(old.text, now[old.index].text):
                counts["left"] += 1
                left.append(f"{f.name}:{n + 1}: {row['doc_id']} paragraph {row['index']}")
                continue
            rekeyed_from = row.get("rekeyed_from", row["hash"])  # the text the annotator read
            row = {**row, "index": old.index, "hash": text_hash(now[old.index].text), "rekeyed_from": rekeyed_from}
            lines[f][n] = json.dumps(row, ensure_ascii=False)
            counts[f.name] += 1
            counts["rekeyed"] += 1

    print(
        f"{counts['rekeyed']} annotation lines re-keyed, {counts['left']} left for re-annotation, "
        f"{counts['stale before']} already stale under {args.against}"
    )
    for name, count in sorted(counts.items()):
        if name.endswith(".jsonl"):
            print(f"  {name}: {count}")
    for line in left:
        print(f"  left: {line}")
    if args.write:
        for f, rows in lines.items():
            if counts[f.name]:
                handle, tmp = tempfile.mkstemp(dir=f.parent, suffix=".tmp")
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    out.write("\n".join(rows) + "\n")
                os.replace(tmp, f)


if __name__ == "__main__":
    main()
