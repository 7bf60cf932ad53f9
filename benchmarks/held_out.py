"""How the theme model reads a kind of text it was not fitted on: train documents held out by series.

    python benchmarks/held_out.py --documents A/RES/80/162 [--corpus data/corpus] [--json]

The series of the named train documents (a draft and its resolution are one series) are taken
out of the train split; the theme model is fitted on the rest of train with the default settings
and scored on the held-out gold paragraphs at the 0.5 cut-off, with the themes that hold the most
errors. For asking whether a weakness seen on test (an annexed treaty) shows on train text of the
same kind. Test is never read.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.codebook import load_codebook  # noqa: E402
from pipeline.corpus import columns  # noqa: E402
from pipeline.evaluate import theme_scores  # noqa: E402
from pipeline.model import ModelConfig, theme_model  # noqa: E402
from pipeline.train import _expand, _labels, fitting, gold_rows, theme_inputs  # noqa: E402
from pipeline.workflow import load_corpus  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", required=True, help="comma-separated train documents whose series are held out")
    parser.add_argument("--corpus", type=Path, default=ROOT / "data" / "corpus")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    started = time.perf_counter()
    config = ModelConfig()
    train = load_corpus(args.corpus)["train"]
    gold = train.select(gold_rows(train))
    names = gold.features["themes"].feature.names
    documents, series = columns(gold, "doc_id", "series")
    named = set(args.documents.split(","))
    if not named <= set(documents):
        sys.exit(f"no gold paragraphs in train for: {', '.join(sorted(named - set(documents)))}")
    held_series = {s for d, s in zip(documents, series) if d in named}
    held = [i for i, s in enumerate(series) if s in held_series]
    fit = [i for i, s in enumerate(series) if s not in held_series]
    texts, truth = theme_inputs(gold, config), _labels(gold, names)
    present = truth[fit].sum(axis=0) > 0
    keywords = {t: p for t, p in load_codebook(ROOT / "data" / "codebook.toml").keywords.items() if t in names}
    with fitting(config):
        model = theme_model(config, keywords).fit([texts[i] for i in fit], truth[fit][:, present])
    predicted = _expand(model.predict_proba([texts[i] for i in held]), present) >= 0.5
    actual = truth[held].astype(bool)
    scores = theme_scores(_named(actual, names), _named(predicted, names), names)
    errors = {
        theme: {"false_positives": int((predicted[:, j] & ~actual[:, j]).sum()), "misses": int((~predicted[:, j] & actual[:, j]).sum())}
        for j, theme in enumerate(names)
    }
    worst = sorted(errors.items(), key=lambda item: -sum(item[1].values()))[:5]
    result = {
        "held_out_series": sorted(held_series), "paragraphs": len(held), "theme_micro_f1": scores["theme_micro_f1"],
        "theme_macro_f1": scores["theme_macro_f1"], "errors": sum(sum(e.values()) for e in errors.values()),
        "themes_with_most_errors": dict(worst), "seconds": round(time.perf_counter() - started, 1),
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"held out {', '.join(result['held_out_series'])}: {len(held)} gold paragraphs, theme micro-F1 "
          f"{result['theme_micro_f1']}, macro-F1 {result['theme_macro_f1']}, {result['errors']} errors ({result['seconds']} s)")
    for theme, e in worst:
        print(f"  {theme}: {e['false_positives']} false positives, {e['misses']} misses")


def _named(matrix, names: list[str]) -> list[list[str]]:
    return [[names[j] for j in row.nonzero()[0]] for row in matrix]


if __name__ == "__main__":
    main()
