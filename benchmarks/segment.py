"""Segment the whole raw corpus on one core: documents/s, MB/s and peak memory.

    python benchmarks/segment.py [--json]

Reads the four files of data/raw (decompressed before timing), segments every document with
``pipeline.segment.segment`` in this process, and reports wall time over the segmentation alone.
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.corpus import RAW_FILES  # noqa: E402
from pipeline.segment import segment  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args()
    texts = []
    for name in RAW_FILES.values():
        with gzip.open(ROOT / "data" / "raw" / name, "rt", encoding="utf-8") as f:
            texts += [json.loads(line)["text"] for line in f]
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    paragraphs = 0
    started = time.perf_counter()
    for text in texts:
        paragraphs += len(segment(text).paragraphs)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {
        "documents": len(texts),
        "megabytes": round(megabytes, 1),
        "paragraphs": paragraphs,
        "seconds": round(seconds, 2),
        "documents_per_second": round(len(texts) / seconds, 1),
        "megabytes_per_second": round(megabytes / seconds, 2),
        "peak_memory_mb": round(peak_mb),
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(
            f"{result['documents']} documents ({result['megabytes']} MB, {paragraphs} paragraphs) in "
            f"{result['seconds']} s: {result['documents_per_second']} documents/s, "
            f"{result['megabytes_per_second']} MB/s; peak memory {result['peak_memory_mb']} MB"
        )


if __name__ == "__main__":
    main()
