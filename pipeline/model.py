"""The scikit-learn estimators, built from one config, and their fitted form for prediction.

scikit-learn is imported inside the functions that build estimators: a fitted pipeline is turned
into a ``LinearTextModel`` (vocabularies, idf weights and logistic coefficients as NumPy arrays)
that predicts the same probabilities without importing scikit-learn, which takes seconds.
"""

from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass, fields
from functools import lru_cache

import numpy as np

from .actions import head_candidates


@dataclass
class ModelConfig:
    """Hyperparameters of the two models; ``seed`` feeds every random_state."""

    seed: int = 13
    theme_C: float = 2.0  # chosen by `clauses train --search` (grouped 3-fold CV on train)
    theme_word_max_features: int = 30000
    theme_char_max_features: int = 30000
    theme_min_df: int = 2
    # each theme's logistic model reads the features scaled by their naive Bayes log-count ratio
    # for that theme (NBSVM, Wang and Manning 2012); grouped CV on train and the train-only model
    # on validation both scored it above plain tf-idf (README)
    theme_nb: bool = True
    theme_nb_alpha: float = 1.0  # the count added to every feature in that ratio
    head_C: float = 3.0  # chosen by `clauses train --search` (grouped 3-fold CV on train)
    head_window: int = 40  # tokens of an opening the head model looks at
    # per-theme thresholds tuned on validation scored below the plain 0.5 on validation series
    # they were not tuned on (benchmarks/thresholds.py: micro-F1 0.828 against 0.837), so they stay
    # at 0.5 unless asked for
    tune_thresholds: bool = False
    threshold_prior: float = 20.0  # validation positives at which a tuned threshold gets half weight
    keyword_weight: float = 2.0  # weight of the codebook-keyword block (chosen with theme_C)
    instrument_context: bool = True  # "the Treaty" also reads as the instrument the title names
    fit_jobs: int = 2  # threads fitting themes in parallel (train.fitting); results do not depend on it
    # fit on train + validation gold too (after the thresholds are tuned on validation, where they
    # are; otherwise the themes are fitted once, on both): on validation, macro-F1 still rose with
    # each fifth of the train series added (README)
    refit_validation: bool = True

    def __post_init__(self) -> None:
        if self.theme_C <= 0 or self.head_C <= 0:
            raise ValueError("C must be positive")
        if self.theme_min_df < 1 or self.head_window < 1:
            raise ValueError("theme_min_df and head_window must be at least 1")
        if self.theme_nb_alpha <= 0:
            raise ValueError("theme_nb_alpha must be positive")

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "ModelConfig":
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


def theme_model(config: ModelConfig, keywords: dict[str, str] | None = None):
    """Multi-label themes: word 1-2-grams, character 3-5-grams and, when the codebook gives them,
    which themes' keywords occur; one logistic model per theme (over naive-Bayes-scaled features
    with ``config.theme_nb``)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.pipeline import FeatureUnion, Pipeline

    blocks = [
        (
            "words",
            TfidfVectorizer(
                ngram_range=(1, 2), min_df=config.theme_min_df, sublinear_tf=True,
                max_features=config.theme_word_max_features, dtype=np.float32,
            ),
        ),
        (
            "chars",
            _word_char_vectorizer()(
                analyzer="char_wb", ngram_range=(3, 5), min_df=config.theme_min_df, sublinear_tf=True,
                max_features=config.theme_char_max_features, dtype=np.float32,
            ),
        ),
    ]
    if keywords:
        blocks.append(("keywords", TfidfVectorizer(analyzer=KeywordHits(keywords), use_idf=False, dtype=np.float32)))
    features = FeatureUnion(blocks, transformer_weights={"keywords": config.keyword_weight} if keywords else None)
    options = {"C": config.theme_C, "class_weight": "balanced", "max_iter": 2000, "random_state": config.seed}
    if config.theme_nb:
        estimator = _nb_logistic_regression()(alpha=config.theme_nb_alpha, **options)
    else:
        estimator = LogisticRegression(**options)
    classifier = OneVsRestClassifier(estimator, n_jobs=config.fit_jobs)
    return Pipeline([("features", features), ("classifier", classifier)])


@lru_cache(maxsize=1)
def _nb_logistic_regression() -> type:
    """The NBLogisticRegression class, built on first use: it subclasses scikit-learn's
    estimators, and importing scikit-learn would cost `clauses tag` seconds it does not need."""
    from scipy.sparse import csr_matrix
    from sklearn.base import BaseEstimator, ClassifierMixin
    from sklearn.linear_model import LogisticRegression

    class NBLogisticRegression(ClassifierMixin, BaseEstimator):
        """Binary logistic regression over features scaled by their naive Bayes log-count ratio:
        log of (share of the positive texts' feature occurrences) over (share of the negative
        texts'), each count plus ``alpha`` (NBSVM's "NB features", Wang and Manning 2012). A
        word that marks the theme weighs more before the regularized fit sees it.

        The ratio is folded into ``coef_``, so ``X @ coef_.T + intercept_`` is the decision
        function on unscaled features, as for a plain ``LogisticRegression``.
        """

        def __init__(self, *, alpha=1.0, C=1.0, class_weight=None, max_iter=100, random_state=None, warm_start=False):
            self.alpha = alpha
            self.C = C
            self.class_weight = class_weight
            self.max_iter = max_iter
            self.random_state = random_state
            self.warm_start = warm_start

        def fit(self, X, y):
            X, y = csr_matrix(X), np.asarray(y)
            self.classes_ = np.unique(y)
            if len(self.classes_) != 2:
                raise ValueError(f"expected two classes, found {len(self.classes_)}")
            # a vectorizer's CSR output stores each text's feature once (unsorted, but without
            # duplicates): counting column indices counts the texts a feature occurs in, without
            # copying X (the themes are fitted side by side)
            width = X.shape[1]
            in_positives = np.zeros(width, dtype=np.int64)
            for row in np.flatnonzero(y == self.classes_[1]):
                in_positives[X.indices[X.indptr[row] : X.indptr[row + 1]]] += 1
            p = in_positives + self.alpha
            q = np.bincount(X.indices, minlength=width) - in_positives + self.alpha
            self.ratio_ = (np.log(p / p.sum()) - np.log(q / q.sum())).astype(X.dtype)
            # the scaled features share X's indices and keep its dtype (the solver takes float32)
            values = self.ratio_[X.indices]
            values *= X.data
            scaled = csr_matrix((values, X.indices, X.indptr), shape=X.shape)
            logistic = getattr(self, "logistic_", None) if self.warm_start else None
            if logistic is None:
                logistic = LogisticRegression(
                    C=self.C, class_weight=self.class_weight, max_iter=self.max_iter, random_state=self.random_state
                )
            self.logistic_ = logistic.set_params(warm_start=self.warm_start).fit(scaled, y)
            self.coef_ = self.logistic_.coef_ * self.ratio_
            self.intercept_ = self.logistic_.intercept_
            return self

        def decision_function(self, X):
            return np.asarray(X @ self.coef_.T).ravel() + self.intercept_[0]

        def predict_proba(self, X):
            positive = 1.0 / (1.0 + np.exp(-self.decision_function(X)))
            return np.column_stack([1.0 - positive, positive])

        def predict(self, X):
            return self.classes_[(self.decision_function(X) > 0).astype(int)]

    NBLogisticRegression.__module__, NBLogisticRegression.__qualname__ = __name__, "NBLogisticRegression"
    return NBLogisticRegression


@lru_cache(maxsize=1)
def _word_char_vectorizer() -> type:
    """WordCharVectorizer, built on first use (it subclasses scikit-learn's TfidfVectorizer)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    class WordCharVectorizer(TfidfVectorizer):
        """A TfidfVectorizer whose "char_wb" analyzer cuts each distinct word into its n-grams
        once per fit or transform: "char_wb" reads every word on its own, so a text's n-grams are
        its words' n-grams in order, the same features as scikit-learn's (cutting the same words
        again took about 5 s of a 110 s fit)."""

        def build_analyzer(self):
            whole = super().build_analyzer()
            if self.analyzer != "char_wb":
                return whole
            preprocess, cut = self.build_preprocessor(), {}

            def analyze(text: str) -> list[str]:
                grams: list[str] = []
                for word in preprocess(self.decode(text)).split():
                    known = cut.get(word)
                    if known is None:
                        known = cut[word] = whole(word)
                    grams += known
                return grams

            return analyze

    WordCharVectorizer.__module__, WordCharVectorizer.__qualname__ = __name__, "WordCharVectorizer"
    return WordCharVectorizer


def __getattr__(name: str):  # pickled by name, found again here
    if name == "NBLogisticRegression":
        return _nb_logistic_regression()
    if name == "WordCharVectorizer":
        return _word_char_vectorizer()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def head_model(config: ModelConfig):
    """Is this word the paragraph's head verb: a logistic model over the features that
    ``actions.head_candidates`` gives each word of an opening the codebook's rules do not know."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    classifier = LogisticRegression(C=config.head_C, max_iter=2000, random_state=config.seed)
    return Pipeline([("features", DictVectorizer()), ("classifier", classifier)])


_BACK_REFERENCE = re.compile(r"\bthe (Treaty|Convention|Protocol|Instrument|Programme of Action|Agreement|Statute)\b")


def instrument_name(title: str, head: str) -> str | None:
    """The instrument a title names with ``head``: "Implementation of the Convention on Cluster
    Munitions" -> "Convention on Cluster Munitions"; "The Arms Trade Treaty" -> "Arms Trade Treaty"."""
    at = title.find(head)
    if at < 0:
        return None
    words = title[:at].split()
    k = len(words)
    while k and words[k - 1][:1].isupper() and words[k - 1].lower() != "the":
        k -= 1
    return " ".join([*words[k:], title[at:]])


def theme_input(text: str, title: str | None) -> str:
    """What the theme model reads: the paragraph, and where it points back to "the Treaty" (or
    Convention, Protocol ...) that the document's title names, that instrument's name. The codebook
    counts words that point back as the paragraph's own wording (rules 1 and 2)."""
    if not title:
        return text
    found = _BACK_REFERENCE.search(text)
    name = instrument_name(title, found.group(1)) if found else None
    if not name or name.lower() in text.lower():
        return text
    return f"{text} {name}"


def _atoms(pattern: str):
    """Walk a regular expression: (position, atom, at top level, inside a character class) for
    each atom, an escape pair or one character. At top level means outside groups and classes."""
    depth, in_class, i = 0, False, 0
    while i < len(pattern):
        atom = pattern[i : i + 2] if pattern[i] == "\\" else pattern[i]
        yield i, atom, depth == 0 and not in_class, in_class
        if in_class:
            in_class = atom != "]" or pattern[i - 1] == "["
        elif atom == "[":
            in_class = True
        elif atom == "(":
            depth += 1
        elif atom == ")":
            depth -= 1
        i += len(atom)


def quick_pattern(pattern: str) -> str:
    r"""The same regular expression, lower-cased and rewritten so that ``re`` can scan for it fast.

    ``re`` skips ahead to the characters a match can start with, but only when every branch
    starts with a literal: ``\bgirls?\b`` defeats it and costs a try at every position. A
    top-level branch ``\bX...`` (X a letter or digit) becomes ``X(?<=\bX)...``, which matches
    the same text; capturing groups become non-capturing (unless a backreference needs them).
    Literals are lower-cased, to match lower-cased text: several times faster than IGNORECASE.
    """
    keep_groups = re.search(r"\\[1-9]|\(\?P=", pattern) is not None
    atoms = [(atom, top, in_class) for _, atom, top, in_class in _atoms(pattern)]
    out: list[str] = []
    branch_start, k = True, 0
    while k < len(atoms):
        atom, top, in_class = atoms[k]
        following = atoms[k + 1][0] if k + 1 < len(atoms) else ""
        after = atoms[k + 2][0] if k + 2 < len(atoms) else ""
        if atom == "\\b" and branch_start and top and len(following) == 1 and following.isalnum() and after not in ("?", "*", "+", "{"):
            letter = following.lower()
            out.append(f"{letter}(?<=\\b{letter})")
            branch_start, k = False, k + 2
            continue
        if atom == "(" and not in_class and not keep_groups and following != "?":
            out.append("(?:")
        else:
            out.append(atom if atom.startswith("\\") else atom.lower())  # escapes (\S, \W) keep their case
        branch_start = atom == "|" and top
        k += 1
    return "".join(out)


_SPECIAL = frozenset("\\()[]{}?*+|.^$")


def literal_anchors(pattern: str) -> tuple[str, ...] | None:
    r"""Lower-cased strings of which any match of ``pattern`` contains one: the literal text each
    top-level branch starts with (after a ``\b``). None where a branch does not start with three
    literal characters or more: then only the pattern itself can tell.

    ``"anchor" in text`` runs at C speed; most paragraphs hold none of a theme's anchors, and the
    regular expression need not scan them.
    """
    bars = [i for i, atom, top, _ in _atoms(pattern) if atom == "|" and top]
    branches = [pattern[a + 1 : b] for a, b in zip([-1] + bars, bars + [len(pattern)])]
    anchors = []
    for branch in branches:
        branch = branch[2:] if branch.startswith("\\b") else branch
        run = ""
        for c in branch:
            if c in _SPECIAL:
                if c in "?*{":
                    run = run[:-1]  # the character before is optional
                break
            run += c
        if len(run) < 3:
            return None
        anchors.append(run.lower())
    return tuple(anchors)


class KeywordHits:
    """An analyzer: the names of the themes whose keyword pattern occurs in a text."""

    def __init__(self, patterns: dict[str, str]):
        self.patterns = dict(patterns)
        self._compiled: list[tuple[str, re.Pattern, tuple[str, ...] | None]] | None = None

    def __call__(self, text: str) -> list[str]:
        if self._compiled is None:
            self._compiled = [
                (name, re.compile(quick_pattern(p)), literal_anchors(p)) for name, p in self.patterns.items()
            ]
        text = text.lower()
        hits = []
        for name, pattern, anchors in self._compiled:
            if anchors is not None:
                for anchor in anchors:
                    if anchor in text:
                        break
                else:
                    continue  # no anchor: no match
            if pattern.search(text):
                hits.append(name)
        return hits

    def __getstate__(self) -> dict:
        return {"patterns": self.patterns, "_compiled": None}


# --- the fitted form ------------------------------------------------------------------------------

LARGE_BATCH = 200  # texts; above this, sparse products (scipy) beat NumPy bookkeeping
WORD_TOKENS = r"(?u)\b\w\w+\b"  # scikit-learn's token pattern: a token holds no space


def _char_ngrams(word: str, low: int, high: int) -> list[str]:
    """scikit-learn's char_wb n-grams of one word, padded with a space on each side."""
    word = f" {word} "
    out: list[str] = []
    for n in range(low, high + 1):
        if len(word) <= n:  # a word no longer than n counts once, whole
            out.append(word)
            break
        out += [word[i : i + n] for i in range(len(word) - n + 1)]
    return out


@dataclass
class _Vocabulary:
    """One fitted TfidfVectorizer: how it cuts text into terms, and each term's column and idf."""

    analyzer: str  # "word", "char_wb" or "keywords"
    ngram_range: tuple[int, int]
    token_pattern: str
    sublinear_tf: bool
    columns: dict[str, int]
    idf: np.ndarray
    weight: float = 1.0  # the FeatureUnion's weight of this block
    keywords: KeywordHits | None = None

    def terms(self, text: str) -> list[str]:
        """The terms a word or keyword analyzer yields for ``text``, as scikit-learn's does
        (character n-grams go word by word, through ``_term_columns``' cache)."""
        if self.keywords is not None:
            return self.keywords(text)
        low, high = self.ngram_range
        out: list[str] = []
        tokens = re.findall(self.token_pattern, text.lower())
        for n in range(low, high + 1):
            if n == 1:
                out.extend(tokens)
            elif n == 2:
                out.extend([f"{a} {b}" for a, b in zip(tokens, tokens[1:])])
            else:
                out.extend(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
        return out

    def __getstate__(self) -> dict:
        # caches, not the model
        return {k: v for k, v in self.__dict__.items() if k not in ("_word_cache", "_pair_index")}

    def _term_columns(self, text: str) -> list[int]:
        """The column of every known term occurrence in ``text`` (repeats kept)."""
        get = self.columns.get
        if self.analyzer != "char_wb":
            return [column for term in self.terms(text) if (column := get(term)) is not None]
        out: list[int] = []
        for word in text.lower().split():
            out.extend(self._word_columns(word))
        return out

    def _word_columns(self, word: str) -> list[int]:
        """The columns of one word's character n-grams: they stay inside words, so each distinct
        word's are computed once."""
        cache = self.__dict__.setdefault("_word_cache", {})
        columns = cache.get(word)
        if columns is None:
            if len(cache) > 500_000:
                cache.clear()
            get = self.columns.get
            columns = cache[word] = [c for g in _char_ngrams(word, *self.ngram_range) if (c := get(g)) is not None]
        return columns

    def _word_counts(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Character n-gram counts of a large batch as (texts x words) @ (words x n-grams): each
        distinct word's n-grams are listed once, not once per occurrence."""
        from scipy.sparse import csr_matrix

        word_ids: dict[str, int] = {}
        indices: list[int] = []
        indptr = [0]
        for text in texts:
            indices.extend([word_ids.setdefault(word, len(word_ids)) for word in text.lower().split()])
            indptr.append(len(indices))
        occurrences = csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(texts), len(word_ids)))
        grams: list[int] = []
        gram_ptr = [0]
        for word in word_ids:  # in id order
            grams.extend(self._word_columns(word))
            gram_ptr.append(len(grams))
        spelled = csr_matrix((np.ones(len(grams)), grams, gram_ptr), shape=(len(word_ids), len(self.idf)))
        counts = (occurrences @ spelled).tocsr()  # a product has no duplicate entries
        rows = np.repeat(np.arange(len(texts), dtype=np.int64), np.diff(counts.indptr))
        return rows, counts.indices.astype(np.int64), counts.data

    def _pairs(self) -> tuple[dict[str, int], np.ndarray, np.ndarray, np.ndarray]:
        """The word 1-2-gram vocabulary as numbers: an id for every word that occurs in a term,
        each id's unigram column (-1: none), and the bigrams' keys (first id x words + second id,
        sorted) with their columns."""
        index = self.__dict__.get("_pair_index")
        if index is None:
            ids: dict[str, int] = {}
            for term in self.columns:
                for word in term.split(" "):
                    ids.setdefault(word, len(ids))
            unigrams = np.full(len(ids), -1, dtype=np.int64)
            keys, bigram_columns = [], []
            for term, column in self.columns.items():
                first, _, second = term.partition(" ")
                if second:
                    keys.append(ids[first] * len(ids) + ids[second])
                    bigram_columns.append(column)
                else:
                    unigrams[ids[first]] = column
            order = np.argsort(keys)
            index = self.__dict__["_pair_index"] = (
                ids, unigrams, np.array(keys, dtype=np.int64)[order], np.array(bigram_columns, dtype=np.int64)[order],
            )
        return index

    def _pair_counts(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Rows and columns of every known word 1-2-gram occurrence in a large batch (repeats
        kept): the words are looked up once each, the pairs as numbers, not as joined strings."""
        ids, unigrams, keys, key_columns = self._pairs()
        get, pattern = ids.get, re.compile(self.token_pattern)
        found: list[int] = []
        lengths = []
        for text in texts:
            tokens = pattern.findall(text.lower())
            found.extend([get(token, -1) for token in tokens])
            lengths.append(len(tokens))
        word = np.array(found, dtype=np.int64)
        rows = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
        single = unigrams[word[word >= 0]]
        single_rows = rows[word >= 0][single >= 0]
        # pairs of neighbouring known words of one text, found among the bigram keys
        first, second = word[:-1], word[1:]
        paired = (first >= 0) & (second >= 0) & (rows[:-1] == rows[1:])
        pair_keys = first[paired] * len(ids) + second[paired]
        at = np.minimum(np.searchsorted(keys, pair_keys), max(len(keys) - 1, 0))
        known = keys[at] == pair_keys if len(keys) else np.zeros(len(pair_keys), dtype=bool)
        return (
            np.concatenate([single_rows, rows[:-1][paired][known]]),
            np.concatenate([single[single >= 0], key_columns[at[known]]]),
        )

    def vectors(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Rows (ascending), columns and L2-normalized tf-idf values of the texts' nonzero
        features, counted for the whole batch at once."""
        if self.analyzer == "char_wb" and len(texts) > LARGE_BATCH:
            rows, columns, tf = self._word_counts(texts)
        else:
            pairs = self.analyzer == "word" and self.ngram_range[1] <= 2 and self.token_pattern == WORD_TOKENS
            if pairs and len(texts) > LARGE_BATCH:
                rows, occurrences = self._pair_counts(texts)
            else:
                found, lengths = [], []
                for text in texts:
                    hits = self._term_columns(text)
                    found.extend(hits)
                    lengths.append(len(hits))
                rows = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
                occurrences = np.array(found, dtype=np.int64)
            width = len(self.idf)
            keys, counts = np.unique(rows * width + occurrences, return_counts=True)
            rows, columns = keys // width, keys % width
            tf = counts.astype(np.float64)
        if self.sublinear_tf:
            tf = np.log(tf) + 1.0
        values = tf * self.idf[columns]
        norms = np.sqrt(np.bincount(rows, weights=values * values, minlength=len(texts)))
        return rows, columns, values * (self.weight / norms[rows])


class LinearTextModel:
    """A fitted tf-idf + logistic regression pipeline, as arrays: predicts without scikit-learn.

    Built from a fitted ``Pipeline([("features", FeatureUnion of TfidfVectorizer), ("classifier",
    LogisticRegression or OneVsRestClassifier(LogisticRegression))])``; ``predict_proba`` returns
    what the pipeline's ``predict_proba`` returns (tests hold them equal).
    """

    def __init__(self, vocabularies: list[_Vocabulary], coef: np.ndarray, intercept: np.ndarray, *, multilabel: bool, classes):
        self.vocabularies = vocabularies
        self.offsets = np.cumsum([0] + [len(v.idf) for v in vocabularies])[:-1]
        self.coef_ = np.ascontiguousarray(coef, dtype=np.float32)  # (n_features, n_outputs)
        self.intercept_ = np.asarray(intercept, dtype=np.float64)
        self.multilabel = multilabel
        self.classes_ = np.asarray(classes)

    @classmethod
    def from_pipeline(cls, pipeline) -> "LinearTextModel":
        vocabularies = []
        union = pipeline.named_steps["features"]
        weights = union.transformer_weights or {}
        for name, vectorizer in union.transformer_list:
            if vectorizer.norm != "l2" or not vectorizer.lowercase or vectorizer.stop_words or vectorizer.preprocessor:
                raise ValueError("only lower-casing, l2-normalized TfidfVectorizers without stop words are supported")
            keywords = vectorizer.analyzer if isinstance(vectorizer.analyzer, KeywordHits) else None
            if keywords is None and vectorizer.analyzer not in ("word", "char_wb"):
                raise ValueError(f"unsupported analyzer {vectorizer.analyzer!r}")
            columns = {term: int(col) for term, col in vectorizer.vocabulary_.items()}
            vocabularies.append(
                _Vocabulary(
                    analyzer="keywords" if keywords else vectorizer.analyzer, ngram_range=tuple(vectorizer.ngram_range),
                    token_pattern=vectorizer.token_pattern, sublinear_tf=vectorizer.sublinear_tf, columns=columns,
                    idf=np.asarray(vectorizer.idf_, dtype=np.float64) if vectorizer.use_idf else np.ones(len(columns)),
                    weight=float(weights.get(name, 1.0)), keywords=keywords,
                )
            )
        classifier = pipeline.named_steps["classifier"]
        if hasattr(classifier, "estimators_"):  # one-vs-rest over the label columns
            coef = np.vstack([e.coef_ for e in classifier.estimators_]).T
            intercept = np.concatenate([e.intercept_ for e in classifier.estimators_])
            return cls(vocabularies, coef, intercept, multilabel=True, classes=classifier.classes_)
        return cls(vocabularies, classifier.coef_.T.copy(), classifier.intercept_.copy(), multilabel=False, classes=classifier.classes_)

    def decision_function(self, texts: list[str]) -> np.ndarray:
        scores = np.tile(self.intercept_, (len(texts), 1)).astype(np.float64)
        if not texts:
            return scores
        parts = [vocabulary.vectors(texts) for vocabulary in self.vocabularies]
        if len(texts) > LARGE_BATCH:
            # a batch: a sparse product per block (scipy is imported only here; a single
            # resolution is scored without it, which keeps `clauses tag` quick to start)
            from scipy.sparse import csr_matrix

            for (rows, columns, values), offset, vocabulary in zip(parts, self.offsets, self.vocabularies):
                width = len(vocabulary.idf)
                indptr = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=len(texts)))])
                block = csr_matrix((values, columns, indptr), shape=(len(texts), width))
                scores += block @ self.coef_[offset : offset + width].astype(np.float64)
            return scores
        rows = np.concatenate([r for r, _, _ in parts])
        columns = np.concatenate([c + offset for (_, c, _), offset in zip(parts, self.offsets)])
        values = np.concatenate([v for _, _, v in parts])
        np.add.at(scores, rows, self.coef_[columns] * values[:, None])
        return scores

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        scores = self.decision_function(texts)
        if self.multilabel or scores.shape[1] == 1:
            positive = 1.0 / (1.0 + np.exp(-scores))
            return positive if self.multilabel else np.hstack([1.0 - positive, positive])
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)


class HeadModel:
    """The action of an opening the codebook's rules do not know ("Small island developing States
    seek ...", "Monitoring should be used ..."): each candidate word of the opening is scored as
    the head verb; the best one's reading is the action, or there is none ("International trade
    and development;") where no candidate scores ``threshold`` or more.

    Built from a fitted ``head_model`` pipeline; holds its weights as a dict, so that it predicts
    without scikit-learn.
    """

    def __init__(self, weights: dict[str, float], intercept: float, *, threshold: float = 0.5, window: int = 40):
        self.weights = weights
        self.intercept = intercept
        self.threshold = threshold
        self.window = window

    @classmethod
    def from_pipeline(cls, pipeline, *, window: int) -> "HeadModel":
        names = pipeline.named_steps["features"].feature_names_
        classifier = pipeline.named_steps["classifier"]
        weights = {name: float(w) for name, w in zip(names, classifier.coef_[0]) if w}
        return cls(weights, float(classifier.intercept_[0]), window=window)

    def candidate_scores(self, text: str, kind: str) -> list[tuple[str, float]]:
        """Each candidate's action and its probability of being the head."""
        get = self.weights.get
        out = []
        for candidate in head_candidates(text, kind, window=self.window):
            z = self.intercept + sum(get(f, 0.0) for f in candidate.features)
            out.append((candidate.action, 1.0 / (1.0 + math.exp(-z))))
        return out

    def best(self, text: str, kind: str) -> tuple[str | None, float]:
        """The best-scored candidate's action and score, before the threshold; (None, 0.0) for
        an opening without words."""
        scored = self.candidate_scores(text, kind)
        return max(scored, key=lambda c: c[1]) if scored else (None, 0.0)

    def predict(self, texts: list[str], kinds: list[str]) -> list[tuple[str | None, float]]:
        """The action of each opening (None: it has no head) and the model's confidence in it."""
        out = []
        for text, kind in zip(texts, kinds):
            action, p = self.best(text, kind)
            out.append((action, p) if p >= self.threshold else (None, 1.0 - p))
        return out
