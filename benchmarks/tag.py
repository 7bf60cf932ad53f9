"""Tagging speed: `clauses tag` on the example, cold, and batch throughput on one core.

    python benchmarks/tag.py [--model models/default] [--runs 5] [--json]

Cold: each run is a fresh `clauses tag ... --timings` process; reports the median wall time and
the breakdown the command prints (imports, model load, reading and segmentation, prediction).
Batch: segments 300 corpus documents, then times ``pipeline.tag.predict`` over all their
paragraphs in this process (model already loaded), and reports paragraphs per second.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
EXAMPLE = ROOT / "data" / "examples" / "CTOC-COP-2020-L.5-Rev.1.txt"


def cold(model: Path, runs: int) -> dict:
    clauses = Path(sys.executable).with_name("clauses")
    walls, breakdowns = [], []
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(
            [str(clauses), "tag", str(EXAMPLE), "--model", str(model), "--timings"],
            capture_output=True, text=True, check=True,
        )
        walls.append(time.perf_counter() - started)
        breakdowns.append({k: float(v) for k, v in re.findall(r"([a-z+ ]+?) ([\d.]+)s", done.stderr.replace(",", ""))})
    middle = sorted(range(runs), key=lambda i: walls[i])[runs // 2]
    return {"runs": runs, "median_wall_seconds": round(statistics.median(walls), 3), "breakdown_of_median_run": breakdowns[middle]}


def batch(model: Path, documents: int = 300) -> dict:
    from pipeline import bundle
    from pipeline.segment import segment
    from pipeline.tag import predict

    fitted, _ = bundle.load(model)
    with gzip.open(ROOT / "data" / "raw" / "ga-78-80-pdf-text.jsonl.gz", "rt", encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for _, line in zip(range(documents), f)]
    documents = [segment(text) for text in texts]
    paragraphs = [p for document in documents for p in document.paragraphs]
    doc_ids = [str(k) for k, document in enumerate(documents) for _ in document.paragraphs]
    started = time.perf_counter()
    predict(
        fitted, [p.text for p in paragraphs], [p.kind for p in paragraphs], [p.parent for p in paragraphs],
        [p.number for p in paragraphs], documents=doc_ids,
    )
    seconds = time.perf_counter() - started
    return {"paragraphs": len(paragraphs), "seconds": round(seconds, 2), "paragraphs_per_second": round(len(paragraphs) / seconds)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "default")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = {"cold": cold(args.model, args.runs), "batch": batch(args.model)}
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        c, b = result["cold"], result["batch"]
        parts = ", ".join(f"{k} {v:.2f}s" for k, v in c["breakdown_of_median_run"].items())
        print(f"cold `clauses tag` on the example: median {c['median_wall_seconds']:.2f}s over {c['runs']} runs ({parts})")
        print(f"batch: {b['paragraphs']} paragraphs in {b['seconds']}s = {b['paragraphs_per_second']} paragraphs/s")


if __name__ == "__main__":
    main()
