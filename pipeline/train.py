"""train(dataset, config) -> a fitted bundle: theme model and thresholds, the action head model."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np

from .actions import head_candidates, normalize_action
from .corpus import columns
from .model import HeadModel, LinearTextModel, ModelConfig, head_model, theme_input, theme_model

GOLD_SOURCES = ("gold", "carried")


@dataclass
class Fitted:
    """What a trained model holds; saved as one joblib file by bundle.py."""

    config: ModelConfig
    theme_names: list[str]
    action_names: list[str]
    kind_names: list[str]
    theme_model: object
    action_model: object
    thresholds: dict[str, float]
    info: dict = field(default_factory=dict)
    keywords: dict[str, str] = field(default_factory=dict)  # the codebook's keyword patterns, per theme


@contextmanager
def fitting(config: ModelConfig):
    """How the theme models are fitted: the themes in ``config.fit_jobs`` threads of one process
    (the solver's sparse products run outside the GIL, and threads need no second copy of the
    data), each with one BLAS thread: BLAS threads fighting over two cores had made the fit twice
    as slow (benchmarks/train.py)."""
    from joblib import parallel_backend
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1, user_api="blas"), parallel_backend("threading", n_jobs=config.fit_jobs):
        yield


def _labels(split, theme_names: list[str]) -> np.ndarray:
    matrix = np.zeros((len(split), len(theme_names)), dtype=np.int8)
    (labels,) = columns(split, "themes")
    for row, themes in enumerate(labels):
        for t in themes:
            matrix[row, t] = 1
    return matrix


def gold_rows(split) -> list[int]:
    (sources,) = columns(split, "theme_source")
    return [i for i, s in enumerate(sources) if s in GOLD_SOURCES]


def theme_inputs(split, config: ModelConfig) -> list[str]:
    """What the theme model reads for each row: its text, with the instrument that its document's
    title names where the text points back to it (``config.instrument_context``, corpora with titles)."""
    if not config.instrument_context or "title" not in split.column_names:
        return columns(split, "text")[0]
    return [theme_input(text, title) for text, title in zip(*columns(split, "text", "title"))]


def _f1(predicted: np.ndarray, truth: np.ndarray) -> float:
    """F1 of one label: a boolean prediction column against a 0/1 truth column (0 if both empty)."""
    tp = int(np.sum(predicted & (truth == 1)))
    fp = int(np.sum(predicted & (truth == 0)))
    fn = int(np.sum(~predicted & (truth == 1)))
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0


def tune_thresholds(
    probabilities: np.ndarray, truth: np.ndarray, theme_names: list[str], *, prior: float = 20.0
) -> dict[str, float]:
    """Per theme, the probability cut-off that maximizes F1 on validation data, shrunk toward 0.5
    by the theme's number of validation positives n: 0.5 + (best - 0.5) * n / (n + prior). A cut-off
    tuned on four positives is mostly noise; one tuned on three hundred is mostly signal."""
    grid = np.round(np.arange(0.1, 0.91, 0.05), 2)
    thresholds = {}
    for j, name in enumerate(theme_names):
        best, best_f1 = 0.5, -1.0
        for cut in grid:
            f1 = _f1(probabilities[:, j] >= cut, truth[:, j])
            if f1 > best_f1 + 1e-9:
                best, best_f1 = float(cut), f1
        positives = int(truth[:, j].sum())
        thresholds[name] = round(0.5 + (best - 0.5) * positives / (positives + prior), 3)
    return thresholds


def train(dataset, config: ModelConfig | None = None, *, keywords: dict[str, str] | None = None, progress=None) -> Fitted:
    """Fit on the train split; tune the head model's threshold on validation gold and held-out train
    readings (``held_out_heads``), and the themes' on validation with ``config.tune_thresholds``
    (otherwise each is 0.5); then, with ``config.refit_validation``,
    fit again on train and validation gold. Themes whose thresholds are not tuned are fitted on
    train and validation gold at once, with no train-only fit. Never look at test.

    ``keywords`` (theme -> pattern, from the codebook) add a keyword block to the theme model.
    """
    import scipy.sparse

    config = config or ModelConfig()
    step = progress or (lambda message: None)
    train_split, validation = dataset["train"], dataset["validation"]
    theme_names = train_split.features["themes"].feature.names
    action_names = train_split.features["action"].names
    kind_names = train_split.features["kind"].names

    rows = gold_rows(train_split)
    gold_train = train_split.select(rows)
    truth = _labels(gold_train, theme_names)
    present = truth.sum(axis=0) > 0
    validation_gold = validation.select(gold_rows(validation))
    validation_inputs = theme_inputs(validation_gold, config)
    validation_truth = _labels(validation_gold, theme_names)
    refit = config.refit_validation and len(validation_gold) > 0
    # a theme model fitted on train alone is needed only to tune thresholds on validation; without
    # tuning, the themes are fitted once, on train and validation together
    once = refit and not config.tune_thresholds
    keywords = {t: p for t, p in (keywords or {}).items() if t in theme_names}
    pipeline = theme_model(config, keywords)
    features, classifier = pipeline.named_steps["features"], pipeline.named_steps["classifier"]
    step("fitting the theme model" + (" on train and validation" if once else ""))
    # a theme with no training example cannot be learned; it is kept with a constant zero. The
    # vectorizers learn the train split's vocabulary either way
    with fitting(config):
        matrix = features.fit_transform(theme_inputs(gold_train, config))
        if once:
            matrix = scipy.sparse.vstack([matrix, features.transform(validation_inputs)]).tocsr()
            truth = np.vstack([truth, validation_truth])
        classifier.fit(matrix, truth[:, present])
    # the fitted form predicts the same probabilities without importing scikit-learn
    themes = LinearTextModel.from_pipeline(pipeline)

    thresholds = {name: 0.5 for name in theme_names}
    if config.tune_thresholds and len(validation_gold):
        step("tuning thresholds on validation")
        probabilities = _expand(themes.predict_proba(validation_inputs), present)
        thresholds = tune_thresholds(probabilities, validation_truth, theme_names, prior=config.threshold_prior)

    step("fitting the action model")
    (train_unread, train_series), validation_unread = _unread(train_split), _unread(validation)[0]
    head = fit_heads(train_unread, config)
    if validation_unread:
        scored = [(head.best(text, kind), gold) for text, kind, gold in validation_unread]
        head.threshold = tune_head_threshold(scored + held_out_heads(train_unread, train_series, config))

    fitted_on = ["train"]
    if refit:
        step("fitting the action model again on train and validation" if once else "fitting again on train and validation")
        if not once:
            with fitting(config):
                # rebinding ``matrix`` frees the train-only copy of its rows before the fits need room
                matrix = scipy.sparse.vstack([matrix, features.transform(validation_inputs)]).tocsr()
                _refit(classifier, matrix, np.vstack([truth, validation_truth])[:, present])
            themes = LinearTextModel.from_pipeline(pipeline)
        threshold = head.threshold
        head = fit_heads(train_unread + validation_unread, config)
        head.threshold = threshold
        fitted_on.append("validation")
    return Fitted(
        config=config,
        theme_names=list(theme_names),
        action_names=list(action_names),
        kind_names=list(kind_names),
        theme_model=themes,
        action_model=head,
        thresholds=thresholds,
        keywords=keywords,
        info={
            "present_themes": [bool(p) for p in present], "train_gold": len(rows),
            "fitted_on": fitted_on, "validation_gold": len(validation_gold),
        },
    )


def _refit(classifier, matrix, truth: np.ndarray) -> None:
    """Fit each theme's logistic model again on ``matrix`` (train and validation gold; ``truth``
    holds the present themes' columns), starting from its train-only coefficients (a warm start
    needs fewer solver iterations). The vectorizers keep the train split's vocabulary, so the
    thresholds tuned on validation still fit the scale."""
    from joblib import Parallel, delayed

    Parallel()(  # in the threads that ``fitting`` sets
        delayed(estimator.set_params(warm_start=True).fit)(matrix, truth[:, j])
        for j, estimator in enumerate(classifier.estimators_)
        if hasattr(estimator, "coef_")  # a column with one class in train has a constant predictor
    )


def _unread(split) -> tuple[list[tuple[str, str, str]], list[str]]:
    """(text, kind, gold action) of the gold paragraphs whose opening the codebook's rules do not
    know, what the head model sees when it tags, and the series of each."""
    part = split.select(gold_rows(split))
    action_names, kind_names = part.features["action"].names, part.features["kind"].names
    examples, series = [], []
    for text, kind, action, one in zip(*columns(part, "text", "kind", "action", "series")):
        if not normalize_action(text, kind_names[kind]).recognized:
            examples.append((text, kind_names[kind], action_names[action]))
            series.append(one)
    return examples, series


def fit_heads(examples: list[tuple[str, str, str]], config: ModelConfig) -> HeadModel:
    """Fit the head model on (text, kind, gold action): a candidate word is a head where its
    reading is the gold action. A paragraph whose gold action no candidate reads (a sub-paragraph
    that takes its parent's action) teaches nothing and is left out; one without an action
    (``<unrecognized>``) teaches that none of its words is a head."""
    rows: list[dict] = []
    labels: list[bool] = []
    for text, kind, gold in examples:
        candidates = head_candidates(text, kind, window=config.head_window)
        hits = [c.action == gold for c in candidates]
        if gold != "<unrecognized>" and not any(hits):
            continue
        rows.extend({f: 1.0 for f in c.features} for c in candidates)
        labels.extend(hits)
    if len(set(labels)) < 2:  # a corpus too small to tell heads from other words
        return HeadModel({}, -10.0, window=config.head_window)
    pipeline = head_model(config).fit(rows, labels)
    return HeadModel.from_pipeline(pipeline, window=config.head_window)


def held_out_folds(examples: list[tuple[str, str, str]], series: list[str], config: ModelConfig, folds: int):
    """(head model, its fitting rows, its held-out rows) for each of ``folds`` grouped folds: no
    series on both sides; nothing when there are fewer series than folds."""
    from sklearn.model_selection import GroupKFold

    if len(set(series)) < folds:
        return
    for fit_rows, held_rows in GroupKFold(n_splits=folds).split(examples, groups=series):
        yield fit_heads([examples[i] for i in fit_rows], config), fit_rows, held_rows


def held_out_heads(examples: list[tuple[str, str, str]], series: list[str], config: ModelConfig, folds: int = 3) -> list:
    """((action, score), gold action) of each train paragraph the rules do not know, read by a head
    model fitted without its series (grouped ``folds``-fold); none when there are too few series."""
    return [
        (head.best(*examples[i][:2]), examples[i][2])
        for head, _, held_rows in held_out_folds(examples, series, config, folds)
        for i in held_rows
    ]


def tune_head_threshold(scored: list[tuple[tuple[str | None, float], str]]) -> float:
    """The score below which an opening is read as having no action, chosen for accuracy over
    ((action, score), gold action) pairs of paragraphs the rules do not know (those without an
    action included): validation's, read by the model fitted on train, and train's, each read by
    a model fitted without its series. Validation alone holds about 250 such paragraphs, and its
    best cut-off wandered between 0.1 and 0.6 from one corpus to the next (README)."""
    grid = np.round(np.arange(0.1, 0.91, 0.05), 2)
    accuracy = [sum((a if p >= cut else "<unrecognized>") == g for (a, p), g in scored) for cut in grid]
    return float(grid[int(np.argmax(accuracy))])


def _expand(probabilities: np.ndarray, present: np.ndarray) -> np.ndarray:
    full = np.zeros((probabilities.shape[0], len(present)), dtype=np.float64)
    full[:, present] = probabilities
    return full


def theme_probabilities(fitted: Fitted, texts: list[str], titles: list[str | None] | None = None) -> np.ndarray:
    """Probability of every theme for each text (columns follow ``fitted.theme_names``); ``titles``
    are the titles of the texts' documents."""
    present = np.array(fitted.info["present_themes"], dtype=bool)
    if titles is not None and fitted.config.instrument_context:
        texts = [theme_input(text, title) for text, title in zip(texts, titles)]
    return _expand(fitted.theme_model.predict_proba(texts), present)


HEAD_FIELDS = ("head_C", "head_window")  # searched apart from the theme fields, by _search_heads


def search(
    dataset, config: ModelConfig, grid: dict[str, list], *, keywords: dict[str, str] | None = None, folds: int = 3, progress=None
) -> dict:
    """Grouped cross-validation on the train split: every combination of ``grid`` (ModelConfig
    fields -> values) scored by theme macro-F1 at 0.5, folds grouped by series so that no series
    is on both sides of a fold. Validation and test are never touched. Head model fields
    (``HEAD_FIELDS``) in the grid are searched on their own (``_search_heads``). Returns the
    scores, the best values and the seconds taken."""
    import itertools
    import time

    from sklearn.model_selection import GroupKFold

    started = time.perf_counter()
    train_split = dataset["train"]
    head_grid = {name: values for name, values in grid.items() if name in HEAD_FIELDS}
    grid = {name: values for name, values in grid.items() if name not in HEAD_FIELDS}
    theme_names = train_split.features["themes"].feature.names
    gold_train = train_split.select(gold_rows(train_split))
    texts, groups = columns(gold_train, "text", "series")
    truth = _labels(gold_train, theme_names)
    splits = list(GroupKFold(n_splits=folds).split(texts, groups=groups))
    names = sorted(grid)
    results = []
    for values in itertools.product(*(grid[n] for n in names)) if grid else ():
        params = dict(zip(names, values))
        candidate = ModelConfig.from_dict({**config.to_dict(), **params})
        rows_in = theme_inputs(gold_train, candidate)  # instrument_context may be in the grid
        scores = []
        for k, (fit_rows, held_rows) in enumerate(splits):
            if progress:
                progress(f"search {params} fold {k + 1}/{folds}")
            present = truth[fit_rows].sum(axis=0) > 0
            with fitting(candidate):
                model = theme_model(candidate, keywords).fit([rows_in[i] for i in fit_rows], truth[fit_rows][:, present])
            predicted = _expand(model.predict_proba([rows_in[i] for i in held_rows]), present) >= 0.5
            held = truth[held_rows]
            f1s = [_f1(predicted[:, j], held[:, j]) for j in range(len(theme_names)) if held[:, j].any()]
            scores.append(float(np.mean(f1s)) if f1s else 0.0)
        results.append({"params": params, "macro_f1": round(float(np.mean(scores)), 4), "folds": [round(x, 4) for x in scores]})
    best = max(results, key=lambda r: r["macro_f1"])["params"] if results else {}
    found = {"grid": grid, "folds": folds, "results": results, "best": best}
    if head_grid:
        found["heads"] = _search_heads(train_split, config, head_grid, folds=folds, progress=progress)
        found["best"] = {**best, **found["heads"]["best"]}
    return {**found, "seconds": round(time.perf_counter() - started, 1)}


def _search_heads(train_split, config: ModelConfig, grid: dict[str, list], *, folds: int, progress=None) -> dict:
    """The head model's settings by grouped cross-validation on the train paragraphs the rules do
    not know, scored by how often the best-scored word reads the gold action (over held-out
    paragraphs where some word does; the cut-off for "no action" is tuned when training)."""
    import itertools

    examples, series = _unread(train_split)
    if len(set(series)) < folds:  # too few series to hold any out: the configured values stand
        return {"grid": grid, "results": [], "best": {}}
    names = sorted(grid)
    results = []
    for values in itertools.product(*(grid[n] for n in names)):
        params = dict(zip(names, values))
        if progress:
            progress(f"search {params}")
        candidate = ModelConfig.from_dict({**config.to_dict(), **params})
        right = readable = 0
        for head, _, held_rows in held_out_folds(examples, series, candidate, folds):
            for i in held_rows:
                text, kind, gold = examples[i]
                scored = head.candidate_scores(text, kind)
                if any(action == gold for action, _ in scored):
                    readable += 1
                    right += max(scored, key=lambda c: c[1])[0] == gold
        results.append({"params": params, "ranking_accuracy": round(right / readable, 4) if readable else 0.0, "paragraphs": readable})
    best = max(results, key=lambda r: r["ranking_accuracy"])
    return {"grid": grid, "results": results, "best": best["params"]}
