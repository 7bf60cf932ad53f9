"""How well the head model reads the openings the codebook's rules do not know, held out by series.

    python benchmarks/heads.py [--corpus data/corpus] [--folds 5] [--json]

The paragraphs of train and validation gold whose opening the rules do not recognize are split in
grouped folds (a series never on both sides; validation's series kept apart from train's). For
each fold a head model is fitted on the other folds, its "no action" cut-off tuned on them
(`train.tune_head_threshold`), and each held-out paragraph counts as right when the model's
action (or none) is its gold action. Sub-paragraphs whose gold is their parent's action are
counted too, so the share right is low; the count is for comparing readings and settings. Test is
never read.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.model import ModelConfig  # noqa: E402
from pipeline.train import _unread, held_out_folds, tune_head_threshold  # noqa: E402
from pipeline.workflow import load_corpus  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "data" / "corpus")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    started = time.perf_counter()
    dataset = load_corpus(args.corpus)
    train_examples, train_series = _unread(dataset["train"])
    validation_examples, validation_series = _unread(dataset["validation"])
    examples = train_examples + validation_examples
    series = train_series + [f"validation:{s}" for s in validation_series]
    right = 0
    for head, fit_rows, held_rows in held_out_folds(examples, series, ModelConfig(), args.folds):
        head.threshold = tune_head_threshold([(head.best(*examples[i][:2]), examples[i][2]) for i in fit_rows])
        for i in held_rows:
            action, score = head.best(*examples[i][:2])
            right += (action if score >= head.threshold else "<unrecognized>") == examples[i][2]
    result = {"paragraphs": len(examples), "right": right, "folds": args.folds, "seconds": round(time.perf_counter() - started, 1)}
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"head model, grouped {args.folds}-fold: {right} of {len(examples)} paragraphs the rules do not know read right ({result['seconds']} s)")


if __name__ == "__main__":
    main()
