"""Where the action rules and the head model go wrong: accuracy and errors per document, on any split.

    python benchmarks/actions.py --model DIR [--split train] [--corpus data/corpus] [--list] [--json]

The codebook's rules are not fitted, so their errors on train and validation gold are what new
rules are written from; `clauses evaluate` refuses a split the model was fitted on, for its theme
scores. DIR is best a train-only model (`clauses train --no-refit`), so that the head model's
figures on validation are held out. `--list` prints every error (document, gold, predicted, path,
opening). Choosing rules from the test split's errors would tune on test: read them only to say why.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import bundle  # noqa: E402
from pipeline.corpus import columns  # noqa: E402
from pipeline.evaluate import action_scores, predict_gold  # noqa: E402
from pipeline.train import gold_rows  # noqa: E402
from pipeline.workflow import load_corpus  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--split", default="train")
    parser.add_argument("--corpus", type=Path, default=ROOT / "data" / "corpus")
    parser.add_argument("--top", type=int, default=15, help="documents to name")
    parser.add_argument("--list", action="store_true", help="print every error")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    fitted, _ = bundle.load(args.model)
    part = load_corpus(args.corpus)[args.split]
    rows = gold_rows(part)
    predictions = predict_gold(fitted, part, rows)
    names = part.features["action"].names
    actions, documents, texts = columns(part.select(rows), "action", "doc_id", "text")
    truth = [names[a] for a in actions]
    wrong = [i for i, gold in enumerate(truth) if gold != "<unrecognized>" and predictions.actions[i] != gold]
    result = {"split": args.split, "action_errors": len(wrong), **action_scores(truth, predictions, documents, top=args.top)}
    if args.json:
        print(json.dumps(result, indent=2))
        return
    paths = ", ".join(f"{path} {p['paragraphs']} at {p['accuracy']}" for path, p in result["action_by_path"].items())
    print(f"{args.split}: {result['action_paragraphs']} paragraphs with a gold action, {result['action_errors']} errors, "
          f"accuracy {result['action_accuracy']} ({paths})")
    for d in result["action_errors_by_document"]:
        print(f"  {d['errors']:4d} of {d['paragraphs']:4d}  {d['document']}")
    if args.list:
        for i in wrong:
            print(f"{documents[i]}\tgold {truth[i]}\tpredicted {predictions.actions[i]} ({predictions.action_sources[i]})\t{texts[i][:100]}")


if __name__ == "__main__":
    main()
