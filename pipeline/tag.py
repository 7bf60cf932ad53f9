"""tag(document, fitted) -> tagged paragraphs. Prediction is kept apart from attaching results."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from .actions import force_of, is_modal_phrase, is_preambular_form, normalize_action
from .train import theme_probabilities


_RESOLVES_THAT = re.compile(r"\b(?:[Rr]esolves|[Dd]ecides) that\b")


@dataclass
class Predictions:
    actions: list[str | None]
    action_sources: list[str]
    action_scores: list[float]
    theme_probabilities: np.ndarray


def predict(
    fitted,
    texts: list[str],
    kinds: list[str],
    parents: list[str | None],
    numbers: list[str | None],
    *,
    documents: list[str] | None = None,
    titles: list[str | None] | None = None,
) -> Predictions:
    """Actions (codebook rules first, the model for the rest) and theme probabilities.

    Paragraphs come in document order; a sub-paragraph takes the action of the paragraph its
    ``parents`` entry names, in the same document (``documents``, when the rows span several).
    Numbered items under a chapeau ("Recommends ... the following measures:", then "1. The
    Government of India should ...") whose opening the rules do not know take the chapeau's
    action (codebook v1.4: an item of "Resolves that:" takes its parent's action); a paragraph
    that goes on with the chapeau's own numbering ("21. ... may order:", its "(a)" to "(e)", then
    "22. In the event of a recall ...") is the chapeau's sibling, not one of its items; so is, in
    a treaty, the next article's "1." after an article's lettered list. A
    sub-paragraph whose parent ends with no action (the model found no head in a heading such as
    "27. To ensure that countries have the necessary resources") is read on its own.
    ``titles`` are the titles of the paragraphs' documents (the theme model's instrument context).
    """
    documents = documents or [""] * len(texts)
    actions: list[str | None] = []
    sources: list[str] = []
    scores: list[float] = []
    by_number: dict[tuple[str, str], tuple[str | None, str, float]] = {}
    chapeau: tuple[str, str | None, str, float] | None = None  # (document, action, source, score)
    chapeau_that = False  # the chapeau is "Resolves / Decides that ...:"
    chapeau_number: str | None = None
    items = 0  # paragraphs taken as the chapeau's items so far
    lettered = False  # the chapeau's list is lettered: its own sub-paragraphs ("2 (a)") or items "(a)"
    model_rows = []
    for i, (text, kind, parent) in enumerate(zip(texts, kinds, parents)):
        if parent and (documents[i], parent) in by_number:
            action, source, score = by_number[(documents[i], parent)]
            lettered = lettered or (chapeau is not None and parent == chapeau_number)
        else:
            found = normalize_action(text, kind)
            action, source, score = (found.action, "rule", 1.0) if found.recognized else (None, "model", 0.0)
            # an item of "Resolves that:" takes the chapeau's action even where it opens with its
            # subject and a modal ("1. Budget appropriations ... shall be financed"; codebook v1.4)
            item = not found.recognized or (chapeau_that and is_modal_phrase(found.action))
            # a treaty's article ("may further indicate:", "shall be:") lists lettered items or
            # sub-paragraphs; the next article starts again at "1."
            treaty_list = lettered and chapeau is not None and is_modal_phrase(chapeau[1]) and not chapeau_that
            if item and chapeau and _list_ended(chapeau_number, numbers[i], items, treaty_list):
                chapeau = None
            if item and chapeau and chapeau[0] == documents[i] and kind == "operative":
                action, source, score = chapeau[1:]
                lettered = lettered or (not items and bool(numbers[i]) and not numbers[i][0].isdigit())
                items += 1
            elif not found.recognized:
                model_rows.append(i)
            # a preambular form ending with a colon is a treaty's preamble run into "Have agreed
            # as follows:", and "Adopts the Pact ... as follows:" introduces an adopted text whose
            # paragraphs have their own actions: neither opens a list
            elif kind == "operative" and text.rstrip().endswith(":") and not is_preambular_form(action) and action != "adopts":
                chapeau = (documents[i], action, source, score)
                chapeau_that = _RESOLVES_THAT.search(text) is not None
                chapeau_number, items, lettered = numbers[i], 0, False
            else:
                chapeau = None
        actions.append(action)
        sources.append(source)
        scores.append(score)
        if numbers[i]:
            by_number[(documents[i], numbers[i])] = (action, source, score)
    if model_rows:
        read = fitted.action_model.predict([texts[i] for i in model_rows], [kinds[i] for i in model_rows])
        for i, (action, score) in zip(model_rows, read):
            actions[i], scores[i] = action, score
        # sub-paragraphs of a model-decided parent take its prediction, down every level
        # ("25 (c) (iv)" from "25 (c)" from "25"), in document order; where the parent ends with
        # no action, a sub-paragraph is read on its own (its rule, else the model)
        predicted = set(model_rows)
        final: dict[tuple[str, str], tuple[str | None, float]] = {}
        unread = []
        for i, parent in enumerate(parents):
            if sources[i] == "model" and i not in predicted and (documents[i], parent) in final:
                actions[i], scores[i] = final[(documents[i], parent)]
                if actions[i] is None:
                    found = normalize_action(texts[i], kinds[i])
                    if found.recognized:
                        actions[i], sources[i], scores[i] = found.action, "rule", 1.0
                    else:
                        unread.append(i)
            if numbers[i]:
                final[(documents[i], numbers[i])] = (actions[i], scores[i])
        if unread:
            read = fitted.action_model.predict([texts[i] for i in unread], [kinds[i] for i in unread])
            for i, (action, score) in zip(unread, read):
                actions[i], scores[i] = action, score
    probabilities = theme_probabilities(fitted, texts, titles) if texts else np.zeros((0, len(fitted.theme_names)))
    return Predictions(actions, sources, scores, probabilities)


def _list_ended(chapeau: str | None, number: str | None, items: int, treaty_list: bool) -> bool:
    """Whether a paragraph numbered ``number`` comes after the end of a chapeau's list: a treaty
    article's list of lettered items or sub-paragraphs ends at the next paragraph numbered with
    digits ("2. ... may further indicate:", "2 (a)" to "2 (d)", then the next article's "1.");
    before any item, a paragraph that goes on with the chapeau's numbering ("22" after "21") is
    its sibling (a list under the chapeau starts afresh, "1" after "3")."""
    if treaty_list:
        return bool(number) and number[0].isdigit()
    if items:
        return False
    return bool(chapeau and number and chapeau.isdigit() and number.isdigit() and int(number) > int(chapeau))


def themes_from(fitted, probabilities: np.ndarray) -> list[list[str]]:
    cuts = np.array([fitted.thresholds[t] for t in fitted.theme_names])
    return [[t for t, hit in zip(fitted.theme_names, row >= cuts) if hit] for row in probabilities]


def tag(document, fitted) -> list[dict]:
    """Each paragraph's segmenter fields plus action, force and themes."""
    paragraphs = document.paragraphs
    predictions = predict(
        fitted,
        [p.text for p in paragraphs],
        [p.kind for p in paragraphs],
        [p.parent for p in paragraphs],
        [p.number for p in paragraphs],
        titles=[document.title] * len(paragraphs),
    )
    themes = themes_from(fitted, predictions.theme_probabilities)
    rows = []
    for i, p in enumerate(paragraphs):
        row = p.to_dict()
        action = predictions.actions[i]
        row.update(
            action=action,
            action_source=predictions.action_sources[i],
            action_score=round(predictions.action_scores[i], 4),
            force=force_of(action, p.kind),
            themes=themes[i],
            theme_scores={
                t: round(float(predictions.theme_probabilities[i, j]), 4) for j, t in enumerate(fitted.theme_names)
            },
        )
        rows.append(row)
    return rows
