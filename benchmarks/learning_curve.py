"""Does more training data still help? Theme scores on validation for growing shares of the train series.

    python benchmarks/learning_curve.py [--corpus data/corpus] [--shares 0.6,0.8,1.0] [--json]

For each share, the theme model is fitted on that share of the train split's series (drawn with
the model's seed, whole series only) and scored on the validation gold paragraphs at the plain
0.5 cut-off, since thresholds tuned on validation would flatter it. Test is never read. A curve
still rising at 1.0 is why `clauses train` also fits on validation (ModelConfig.refit_validation).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from datasets import DatasetDict  # noqa: E402

from pipeline.codebook import load_codebook  # noqa: E402
from pipeline.corpus import columns  # noqa: E402
from pipeline.evaluate import theme_scores  # noqa: E402
from pipeline.model import ModelConfig  # noqa: E402
from pipeline.train import gold_rows, theme_probabilities, train  # noqa: E402
from pipeline.workflow import load_corpus  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "data" / "corpus")
    parser.add_argument("--shares", default="0.6,0.8,1.0", help="shares of the train series, comma-separated")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    dataset = load_corpus(args.corpus)
    config = ModelConfig(refit_validation=False)
    keywords = load_codebook(None).keywords
    train_split, validation = dataset["train"], dataset["validation"]
    (train_series,) = columns(train_split, "series")
    series = sorted({train_series[i] for i in gold_rows(train_split)})
    random.Random(config.seed).shuffle(series)
    gold = validation.select(gold_rows(validation))
    names = train_split.features["themes"].feature.names
    texts, labels = columns(gold, "text", "themes")
    titles = columns(gold, "title")[0] if "title" in gold.column_names else None
    truth = [[names[t] for t in row] for row in labels]
    results = []
    for share in (float(s) for s in args.shares.split(",")):
        keep = set(series[: round(len(series) * share)])
        part = train_split.select([i for i, s in enumerate(train_series) if s in keep])
        started = time.perf_counter()
        fitted = train(DatasetDict({"train": part, "validation": validation}), config, keywords=keywords)
        probabilities = theme_probabilities(fitted, texts, titles)
        predicted = [[names[j] for j in range(len(names)) if row[j] >= 0.5] for row in probabilities]
        scores = theme_scores(truth, predicted, names)
        results.append({
            "share": share, "series": len(keep), "train_gold": fitted.info["train_gold"],
            "validation_micro_f1": scores["theme_micro_f1"], "validation_macro_f1": scores["theme_macro_f1"],
            "seconds": round(time.perf_counter() - started, 1),
        })
        if not args.json:
            print(", ".join(f"{k} {v}" for k, v in results[-1].items()), flush=True)
    if args.json:
        print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
