"""The scikit-learn estimators, built from one config. Nothing else lives here."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

import numpy as np

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import FeatureUnion, Pipeline


@dataclass
class ModelConfig:
    """Hyperparameters of the two models; ``seed`` feeds every random_state."""

    seed: int = 13
    theme_C: float = 8.0
    theme_word_max_features: int = 30000
    theme_char_max_features: int = 30000
    theme_min_df: int = 2
    action_C: float = 10.0
    action_opening_words: int = 6
    action_min_count: int = 5

    def __post_init__(self) -> None:
        if self.theme_C <= 0 or self.action_C <= 0:
            raise ValueError("C must be positive")
        if self.theme_min_df < 1 or self.action_opening_words < 1:
            raise ValueError("theme_min_df and action_opening_words must be at least 1")

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "ModelConfig":
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


def theme_model(config: ModelConfig) -> Pipeline:
    """Multi-label themes: word 1-2-grams and character 3-5-grams, one logistic model per theme."""
    features = FeatureUnion(
        [
            (
                "words",
                TfidfVectorizer(
                    ngram_range=(1, 2), min_df=config.theme_min_df, sublinear_tf=True,
                    max_features=config.theme_word_max_features, dtype=np.float32,
                ),
            ),
            (
                "chars",
                TfidfVectorizer(
                    analyzer="char_wb", ngram_range=(3, 5), min_df=config.theme_min_df, sublinear_tf=True,
                    max_features=config.theme_char_max_features, dtype=np.float32,
                ),
            ),
        ]
    )
    classifier = OneVsRestClassifier(
        LogisticRegression(C=config.theme_C, class_weight="balanced", max_iter=2000, random_state=config.seed)
    )
    return Pipeline([("features", features), ("classifier", classifier)])


def action_model(config: ModelConfig) -> Pipeline:
    """Action from a paragraph's opening words, for openings the codebook's rules do not know."""
    features = FeatureUnion(
        [
            ("words", TfidfVectorizer(ngram_range=(1, 3), sublinear_tf=True, max_features=10000, dtype=np.float32)),
            ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, max_features=10000, dtype=np.float32)),
        ]
    )
    classifier = LogisticRegression(C=config.action_C, max_iter=300, random_state=config.seed)
    return Pipeline([("features", features), ("classifier", classifier)])


def opening(text: str, kind: str, words: int) -> str:
    """What the action model reads: the kind and the first words."""
    return f"{kind} " + " ".join(text.split()[:words])
