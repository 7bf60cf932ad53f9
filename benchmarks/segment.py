"""Segment the whole raw corpus on one core: documents/s, MB/s and peak memory.

    python benchmarks/segment.py [--repeat 5] [--json]

Reads the four files of data/raw (decompressed before timing), segments every document with
``pipeline.segment.segment`` in this process, ``--repeat`` times, and reports the wall time of the
segmentation alone: the best pass (the code's speed; a shared machine only ever slows a pass
down) and the median pass (what to expect on a busy machine).
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.corpus import RAW_FILES  # noqa: E402
from pipeline.segment import segment  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="passes over the corpus")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args()
    texts = []
    for name in RAW_FILES.values():
        with gzip.open(ROOT / "data" / "raw" / name, "rt", encoding="utf-8") as f:
            texts += [json.loads(line)["text"] for line in f]
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    passes = []
    for _ in range(max(1, args.repeat)):
        paragraphs = 0
        started = time.perf_counter()
        for text in texts:
            paragraphs += len(segment(text).paragraphs)
        passes.append(time.perf_counter() - started)
    seconds, median = min(passes), statistics.median(passes)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {
        "documents": len(texts),
        "megabytes": round(megabytes, 1),
        "paragraphs": paragraphs,
        "passes": [round(s, 2) for s in passes],
        "seconds": round(seconds, 2),
        "documents_per_second": round(len(texts) / seconds, 1),
        "megabytes_per_second": round(megabytes / seconds, 2),
        "median_megabytes_per_second": round(megabytes / median, 2),
        "peak_memory_mb": round(peak_mb),
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(
            f"{result['documents']} documents ({result['megabytes']} MB, {paragraphs} paragraphs), best of "
            f"{len(passes)} passes {result['seconds']} s: {result['documents_per_second']} documents/s, "
            f"{result['megabytes_per_second']} MB/s (median pass {result['median_megabytes_per_second']} MB/s); "
            f"peak memory {result['peak_memory_mb']} MB"
        )


if __name__ == "__main__":
    main()
