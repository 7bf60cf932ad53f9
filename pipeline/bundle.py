"""Save and load a model directory: model.joblib, metadata.json, README.md (the model card).

A model file is code: joblib runs what it unpickles. Load only model directories you trust; the
sha256 recorded in metadata.json is checked before the file is opened, so a file changed after
saving is refused.
"""

from __future__ import annotations

import hashlib
import json
import platform
import warnings
from pathlib import Path

from . import __version__
from .errors import ModelError

MODEL_FILE = "model.joblib"
METADATA_FILE = "metadata.json"
CARD_FILE = "README.md"


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def versions() -> dict:
    import datasets
    import sklearn

    return {
        "python": platform.python_version(),
        "scikit-learn": sklearn.__version__,
        "datasets": datasets.__version__,
        "resolution-clauses": __version__,
    }


def save(fitted, directory: str | Path, *, metadata: dict, card: str) -> Path:
    """Write the bundle into a temporary directory, then move it into place in one step."""
    import joblib

    from .corpus import atomic_directory

    directory = Path(directory)
    with atomic_directory(directory) as tmp:
        joblib.dump(fitted, tmp / MODEL_FILE, compress=3)
        metadata = {**metadata, "versions": versions(), "model_sha256": sha256(tmp / MODEL_FILE)}
        (tmp / METADATA_FILE).write_text(json.dumps(metadata, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        (tmp / CARD_FILE).write_text(card, encoding="utf-8")
    return directory


def read_metadata(directory: str | Path) -> dict:
    directory = Path(directory)
    if not directory.is_dir():
        raise ModelError(f"{directory}: no model directory here (train one with `clauses train`)")
    missing = [name for name in (MODEL_FILE, METADATA_FILE) if not (directory / name).is_file()]
    if missing:
        raise ModelError(f"{directory}: not a complete model directory, missing {', '.join(missing)}")
    try:
        return json.loads((directory / METADATA_FILE).read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ModelError(f"{directory / METADATA_FILE}: not valid JSON ({exc.msg})") from None


def load(directory: str | Path):
    """Load a bundle after checking the model file's hash; warn when versions differ."""
    import joblib

    directory = Path(directory)
    metadata = read_metadata(directory)
    expected = metadata.get("model_sha256")
    if not expected or sha256(directory / MODEL_FILE) != expected:
        raise ModelError(
            f"{directory / MODEL_FILE}: the file was changed after it was saved (sha256 does not "
            "match metadata.json); refusing to load it"
        )
    saved = metadata.get("versions", {})
    # the installed version, read without importing scikit-learn (which takes seconds)
    from importlib.metadata import version

    running = version("scikit-learn")
    if saved.get("scikit-learn") and saved["scikit-learn"] != running:
        warnings.warn(f"model saved with scikit-learn {saved['scikit-learn']}, running {running}", stacklevel=2)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fitted = joblib.load(directory / MODEL_FILE)
    return fitted, metadata
