"""Train on a tiny dataset, save, load, tag, evaluate; bad model directories; the CLI wiring."""

from __future__ import annotations

import json

import pytest
from datasets import Dataset, DatasetDict
from typer.testing import CliRunner

from pipeline import bundle
from pipeline.cli import app
from pipeline.corpus import features
from pipeline.errors import ModelError
from pipeline.evaluate import evaluate
from pipeline.model import ModelConfig, theme_input
from pipeline.segment import segment
from pipeline.tag import tag
from pipeline.train import theme_probabilities, train

THEMES = ["firearms", "gender", "funding"]
ACTIONS = ["urges", "requests", "recalling", "<unrecognized>"]
ROWS = [
    ("Urges States to stop the illicit trade in firearms;", "urges", ["firearms"]),
    ("Urges States to mainstream gender perspectives;", "urges", ["gender"]),
    ("Requests voluntary contributions to the trust fund;", "requests", ["funding"]),
    ("Requests States to mark firearms and small arms;", "requests", ["firearms"]),
    ("Recalling the role of women and girls,", "recalling", ["gender"]),
    ("Recalling the financial resources of the fund,", "recalling", ["funding"]),
    ("Urges donors to fund programmes for women;", "urges", ["funding", "gender"]),
    ("Requests a report on small arms and light weapons;", "requests", ["firearms"]),
]


def tiny_dataset(test_rows=None, *, train_rows=None, validation_rows=None, actions=ACTIONS) -> DatasetDict:
    schema = features(THEMES, actions)
    def split(rows, series):
        return Dataset.from_dict(
            {
                "doc_id": [f"d{i}" for i in range(len(rows))], "symbol": ["S"] * len(rows), "source": ["ga-pdf"] * len(rows),
                "series": [series] * len(rows), "year": [2024] * len(rows), "index": list(range(len(rows))),
                "number": [None] * len(rows), "parent": [None] * len(rows),
                "kind": ["preambular" if t.startswith("Recalling") else "operative" for t, _, _ in rows],
                "segment_kind": ["preambular" if t.startswith("Recalling") else "operative" for t, _, _ in rows],
                "action": [a for _, a, _ in rows], "action_source": ["gold"] * len(rows), "text": [t for t, _, _ in rows],
                "title": [None] * len(rows),
                "themes": [th for _, _, th in rows], "theme_source": ["gold"] * len(rows),
                "annotator": ["test"] * len(rows), "carried_from": [None] * len(rows),
            },
            features=schema,
        )
    return DatasetDict({
        "train": split(train_rows or ROWS * 3, "a"), "validation": split(validation_rows or ROWS, "b"),
        "test": split(test_rows or ROWS, "c"),
    })


@pytest.fixture(scope="module")
def fitted():
    return train(tiny_dataset(), ModelConfig(theme_min_df=1, seed=3))


def test_overfit_save_load_same_predictions(fitted, tmp_path):
    document = segment("The General Assembly,\n\nRecalling the role of women and girls,\n\n1. Urges States to stop the illicit trade in firearms;\n")
    before = tag(document, fitted)
    assert [r["action"] for r in before] == ["recalling", "urges"]
    assert before[0]["force"] is None and before[1]["force"] == "exhortation"
    assert "gender" in before[0]["themes"] and "firearms" in before[1]["themes"]
    bundle.save(fitted, tmp_path / "m", metadata={"seed": 3}, card="card")
    loaded, metadata = bundle.load(tmp_path / "m")
    assert tag(document, loaded) == before
    assert metadata["model_sha256"] == bundle.sha256(tmp_path / "m" / "model.joblib")


def test_training_is_reproducible():
    a = evaluate(train(tiny_dataset(), ModelConfig(theme_min_df=1, seed=5)), tiny_dataset())
    b = evaluate(train(tiny_dataset(), ModelConfig(theme_min_df=1, seed=5)), tiny_dataset())
    assert json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)
    assert set(a) >= {"action_accuracy", "theme_micro_f1", "theme_macro_f1", "per_theme", "baselines"}


def test_refit_learns_from_validation_and_evaluating_there_is_refused(fitted):
    """After the thresholds are tuned on validation, the model is fitted again on train and
    validation (without tuning, once on both): what only validation teaches is learned, and
    validation figures are refused."""
    ammunition = ("Urges States to trace ammunition stockpiles;", "urges", ["firearms"])
    dataset = tiny_dataset(validation_rows=ROWS + [ammunition] * 3)
    refit = train(dataset, ModelConfig(theme_min_df=1, seed=3, tune_thresholds=True))
    train_only = train(dataset, ModelConfig(theme_min_df=1, seed=3, tune_thresholds=True, refit_validation=False))
    assert refit.info["fitted_on"] == ["train", "validation"] and train_only.info["fitted_on"] == ["train"]
    assert refit.thresholds == train_only.thresholds  # tuned before the second fit
    firearms = THEMES.index("firearms")
    def score(model):
        return theme_probabilities(model, [ammunition[0]])[0, firearms]

    assert score(refit) > score(train_only) + 0.05
    # with the thresholds at 0.5 there is no train-only fit: the themes are fitted once, on both
    once = train(dataset, ModelConfig(theme_min_df=1, seed=3))
    assert once.info["fitted_on"] == ["train", "validation"] and set(once.thresholds.values()) == {0.5}
    assert score(once) > score(train(dataset, ModelConfig(theme_min_df=1, seed=3, refit_validation=False))) + 0.05
    with pytest.raises(ModelError, match="fitted on the validation split"):
        evaluate(refit, dataset, split="validation")
    assert evaluate(train_only, dataset, split="validation")["split"] == "validation"


def test_thresholds_are_tuned_on_validation_only_when_asked_and_shrunk_by_support(fitted):
    import numpy as np

    from pipeline.train import tune_thresholds

    assert set(fitted.thresholds.values()) == {0.5}  # the default: validation does not move them
    # one theme whose positives score 0.3 and negatives 0.1: F1 is best from the cut 0.15 to 0.3
    probabilities = np.array([[0.3], [0.3], [0.1], [0.1]])
    truth = np.array([[1], [1], [0], [0]])
    assert tune_thresholds(probabilities, truth, ["t"], prior=1e-9) == {"t": 0.15}
    assert tune_thresholds(probabilities, truth, ["t"], prior=2.0) == {"t": 0.325}  # halfway to 0.5: 2 positives


def test_numbered_measures_under_a_chapeau_take_its_action(fitted):
    document = segment(
        "The Security Council,\n\nRecommends to the two Governments the following measures:\n\n"
        "1. The Government of India should withdraw its forces;\n\n2. The Commission should report to the Council;\n\n"
        "3. Requests the Secretary-General to assist the Commission.\n"
    )
    rows = tag(document, fitted)
    assert [(r["action"], r["action_source"]) for r in rows] == [
        ("recommends", "rule"), ("recommends", "rule"), ("recommends", "rule"), ("requests", "rule"),
    ]


def test_items_of_resolves_that_take_its_action_even_with_a_modal(fitted):
    document = segment(
        "The General Assembly,\n\nResolves that, for 2026:\n\n"
        "1. Budget appropriations totalling 3,461,385,200 dollars shall be financed in accordance with the Financial Regulations;\n\n"
        "2. The income from staff assessment shall be credited to the Tax Equalization Fund;\n\n"
        "3. Requests the Secretary-General to report.\n\n"
        "4. Each State Party shall adopt such measures as may be necessary;\n"
    )
    rows = tag(document, fitted)
    assert [r["action"] for r in rows] == ["resolves", "resolves", "resolves", "requests", "shall adopt"]


def test_a_paragraph_that_goes_on_with_the_chapeaus_numbering_is_not_its_item(fitted):
    document = segment(
        "The General Assembly,\n\n1. Adopts the principles annexed to the present resolution;\n\n"
        "Annex\n\n21. The relevant authority may order the following measures:\n\n"
        "(a) A ban on the supply of the product;\n\n(b) A rejection of its importation;\n\n"
        "22. Member States should develop a system to communicate recalls.\n"
    )
    rows = tag(document, fitted)
    found = {r["number"]: (r["action"], r["action_source"]) for r in rows}
    assert found["21 (a)"] == found["21 (b)"] == ("may order", "rule")
    assert found["22"][0] != "may order" and found["22"][1] == "model"


def test_a_treaty_articles_list_ends_at_the_next_article(fitted):
    from pipeline.tag import predict

    # "2. ... may further indicate:" and its sub-paragraphs, then the next article's "1." and "2.";
    # an unnumbered "shall be:" and its lettered items, then the final clauses' "1."
    texts = [
        "The document may further indicate:", "The date of delivery;", "The route;",
        "The absence of one or more particulars does not affect the legal validity of the document.",
        "Nothing in paragraph 1 affects the liability of the operator.",
        "The method referred to in this chapter shall be:", "As reliable as appropriate;", "Proven in fact.",
        "This Convention is open for signature by all States.",
    ]
    numbers = ["2", "2 (a)", "2 (b)", "1", "2", None, "(a)", "(b)", "1"]
    parents = [None, "2", "2", None, None, None, None, None, None]
    found = predict(fitted, texts, ["operative"] * len(texts), parents, numbers)
    assert found.actions[:3] == ["may indicate"] * 3 and found.actions[5:8] == ["shall be"] * 3
    assert [found.action_sources[i] for i in (3, 4, 8)] == ["model"] * 3
    assert not {found.actions[i] for i in (3, 4, 8)} & {"may indicate", "shall be"}
    # a treaty's preamble run into "Have agreed as follows:" is no chapeau for the first article
    treaty = predict(
        fitted, ["Convinced that uniform rules help trade, Have agreed as follows:", "This Convention applies to cargo."],
        ["operative"] * 2, [None, None], [None, "1"],
    )
    assert treaty.actions[0] == "convinced" and treaty.action_sources[1] == "model"
    # "Adopts the ... as follows:" introduces an adopted text, not a list of items
    adopted = predict(
        fitted, ["Adopts the following Pact for the Future:", "We are at a time of profound global transformation."],
        ["operative"] * 2, [None, None], [None, "1"],
    )
    assert adopted.actions[0] == "adopts" and adopted.action_sources[1] == "model"
    # in a resolution, numbered items go on after lettered ones ("Approves the agenda:", "(a)", "1.")
    resolution = predict(
        fitted, ["Approves the following agenda:", "Opening of the session.", "Adoption of the report."],
        ["operative"] * 3, [None, None, None], [None, "(a)", "1"],
    )
    assert resolution.actions == ["approves"] * 3


def test_a_sub_paragraph_whose_parent_has_no_action_is_read_on_its_own(fitted):
    from pipeline.tag import predict

    texts = ["To ensure that countries have the resources they need", "We commit to strengthen tax systems;", "We stress the importance of transparency;"]
    numbers, parents = ["27", "27 (a)", "27 (b)"], [None, "27", "27"]
    found = predict(fitted, texts, ["operative"] * 3, parents, numbers)
    # the heading's head is a guess below the model's threshold: it gets no action
    assert found.actions[0] is None
    assert found.actions[1:] == ["commits", "stresses"] and found.action_sources[1:] == ["rule", "rule"]


def test_theme_intervals_resample_whole_series():
    from pipeline.evaluate import theme_intervals, theme_scores

    truth = [["gender"], ["gender"], ["funding"], ["funding"], [], ["gender", "funding"]]
    perfect = theme_intervals(truth, truth, ["a", "a", "b", "b", "c", "c"], THEMES, samples=200)
    assert perfect["theme_micro_f1"] == [1.0, 1.0] and perfect["theme_macro_f1"] == [1.0, 1.0]
    # series "b" is all wrong: the interval spans resamples with and without it
    predicted = [["gender"], ["gender"], [], [], [], ["gender", "funding"]]
    point = theme_scores(truth, predicted, THEMES)["theme_micro_f1"]
    low, high = theme_intervals(truth, predicted, ["a", "a", "b", "b", "c", "c"], THEMES, samples=500)["theme_micro_f1"]
    assert low < point < high == 1.0


def test_evaluation_scores_text_never_seen_in_training_apart(fitted):
    fresh = ("Urges States to protect journalists who cover elections in remote provinces;", "urges", [])
    result = evaluate(fitted, tiny_dataset(test_rows=ROWS + [fresh]))
    assert result["paragraphs"] == len(ROWS) + 1
    # every other test paragraph repeats a training paragraph word for word
    assert result["unseen_text"]["paragraphs"] == 1


def test_evaluation_names_the_documents_that_hold_the_action_errors(fitted):
    from pipeline.report import metrics_markdown

    mislabeled = ("Urges States to report on firearms;", "requests", ["firearms"])  # the rule reads "urges"
    result = evaluate(fitted, tiny_dataset(test_rows=ROWS + [mislabeled]))
    assert result["action_errors_by_document"] == [{"document": f"d{len(ROWS)}", "errors": 1, "paragraphs": 1}]
    assert f"| d{len(ROWS)} | 1 | 1 |" in metrics_markdown(result)


def test_theme_errors_are_counted_per_document():
    from pipeline.evaluate import theme_errors_by_document

    truth = [["gender"], ["gender", "funding"], [], ["firearms"]]
    predicted = [["gender"], ["funding", "victims"], [], []]
    found = theme_errors_by_document(truth, predicted, ["a", "b", "b", "c"])
    # b: one true positive, a false positive and a miss; c: one miss; a has no error. Without b
    # the split holds a's true positive and c's miss (micro-F1 2/3), without c b's and a's counts
    assert found == [
        {"document": "b", "paragraphs": 2, "true_positives": 1, "false_positives": 1, "misses": 1, "micro_f1": 0.5,
         "micro_f1_without": 0.6667},
        {"document": "c", "paragraphs": 1, "true_positives": 0, "false_positives": 0, "misses": 1, "micro_f1": 0.0,
         "micro_f1_without": 0.6667},
    ]


def test_tampered_or_incomplete_model_directory_is_refused(fitted, tmp_path):
    directory = bundle.save(fitted, tmp_path / "m", metadata={}, card="card")
    with open(directory / "model.joblib", "ab") as handle:
        handle.write(b"tampered")
    with pytest.raises(ModelError, match="changed after it was saved"):
        bundle.load(directory)
    (directory / "metadata.json").unlink()
    with pytest.raises(ModelError, match="missing metadata.json"):
        bundle.load(directory)
    with pytest.raises(ModelError, match="no model directory"):
        bundle.load(tmp_path / "nothing")


def test_cli_tag_formats_and_errors(fitted, tmp_path):
    bundle.save(fitted, tmp_path / "m", metadata={}, card="card")
    doc = tmp_path / "r.txt"
    doc.write_text("The General Assembly,\n\nRecalling the role of women,\n\n1. Requests a report on small arms;\n")
    runner = CliRunner()
    result = runner.invoke(app, ["tag", str(doc), "--model", str(tmp_path / "m"), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["action"] for r in rows] == ["recalling", "requests"]
    assert set(rows[0]) >= {"index", "number", "parent", "kind", "text", "footnotes", "page", "start", "end", "action",
                            "action_source", "action_score", "force", "themes", "theme_scores"}
    for fmt in ("csv", "html", "md", "table", "json"):
        out = tmp_path / f"out.{fmt}"
        result = runner.invoke(app, ["tag", str(doc), "--model", str(tmp_path / "m"), "--format", fmt, "--output", str(out)])
        assert result.exit_code == 0 and out.read_text()
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = runner.invoke(app, ["tag", str(empty), "--model", str(tmp_path / "m")])
    assert result.exit_code != 0
    prose = tmp_path / "prose.txt"
    prose.write_text("This is a letter about the weather, not a resolution.\n")
    result = runner.invoke(app, ["tag", str(prose), "--model", str(tmp_path / "m")])
    assert result.exit_code == 2 and "no resolution paragraphs" in result.output


def test_main_turns_a_missing_corpus_feature_into_one_line(tmp_path, capsys):
    import sys

    from pipeline import cli

    broken = tiny_dataset()
    broken["train"] = broken["train"].remove_columns("series")
    broken.save_to_disk(str(tmp_path / "corpus" / "dataset"))
    (tmp_path / "corpus" / "stats.json").write_text("{}")
    capsys.readouterr()  # the progress bars of saving the broken corpus
    argv = sys.argv
    sys.argv = ["clauses", "train", "--corpus", str(tmp_path / "corpus"), "--out", str(tmp_path / "m")]
    try:
        with pytest.raises(SystemExit) as exit_:
            cli.main()
    finally:
        sys.argv = argv
    err = capsys.readouterr().err
    assert exit_.value.code == 2
    assert "expected features series" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("nb", [True, False])
def test_fitted_form_predicts_what_the_scikit_learn_pipeline_predicts(nb):
    import numpy as np

    from pipeline.model import LinearTextModel, theme_model

    texts = [text for text, _, _ in ROWS]
    labels = np.array([[int(t in themes) for t in THEMES] for _, _, themes in ROWS])
    config = ModelConfig(theme_min_df=1, theme_nb=nb)
    unseen = ["Urges States to trace firearms and to fund women's programmes;", "Recalling, again,", ""]
    keywords = {"firearms": "firearm|small arms", "gender": r"\bwomen|gender"}
    pipeline = theme_model(config, keywords).fit(texts, labels)
    assert np.allclose(LinearTextModel.from_pipeline(pipeline).predict_proba(unseen), pipeline.predict_proba(unseen), atol=1e-5)
    many = unseen * 80  # more than 200 texts: the batch path, through a sparse product
    assert np.allclose(LinearTextModel.from_pipeline(pipeline).predict_proba(many), pipeline.predict_proba(many), atol=1e-5)


def test_word_char_vectorizer_gives_scikit_learns_char_wb_features():
    import pickle

    from sklearn.feature_extraction.text import TfidfVectorizer

    from pipeline import model

    texts = [
        "Urges  States\tto trace FIREARMS;", "Recalling, again, its résolution 9/2", "", "a an", "firearms firearms",
    ]
    options = {"analyzer": "char_wb", "ngram_range": (3, 5), "sublinear_tf": True, "max_features": 40}
    ours, theirs = model.WordCharVectorizer(**options), TfidfVectorizer(**options)
    assert ours.fit(texts).vocabulary_ == theirs.fit(texts).vocabulary_
    assert (ours.transform(texts) != theirs.transform(texts)).nnz == 0
    assert pickle.loads(pickle.dumps(ours)).vocabulary_ == ours.vocabulary_
    # the other analyzers are scikit-learn's own
    assert model.WordCharVectorizer().build_analyzer()("Urges States") == ["urges", "states"]


def test_naive_bayes_logistic_regression_is_a_logistic_regression_on_scaled_features():
    import pickle

    import numpy as np
    from scipy.sparse import csr_matrix, diags
    from sklearn.base import clone
    from sklearn.linear_model import LogisticRegression

    from pipeline import model

    # columns: a word only in positives, one only in negatives, one in every text
    X = csr_matrix(np.array([[1, 0, 1], [1, 0, 1], [0, 1, 1], [0, 1, 1], [0, 0, 1], [1, 0, 1]], dtype=float))
    y = np.array([1, 1, 0, 0, 0, 1])
    nb = model.NBLogisticRegression(alpha=1.0, C=2.0, random_state=0).fit(X, y)
    # counts plus one: positives [4, 1, 4] of 9, negatives [1, 3, 4] of 8
    assert np.allclose(nb.ratio_, np.log([(4 / 9) / (1 / 8), (1 / 9) / (3 / 8), (4 / 9) / (4 / 8)]))
    plain = LogisticRegression(C=2.0, random_state=0).fit(X @ diags(nb.ratio_), y)
    assert np.allclose(nb.predict_proba(X), plain.predict_proba(X @ diags(nb.ratio_)))
    assert nb.coef_[0, 0] > 0 > nb.coef_[0, 1] and list(nb.predict(X)) == list(y)
    assert clone(nb).get_params() == nb.get_params()
    assert np.allclose(pickle.loads(pickle.dumps(nb)).predict_proba(X), nb.predict_proba(X))
    with pytest.raises(ValueError, match="two classes"):
        model.NBLogisticRegression().fit(X, np.ones(6))


def test_head_model_reads_the_verb_after_a_subject_and_knows_a_paragraph_without_one():
    import numpy as np

    from pipeline.actions import head_candidates
    from pipeline.model import HeadModel, head_model
    from pipeline.train import fit_heads

    examples = [
        ("Small island developing States seek to build resilience;", "operative", "seek"),
        ("Developing countries face many challenges in trade;", "operative", "face"),
        ("Member States need stronger systems of records;", "operative", "need"),
        ("National authorities require support and training;", "operative", "require"),
        ("Electronic monitoring should be used sparingly;", "operative", "should be used"),
        ("Young people are encouraged to take part;", "operative", "are encouraged"),
        ("International trade and development;", "operative", "<unrecognized>"),
        ("Disaster risk reduction;", "operative", "<unrecognized>"),
        ("Combating sand and dust storms;", "operative", "<unrecognized>"),
    ]
    config = ModelConfig(head_C=10.0)
    head = fit_heads(examples, config)
    assert head.predict(["Least developed countries seek more support;", "Protection of global climate;"], ["operative"] * 2)[0][0] == "seek"
    assert head.predict(["Protection of global climate;"], ["operative"])[0][0] is None
    # the fitted form scores each candidate as the scikit-learn pipeline does
    rows = [({f: 1.0 for f in c.features}, c.action == gold) for text, kind, gold in examples for c in head_candidates(text, kind)]
    pipeline = head_model(config).fit([r for r, _ in rows], [y for _, y in rows])
    compiled = HeadModel.from_pipeline(pipeline, window=config.head_window)
    text = "Least developed countries seek more support;"
    expected = pipeline.predict_proba([{f: 1.0 for f in c.features} for c in head_candidates(text, "operative")])[:, 1]
    assert np.allclose([p for _, p in compiled.candidate_scores(text, "operative")], expected, atol=1e-9)


def test_loading_a_bundle_does_not_import_scikit_learn(fitted, tmp_path):
    import subprocess
    import sys

    bundle.save(fitted, tmp_path / "m", metadata={"config": fitted.config.to_dict()}, card="# card\n")
    code = (
        "import sys; from pipeline import bundle; from pipeline.tag import predict; "
        f"f, _ = bundle.load({str(tmp_path / 'm')!r}); predict(f, ['Urges States;', 'Small States seek support;'], ['operative'] * 2, [None] * 2, [None] * 2); "
        "print('sklearn' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_grouped_search_scores_every_setting_on_train_only():
    from pipeline.train import search

    dataset = tiny_dataset()
    train_split = dataset["train"]
    # three series in train, so that a grouped 3-fold split exists
    dataset["train"] = train_split.map(lambda row, i: {"series": f"s{i % 3}"}, with_indices=True)
    result = search(dataset, ModelConfig(theme_min_df=1), {"theme_C": [1.0, 10.0]}, folds=3)
    assert [r["params"] for r in result["results"]] == [{"theme_C": 1.0}, {"theme_C": 10.0}]
    assert all(len(r["folds"]) == 3 for r in result["results"])
    assert result["best"] in ({"theme_C": 1.0}, {"theme_C": 10.0}) and result["seconds"] >= 0


def test_grouped_search_chooses_the_head_model_setting_apart():
    from pipeline.train import search

    subjects = ["Small island developing States", "Developing countries", "Member States", "National authorities"]
    verbs = ["seek", "face", "need"]
    heads = [(f"{s} {v} support in {t};", v, []) for s in subjects for v in verbs for t in ("trade", "health", "data")]
    dataset = tiny_dataset(train_rows=ROWS * 3 + heads, actions=ACTIONS + verbs)
    dataset["train"] = dataset["train"].map(lambda row, i: {"series": f"s{i % 3}"}, with_indices=True)
    result = search(dataset, ModelConfig(theme_min_df=1), {"theme_C": [1.0], "head_C": [0.01, 10.0]}, folds=3)
    assert [r["params"] for r in result["results"]] == [{"theme_C": 1.0}]  # head fields are not crossed with theme fields
    scores = {r["params"]["head_C"]: r["ranking_accuracy"] for r in result["heads"]["results"]}
    assert scores[10.0] > 0.9 and result["heads"]["results"][0]["paragraphs"] == len(heads)
    assert result["best"] == {"theme_C": 1.0, "head_C": max(scores, key=scores.get)}


def test_the_installed_command_exits_non_zero_with_one_line(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    clauses = Path(sys.executable).with_name("clauses")
    prose = tmp_path / "prose.txt"
    prose.write_text("This is a letter about the weather, not a resolution.\n")
    for args in (["tag", str(prose)], ["segment", str(tmp_path / "missing.txt")], ["evaluate", "--model", str(tmp_path)]):
        done = subprocess.run([str(clauses), *args], capture_output=True, text=True)
        assert done.returncode == 2, (args, done.stderr)
        assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr


@pytest.mark.parametrize(
    "pattern",
    [r"\bgirls?\b|\bBoys?\b|child", r"\btrac(e|ing)\b", r"record-keeping|registers?\b", r"\b(?:x|y)z", r"[(|]\b\d",
     r"a(b|\bc)", r"\bx?y", r"\bx+y", r"(ab)\1|\bq", r"\Sfund|\bWomen\b"],
)
def test_quick_pattern_matches_what_the_pattern_matches(pattern):
    import re

    from pipeline.model import quick_pattern

    texts = ["Girls and boys", "the boyscout", "tracing, traced, retrace", "Trace", "(1 (|2", "abab q", "ac a c xz yz",
             "xxy", "X y", "registers", "record-keeping", "women's fund", " fund", "WOMEN"]
    fast = re.compile(quick_pattern(pattern))
    for text in texts:
        assert bool(fast.search(text.lower())) == bool(re.search(pattern, text, re.IGNORECASE)), (pattern, text)


def test_keyword_hits_match_what_the_codebook_patterns_match():
    """The anchors and rewritten patterns are speed only: the same themes as plain re.IGNORECASE."""
    import re
    from pathlib import Path

    from pipeline.codebook import load_codebook
    from pipeline.model import KeywordHits, literal_anchors

    root = Path(__file__).resolve().parent.parent
    patterns = load_codebook(root / "data" / "codebook.toml").keywords
    patterns.update({"t1": r"\bx?yz|abc+d", "t2": r"[ab]cde|stud(y|ies)", "t3": r"registers?\b|\bGirls?\b"})
    text = (root / "data" / "examples" / "CTOC-COP-2020-L.5-Rev.1.txt").read_text(encoding="utf-8")
    texts = [p.text for p in segment(text).paragraphs] + ["abccd yz", "bcde", "Registe", "GIRL", "studies", "xyz"]
    hits = KeywordHits(patterns)
    for text in texts:
        assert hits(text) == [n for n, p in patterns.items() if re.search(p, text, re.IGNORECASE)], text
    assert literal_anchors(r"\bgirls?\b|child") == ("girl", "child")
    assert literal_anchors(r"[ab]cde|xyz") is None  # a branch without a literal start: no shortcut


@pytest.mark.parametrize(
    ("text", "title", "expected"),
    [
        ("Calls upon States to accede to the Treaty;", "The Arms Trade Treaty",
         "Calls upon States to accede to the Treaty; Arms Trade Treaty"),
        ("Welcomes the meetings of the Convention;", "Implementation of the Convention on Cluster Munitions",
         "Welcomes the meetings of the Convention; Convention on Cluster Munitions"),
        # already named, not a defined term, or a title that names no such instrument: unchanged
        ("Recalls the Arms Trade Treaty and urges States to join the Treaty;", "The Arms Trade Treaty",
         "Recalls the Arms Trade Treaty and urges States to join the Treaty;"),
        ("Stresses that the treaty bodies matter;", "Human rights treaty body system", "Stresses that the treaty bodies matter;"),
        ("Welcomes the Treaty;", "Question of Tokelau", "Welcomes the Treaty;"),
        ("Welcomes the Treaty;", None, "Welcomes the Treaty;"),
    ],
)
def test_theme_input_names_the_instrument_the_paragraph_points_back_to(text, title, expected):
    assert theme_input(text, title) == expected


def test_a_large_batch_counts_word_pairs_as_text_by_text():
    import numpy as np

    from pipeline.model import LARGE_BATCH, WORD_TOKENS, _Vocabulary

    # "small" is known only inside the bigram; "arms trade" spans two texts when they are joined
    columns = {"small arms": 0, "arms": 1, "trade": 2, "arms trade": 3, "trade treaty": 4}
    vocabulary = _Vocabulary(
        analyzer="word", ngram_range=(1, 2), token_pattern=WORD_TOKENS, sublinear_tf=True, columns=columns,
        idf=np.array([1.0, 1.5, 2.0, 2.5, 3.0]),
    )
    texts = ["Small arms, small arms and the Arms", "trade", "", "arms trade treaty x", "no known word"] * (LARGE_BATCH // 4)
    together = vocabulary.vectors(texts)
    one_by_one = [vocabulary.vectors([text]) for text in texts[:5]]
    assert len(texts) > LARGE_BATCH
    for k, (rows, cols, values) in enumerate(one_by_one):
        mine = together[0] == k
        assert together[1][mine].tolist() == cols.tolist() and np.allclose(together[2][mine], values)
    assert (together[0] == 1).sum() == 1 and together[1][together[0] == 1].tolist() == [2]


def test_the_head_threshold_is_chosen_over_validation_and_held_out_train_readings():
    from pipeline.train import tune_head_threshold

    # two headings scored 0.3 and 0.35 (right only when left without action), three paragraphs
    # whose action is read at 0.4 to 0.6: only the cut 0.4 gets all five right
    scored = [(("is", 0.3), "<unrecognized>"), (("are", 0.35), "<unrecognized>"),
              (("urges", 0.4), "urges"), (("notes", 0.5), "notes"), (("seeks", 0.6), "seeks")]
    assert tune_head_threshold(scored) == 0.4
    # a wrong reading is worth leaving without action: the cut rises above it
    assert tune_head_threshold(scored + [(("has", 0.45), "<unrecognized>")] * 2) == 0.5
