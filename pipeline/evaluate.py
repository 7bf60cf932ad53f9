"""Metrics as plain dicts, for the model and for two baselines on the same split. No printing."""

from __future__ import annotations

import re
from collections import Counter

import numpy as np

from .actions import normalize_action
from .corpus import columns, repeated
from .errors import ModelError
from .model import KeywordHits
from .tag import Predictions, predict, themes_from
from .train import gold_rows, theme_inputs


def keyword_themes(texts: list[str], keywords: dict[str, str]) -> list[list[str]]:
    """The keyword baseline: a theme wherever one of its codebook keywords occurs."""
    hits = KeywordHits(keywords)
    return [hits(text) for text in texts]


def theme_scores(truth: list[list[str]], predicted: list[list[str]], theme_names: list[str]) -> dict:
    per_theme = {}
    tp_all = fp_all = fn_all = 0
    f1s = []
    for theme in theme_names:
        tp = sum(1 for t, p in zip(truth, predicted) if theme in t and theme in p)
        fp = sum(1 for t, p in zip(truth, predicted) if theme not in t and theme in p)
        fn = sum(1 for t, p in zip(truth, predicted) if theme in t and theme not in p)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0
        per_theme[theme] = {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4), "support": tp + fn}
        tp_all, fp_all, fn_all = tp_all + tp, fp_all + fp, fn_all + fn
        if tp + fn:
            f1s.append(f1)
    micro = 2 * tp_all / (2 * tp_all + fp_all + fn_all) if tp_all + fp_all + fn_all else 0.0
    return {
        "theme_micro_f1": round(micro, 4),
        "theme_macro_f1": round(float(np.mean(f1s)) if f1s else 0.0, 4),
        "per_theme": per_theme,
    }


def theme_errors_by_document(truth: list[list[str]], predicted: list[list[str]], documents: list[str], *, top: int = 10) -> list[dict]:
    """The ``top`` documents that hold the most theme errors (false positives and misses), with
    their true positives, their micro-F1 and the split's micro-F1 without them: one long text
    unlike the training data can hold a large share of a split's errors."""
    counts: dict[str, list[int]] = {}
    for t, p, d in zip(truth, predicted, documents):
        row = counts.setdefault(d, [0, 0, 0, 0])  # true positives, false positives, misses, paragraphs
        t, p = set(t), set(p)
        row[0] += len(t & p)
        row[1] += len(p - t)
        row[2] += len(t - p)
        row[3] += 1
    total = np.sum(list(counts.values()), axis=0) if counts else np.zeros(4, dtype=int)

    def micro(tp: int, fp: int, fn: int) -> float | None:
        return round(2 * tp / (2 * tp + fp + fn), 4) if tp + fp + fn else None

    ranked = sorted(counts.items(), key=lambda item: -(item[1][1] + item[1][2]))[:top]
    return [
        {
            "document": d, "paragraphs": n, "true_positives": tp, "false_positives": fp, "misses": fn,
            "micro_f1": micro(tp, fp, fn), "micro_f1_without": micro(*(int(x) for x in total[:3] - (tp, fp, fn))),
        }
        for d, (tp, fp, fn, n) in ranked if fp + fn
    ]


def theme_intervals(
    truth: list[list[str]], predicted: list[list[str]], groups: list[str], theme_names: list[str],
    *, samples: int = 1000, seed: int = 13,
) -> dict:
    """95 % intervals of theme micro- and macro-F1, by resampling whole series with replacement
    (the unit the split keeps apart, so paragraphs of one series do not count as independent).
    Macro-F1 of a resample averages the themes with support in it, as ``theme_scores`` does."""
    names = {g: k for k, g in enumerate(dict.fromkeys(groups))}
    counts = np.zeros((3, len(names), len(theme_names)))  # tp, fp, fn per series and theme
    for t, p, g in zip(truth, predicted, groups):
        for j, theme in enumerate(theme_names):
            if theme in p:
                counts[0 if theme in t else 1, names[g], j] += 1
            elif theme in t:
                counts[2, names[g], j] += 1
    rng = np.random.default_rng(seed)
    micro, macro = [], []
    for _ in range(samples):
        tp, fp, fn = counts[:, rng.integers(0, len(names), len(names))].sum(axis=1)
        micro.append(2 * tp.sum() / max(2 * tp.sum() + fp.sum() + fn.sum(), 1))
        present = tp + fn > 0
        macro.append(float(np.mean(2 * tp[present] / (2 * tp[present] + fp[present] + fn[present]))) if present.any() else 0.0)
    low_high = {name: [round(float(v), 4) for v in np.percentile(values, [2.5, 97.5])] for name, values in
                (("theme_micro_f1", micro), ("theme_macro_f1", macro))}
    return {**low_high, "samples": samples, "unit": "series"}


def _gold_texts(split) -> list[str]:
    (texts,) = columns(split, "text")
    return [texts[i] for i in gold_rows(split)]


def predict_gold(fitted, part, rows: list[int]):
    """Predict over every paragraph of the documents that hold gold rows; keep the gold rows."""
    (doc_ids,) = columns(part, "doc_id")
    gold_docs = {doc_ids[r] for r in rows}
    members = [i for i, d in enumerate(doc_ids) if d in gold_docs]
    kind_names = part.features["kind"].names
    sub = part.select(members)
    texts, kinds, parents, numbers, documents = columns(sub, "text", "kind", "parent", "number", "doc_id")
    everything = predict(
        fitted, texts, [kind_names[k] for k in kinds], parents, numbers, documents=documents,
        titles=columns(sub, "title")[0] if "title" in sub.column_names else None,
    )
    position = {row: j for j, row in enumerate(members)}
    keep = [position[r] for r in rows]
    return Predictions(
        [everything.actions[j] for j in keep],
        [everything.action_sources[j] for j in keep],
        [everything.action_scores[j] for j in keep],
        everything.theme_probabilities[keep],
    )


def action_scores(truth: list[str], predictions: Predictions, documents: list[str], *, top: int = 10) -> dict:
    """Action accuracy over the paragraphs with a gold action, per path (rule / model), and the
    ``top`` documents that hold the most errors (a few long annexed texts can hold most of them)."""
    judged = [i for i, a in enumerate(truth) if a != "<unrecognized>"]
    correct = [predictions.actions[i] == truth[i] for i in judged]
    by_path = {}
    for path in ("rule", "model"):
        chosen = [c for i, c in zip(judged, correct) if predictions.action_sources[i] == path]
        by_path[path] = {"paragraphs": len(chosen), "accuracy": round(sum(chosen) / len(chosen), 4) if chosen else None}
    judged_in = Counter(documents[i] for i in judged)
    wrong_in = Counter(documents[i] for i, c in zip(judged, correct) if not c)
    return {
        "action_accuracy": round(sum(correct) / len(correct), 4) if correct else None,
        "action_paragraphs": len(judged),
        "action_by_path": by_path,
        "action_errors_by_document": [
            {"document": d, "errors": n, "paragraphs": judged_in[d]} for d, n in wrong_in.most_common(top)
        ],
    }


def evaluate(fitted, dataset, *, split: str = "test") -> dict:
    """Model and baselines on the gold paragraphs of ``split`` (series the model never saw)."""
    fitted_on = fitted.info.get("fitted_on", ["train"])
    if split in fitted_on:
        hint = "; `clauses train --no-refit` makes a model fitted on train only" if split == "validation" else ""
        raise ModelError(f"the model was fitted on the {split} split, so its figures there would not be held out{hint}")
    part = dataset[split]
    rows = gold_rows(part)
    gold = part.select(rows)
    theme_names = fitted.theme_names
    action_names = part.features["action"].names
    kind_names = part.features["kind"].names
    texts, kinds, themes, actions, series, doc_ids = columns(gold, "text", "kind", "themes", "action", "series", "doc_id")
    kinds = [kind_names[k] for k in kinds]
    truth_themes = [[theme_names[t] for t in row] for row in themes]
    truth_actions = [action_names[a] for a in actions]

    # every paragraph of the documents, so that a sub-paragraph finds its parent's action even
    # where the parent is not itself gold; scored on the gold rows only
    predictions = predict_gold(fitted, part, rows)
    model_themes = themes_from(fitted, predictions.theme_probabilities)
    result = {"split": split, "paragraphs": len(gold), **theme_scores(truth_themes, model_themes, theme_names)}
    result["intervals"] = theme_intervals(truth_themes, model_themes, series, theme_names, seed=fitted.config.seed)
    result["theme_errors_by_document"] = theme_errors_by_document(truth_themes, model_themes, doc_ids)
    # the same scores without the paragraphs that nearly repeat a paragraph fitted on (formulas
    # shared across series, such as "Reaffirming its resolution 70/1 ..."): text the model never saw
    seen_texts = [text for name in fitted_on for text in _gold_texts(dataset[name])]
    seen = repeated(seen_texts, texts)
    unseen = [i for i in range(len(texts)) if i not in seen]
    fresh = theme_scores([truth_themes[i] for i in unseen], [model_themes[i] for i in unseen], theme_names)
    result["unseen_text"] = {
        "paragraphs": len(unseen), "theme_micro_f1": fresh["theme_micro_f1"], "theme_macro_f1": fresh["theme_macro_f1"],
    }
    if "segment_kind" in gold.features:
        # the segmenter's kind against the kind the annotator confirmed or corrected
        segmented, confirmed = columns(gold, "segment_kind", "kind")
        result["kind_accuracy"] = round(sum(a == b for a, b in zip(segmented, confirmed)) / len(gold), 4) if len(gold) else None

    judged = [i for i, a in enumerate(truth_actions) if a != "<unrecognized>"]
    result.update(action_scores(truth_actions, predictions, doc_ids))
    confusion = Counter((truth_actions[i], predictions.actions[i] or "none") for i in judged)
    top = [a for a, _ in Counter(truth_actions[i] for i in judged).most_common(12)]
    result["action_confusion"] = {
        "labels": top,
        "matrix": [[confusion.get((t, p), 0) for p in top] for t in top],
        "errors": [
            {"gold": t, "predicted": p, "count": n} for (t, p), n in confusion.most_common() if t != p
        ][:20],
    }

    train = dataset["train"]
    train_gold = train.select(gold_rows(train))
    train_actions, train_themes = columns(train_gold, "action", "themes")
    majority_action = Counter(train_actions).most_common(1)[0][0]
    majority_theme = Counter(t for row in train_themes for t in row).most_common(1)[0][0]
    majority = theme_scores(truth_themes, [[theme_names[majority_theme]]] * len(gold), theme_names)
    majority["action_accuracy"] = round(
        sum(truth_actions[i] == action_names[majority_action] for i in judged) / len(judged), 4
    ) if judged else None
    # the keyword rules read what the model reads (the instrument context included)
    keywords = theme_scores(truth_themes, keyword_themes(theme_inputs(gold, fitted.config), fitted.keywords), theme_names)
    rule_actions = [normalize_action(texts[i], kinds[i]).action for i in judged]
    keywords["action_accuracy"] = round(
        sum(a == truth_actions[i] for a, i in zip(rule_actions, judged)) / len(judged), 4
    ) if judged else None
    result["baselines"] = {"majority": majority, "keywords": keywords}
    return result


# --- segmentation against the hand-checked gold set ---------------------------------------------


def _boundary_key(text: str) -> tuple[str, str]:
    """The first and last 40 letters: where a paragraph starts and ends, blind to digits
    (footnote markers), spacing and punctuation, which are text errors, not boundary errors."""
    letters = re.sub(r"[^a-z]", "", text.lower())
    return letters[:40], letters[-40:]


def _clean(text: str) -> str:
    return re.sub(r"\s+([,;:.])", r"\1", " ".join(text.split()))


def segmentation_scores(gold: list[dict], predicted: list[dict]) -> dict:
    """Counts for one document: paragraphs matched by both boundaries, and of those, how many
    have the right kind, number and text. Each paragraph is a dict with kind, number, text."""
    from difflib import SequenceMatcher

    gold_keys = [_boundary_key(p["text"]) for p in gold]
    predicted_keys = [_boundary_key(p["text"]) for p in predicted]
    matcher = SequenceMatcher(a=gold_keys, b=predicted_keys, autojunk=False)
    pairs = [(block.a + k, block.b + k) for block in matcher.get_matching_blocks() for k in range(block.size)]
    return {
        "gold": len(gold),
        "predicted": len(predicted),
        "matched": len(pairs),
        "kind_correct": sum(gold[i]["kind"] == predicted[j]["kind"] for i, j in pairs),
        "number_correct": sum(gold[i]["number"] == predicted[j]["number"] for i, j in pairs),
        "text_correct": sum(_clean(gold[i]["text"]) == _clean(predicted[j]["text"]) for i, j in pairs),
        "missed": [gold[i]["text"][:80] for i in sorted(set(range(len(gold))) - {i for i, _ in pairs})],
        "spurious": [predicted[j]["text"][:80] for j in sorted(set(range(len(predicted))) - {j for _, j in pairs})],
    }


def segmentation_summary(per_document: dict[str, dict]) -> dict:
    """Micro-averaged boundary precision, recall, F1 and kind / number / text accuracy."""
    total = Counter()
    for counts in per_document.values():
        total.update({k: v for k, v in counts.items() if isinstance(v, int)})
    precision = total["matched"] / total["predicted"] if total["predicted"] else 0.0
    recall = total["matched"] / total["gold"] if total["gold"] else 0.0
    matched = total["matched"] or 1
    return {
        "documents": len(per_document),
        "gold_paragraphs": total["gold"],
        "boundary_precision": round(precision, 4),
        "boundary_recall": round(recall, 4),
        "boundary_f1": round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0,
        "kind_accuracy": round(total["kind_correct"] / matched, 4),
        "number_accuracy": round(total["number_correct"] / matched, 4),
        "text_accuracy": round(total["text_correct"] / matched, 4),
    }


def segmentation_gold(gold_dir, *, raw_dir, root) -> list[tuple[str, list[dict], list[dict]]]:
    """(name, gold paragraphs, predicted paragraphs) for every hand-checked file in ``gold_dir``.

    A gold file names its input: a record of ``raw_dir`` (segmented as the corpus builder does)
    or a file under ``root`` (read as `clauses segment` reads it).
    """
    import json
    from dataclasses import asdict
    from pathlib import Path

    from .corpus import read_raw
    from .ingest import read
    from .segment import segment

    raw: dict[str, dict] = {}
    out = []
    for path in sorted(Path(gold_dir).glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        source = gold["source"]
        if "file" in source:
            found = read(Path(root) / source["file"])
            document = segment(found.text, page_starts=found.page_starts or None)
        else:
            if source["raw"] not in raw:
                raw[source["raw"]] = {d.doc_id: d for d in read_raw(raw_dir, source["raw"])}
            doc = raw[source["raw"]][source["doc_id"]]
            document = segment(doc.text, symbol=doc.symbol if doc.source != "sc" else None)
        out.append((path.stem, gold["paragraphs"], [asdict(p) for p in document.paragraphs]))
    return out
