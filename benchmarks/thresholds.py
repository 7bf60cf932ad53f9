"""Do per-theme thresholds tuned on validation carry over to series they were not tuned on?

    python benchmarks/thresholds.py --model DIR [--corpus data/corpus] [--repeats 40] [--json]

DIR is a model fitted on train only (`clauses train --no-refit --out DIR`). Validation's series
are split in two halves, at random (seeded), --repeats times: thresholds are tuned on one half
(`train.tune_thresholds`, for each shrinkage prior) and scored on the other, beside the plain 0.5
cut-off. Test is never read.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import bundle  # noqa: E402
from pipeline.corpus import columns  # noqa: E402
from pipeline.train import _labels, gold_rows, theme_probabilities, tune_thresholds  # noqa: E402
from pipeline.workflow import load_corpus  # noqa: E402

PRIORS = (1e-9, 5.0, 20.0, 50.0, 100.0)


def micro_macro(predicted: np.ndarray, truth: np.ndarray) -> tuple[float, float]:
    tp = (predicted & (truth == 1)).sum(axis=0)
    fp = (predicted & (truth == 0)).sum(axis=0)
    fn = (~predicted & (truth == 1)).sum(axis=0)
    present = tp + fn > 0
    micro = 2 * tp.sum() / max(2 * tp.sum() + fp.sum() + fn.sum(), 1)
    macro = float(np.mean(2 * tp[present] / (2 * tp[present] + fp[present] + fn[present])))
    return float(micro), macro


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--corpus", type=Path, default=ROOT / "data" / "corpus")
    parser.add_argument("--repeats", type=int, default=40)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    fitted, _ = bundle.load(args.model)
    if "validation" in fitted.info.get("fitted_on", []):
        sys.exit(f"{args.model}: fitted on validation; make a train-only model with `clauses train --no-refit`")
    validation = load_corpus(args.corpus)["validation"]
    gold = validation.select(gold_rows(validation))
    texts, titles, series = columns(gold, "text", "title", "series")
    names = fitted.theme_names
    probabilities = theme_probabilities(fitted, texts, titles)
    truth = _labels(gold, names)
    series = np.array(series)
    distinct = sorted(set(series))
    rng = np.random.default_rng(fitted.config.seed)
    scores: dict[str, list[tuple[float, float]]] = {}
    for _ in range(args.repeats):
        tuned_on = np.isin(series, rng.permutation(distinct)[: len(distinct) // 2])
        held = ~tuned_on
        scores.setdefault("0.5", []).append(micro_macro(probabilities[held] >= 0.5, truth[held]))
        for prior in PRIORS:
            found = tune_thresholds(probabilities[tuned_on], truth[tuned_on], names, prior=prior)
            cuts = np.array([found[name] for name in names])
            scores.setdefault(f"prior {prior:g}", []).append(micro_macro(probabilities[held] >= cuts, truth[held]))
    result = {
        "series": len(distinct), "repeats": args.repeats,
        "held_out_half": {
            name: {"micro_f1": round(float(np.mean([m for m, _ in v])), 4), "macro_f1": round(float(np.mean([m for _, m in v])), 4)}
            for name, v in scores.items()
        },
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"validation: {result['series']} series, {args.repeats} random halvings; scored on the half not tuned on")
        for name, v in result["held_out_half"].items():
            print(f"  {name:12s} micro-F1 {v['micro_f1']:.4f}  macro-F1 {v['macro_f1']:.4f}")


if __name__ == "__main__":
    main()
