"""Training cost on the full corpus: the final fit's time, the peak memory of the process, the model's size.

    python benchmarks/train.py [--corpus data/corpus] [--out /tmp/model] [--search [--grid JSON]] [--codebook TOML]
                               [--no-refit] [--json]

Runs what `clauses train` runs (train, evaluate on test, save) into --out, so the shipped model
is not touched; with --search, the grouped cross-validation first, timed on its own, over the
grid that `clauses train --search` uses or the one --grid gives ('{"instrument_context": [false, true]}').
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.workflow import train_and_save  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "data" / "corpus")
    parser.add_argument("--out", type=Path, default=Path(tempfile.mkdtemp()) / "model")
    parser.add_argument("--search", action="store_true")
    parser.add_argument("--grid", type=json.loads, help="ModelConfig field -> values to search, as JSON")
    parser.add_argument("--codebook", type=Path, help="a codebook TOML other than data/codebook.toml (its keywords)")
    parser.add_argument("--no-refit", dest="refit", action="store_false", help="fit on train only (no second fit)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    started = time.perf_counter()
    metadata = train_and_save(
        args.corpus, args.out, search=args.search, grid=args.grid, codebook=args.codebook, refit=args.refit
    )
    result = {
        "fit_seconds": round(metadata["fit_seconds"], 1),
        "search_seconds": metadata.get("search", {}).get("seconds"),
        "total_seconds": round(time.perf_counter() - started, 1),
        "peak_memory_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "model_file_mb": round((args.out / "model.joblib").stat().st_size / 1e6, 1),
        "theme_micro_f1": metadata["metrics"]["theme_micro_f1"],
        "theme_macro_f1": metadata["metrics"]["theme_macro_f1"],
    }
    if args.search:
        result["search"] = [{**r["params"], "cv_macro_f1": r["macro_f1"]} for r in metadata["search"]["results"]]
        heads = metadata["search"].get("heads", {}).get("results", [])
        result["search"] += [{**r["params"], "cv_ranking_accuracy": r["ranking_accuracy"]} for r in heads]
    print(json.dumps(result, indent=2) if args.json else ", ".join(f"{k} {v}" for k, v in result.items()))


if __name__ == "__main__":
    main()
