"""resolution-clauses: read United Nations resolutions paragraph by paragraph.

The public API::

    from pipeline import read, segment, load_model, tag
    document = segment(read("resolution.pdf").text)
    fitted, metadata = load_model("models/default")
    rows = tag(document, fitted)

``train`` and ``evaluate`` take a ``datasets.DatasetDict`` built by ``clauses corpus build``.
None of these imports scikit-learn or datasets; the functions that need them import them.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .bundle import load as load_model  # noqa: E402
from .evaluate import evaluate  # noqa: E402
from .ingest import read  # noqa: E402
from .segment import segment  # noqa: E402
from .tag import tag  # noqa: E402
from .train import train  # noqa: E402

__all__ = ["__version__", "evaluate", "load_model", "read", "segment", "tag", "train"]
