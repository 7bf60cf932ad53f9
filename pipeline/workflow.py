"""The three everyday jobs end to end (train and save, evaluate a saved model, corpus stats), for
the CLI and for notebooks: load inputs, call the stage functions, return dicts."""

from __future__ import annotations

import json
import time
from pathlib import Path

from .errors import CorpusError

REQUIRED_FEATURES = ("text", "kind", "action", "themes", "theme_source", "series", "parent", "number")


def load_corpus(corpus: str | Path):
    """The DatasetDict under ``corpus``, checked for the features the models need."""
    from datasets import load_from_disk

    path = Path(corpus) / "dataset"
    if not path.exists():
        raise CorpusError(f"{corpus}: no corpus here (build it with `clauses corpus build`)")
    dataset = load_from_disk(str(path))
    for split in ("train", "validation", "test"):
        if split not in dataset:
            raise CorpusError(f"{path}: expected a '{split}' split, found: {', '.join(dataset)}")
        missing = [f for f in REQUIRED_FEATURES if f not in dataset[split].features]
        if missing:
            raise CorpusError(
                f"{path}/{split}: expected features {', '.join(missing)}; found: {', '.join(dataset[split].features)}"
            )
    return dataset


def read_corpus_stats(corpus: str | Path) -> dict:
    path = Path(corpus) / "stats.json"
    if not path.exists():
        raise CorpusError(f"{corpus}: no corpus here (build it with `clauses corpus build`)")
    return json.loads(path.read_text(encoding="utf-8"))


# what `clauses train --search` tries (grouped cross-validation on the train split)
SEARCH_GRID = {"theme_C": [1.0, 2.0, 4.0], "keyword_weight": [1.0, 2.0, 4.0], "head_C": [0.3, 1.0, 3.0, 10.0]}


def train_and_save(
    corpus: str | Path, out: str | Path, *, seed: int = 13, search: bool = False, grid: dict | None = None,
    codebook: str | Path | None = None, refit: bool = True, progress=None,
) -> dict:
    """Train on ``corpus``, evaluate on its test split and save the bundle to ``out``; with
    ``search``, first pick hyperparameters from ``grid`` (default SEARCH_GRID) by grouped CV."""
    from . import bundle
    from .codebook import load_codebook
    from .evaluate import evaluate
    from .model import ModelConfig
    from .report import model_card
    from .train import search as grid_search
    from .train import train

    dataset = load_corpus(corpus)
    stats = read_corpus_stats(corpus)
    config = ModelConfig(seed=seed, refit_validation=refit)
    keywords = load_codebook(codebook).keywords
    searched = None
    if search:
        searched = grid_search(dataset, config, grid or SEARCH_GRID, keywords=keywords, progress=progress)
        config = ModelConfig.from_dict({**config.to_dict(), **searched["best"]})
    start = time.perf_counter()
    fitted = train(dataset, config, keywords=keywords, progress=progress)
    fit_seconds = time.perf_counter() - start
    if progress:
        progress("evaluating on the test split")
    metrics = evaluate(fitted, dataset, split="test")
    metadata = {
        "codebook_version": stats.get("codebook_version"),
        "corpus_checksum": stats.get("checksum"),
        "labels": {"themes": fitted.theme_names, "actions": fitted.action_names, "kinds": fitted.kind_names},
        "hyperparameters": config.to_dict(),
        "seed": seed,
        "thresholds": fitted.thresholds,
        "head_threshold": fitted.action_model.threshold,
        "keywords": fitted.keywords,
        "metrics": {k: v for k, v in metrics.items() if k != "action_confusion"},
        "training": fitted.info,
    }
    if searched:
        metadata["search"] = searched
    bundle.save(fitted, out, metadata=metadata, card=model_card(metadata))
    return {**metadata, "fit_seconds": fit_seconds}


def evaluate_model(model: str | Path, corpus: str | Path, *, split: str = "test") -> dict:
    from . import bundle
    from .evaluate import evaluate

    fitted, metadata = bundle.load(model)
    dataset = load_corpus(corpus)
    if split not in dataset:
        raise CorpusError(f"{corpus}: no split '{split}' (expected train, validation or test)")
    return evaluate(fitted, dataset, split=split)
