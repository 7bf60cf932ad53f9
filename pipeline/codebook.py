"""Label sets and descriptions, read from a TOML data file so users can bring their own."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .errors import CorpusError

DEFAULT_CODEBOOK = Path(__file__).resolve().parents[1] / "data" / "codebook.toml"


@dataclass(frozen=True)
class Theme:
    name: str
    group: str
    description: str
    keywords: str = ""  # a case-insensitive regular expression: the words a reader would grep for


@dataclass(frozen=True)
class Codebook:
    name: str
    version: str
    kinds: tuple[str, ...]
    themes: tuple[Theme, ...]
    forces: dict[str, tuple[str, ...]]
    default_force: str
    path: str

    @property
    def theme_names(self) -> list[str]:
        return [t.name for t in self.themes]

    @property
    def keywords(self) -> dict[str, str]:
        return {t.name: t.keywords for t in self.themes if t.keywords}


def load_codebook(path: str | Path | None = None) -> Codebook:
    """Read a codebook file; every theme needs a unique name."""
    path = Path(path) if path else DEFAULT_CODEBOOK
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CorpusError(f"{path}: codebook file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise CorpusError(f"{path}: not valid TOML ({exc})") from None
    themes = []
    for number, entry in enumerate(data.get("themes", []), 1):
        if not isinstance(entry, dict) or not entry.get("name"):
            raise CorpusError(f"{path}: theme {number} has no name")
        keywords = entry.get("keywords", "")
        try:
            re.compile(keywords)
        except re.error as exc:
            raise CorpusError(f"{path}: theme {entry['name']}: keywords is not a valid regular expression ({exc})") from None
        themes.append(Theme(entry["name"], entry.get("group", ""), entry.get("description", ""), keywords))
    names = [t.name for t in themes]
    if not names:
        raise CorpusError(f"{path}: expected [[themes]] entries, found none")
    duplicated = sorted({n for n in names if names.count(n) > 1})
    if duplicated:
        raise CorpusError(f"{path}: theme names must be unique, repeated: {', '.join(duplicated)}")
    forces = dict(data.get("forces", {}))
    default_force = forces.pop("default", "declaratory")
    return Codebook(
        name=data.get("name", path.stem),
        version=str(data.get("version", "unversioned")),
        kinds=tuple(data.get("kinds", ("preambular", "operative"))),
        themes=tuple(themes),
        forces={k: tuple(v) for k, v in forces.items()},
        default_force=default_force,
        path=str(path),
    )
