"""Raw documents + annotations -> a Hugging Face DatasetDict, with series and grouped splits."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import CorpusError
from .segment import normalize_text

RAW_FILES = {
    "ga-pdf": "ga-78-80-pdf-text.jsonl.gz",
    "ga-markdown": "ga-80-markdown.jsonl.gz",
    "sc": "sc-1946-1994-gold-text.jsonl.gz",
    "sc-drafts": "sc-drafts-2016-2024.jsonl.gz",
}
REQUIRED_COLUMNS = ("symbol", "text", "source")


@dataclass(frozen=True)
class RawDocument:
    doc_id: str
    symbol: str
    source: str  # one of RAW_FILES' keys
    title: str | None
    year: int | None
    text: str


def text_hash(text: str) -> str:
    """Short stable hash of a paragraph's normalized text; annotations are keyed by it."""
    return hashlib.sha1(normalize_text(text).encode()).hexdigest()[:16]


def _year(record: dict, source: str) -> int | None:
    if record.get("year"):
        return int(record["year"])
    for key in ("date", "text"):
        m = re.search(r"\b(19[4-9]\d|20[0-3]\d)\b", str(record.get(key) or "")[:2000])
        if m:
            return int(m.group(1))
    return None


def read_raw(raw_dir: str | Path, source: str) -> list[RawDocument]:
    """Read one raw corpus file; every record must have the required columns."""
    path = Path(raw_dir) / RAW_FILES[source]
    if not path.exists():
        raise CorpusError(f"{path}: raw corpus file not found")
    documents = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line_number, line in enumerate(handle, 1):
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CorpusError(f"{path}:{line_number}: not valid JSON ({exc.msg})") from None
            missing = [c for c in REQUIRED_COLUMNS if not isinstance(record.get(c), str)]
            if missing:
                found = ", ".join(sorted(record)) or "nothing"
                raise CorpusError(
                    f"{path}:{line_number}: expected columns {', '.join(REQUIRED_COLUMNS)}; "
                    f"missing {', '.join(missing)}; found: {found}"
                )
            symbol = record["symbol"].strip()
            documents.append(
                RawDocument(
                    doc_id=symbol if source != "ga-markdown" else f"md:{symbol}",
                    symbol=symbol,
                    source=source,
                    title=(record.get("title") or None),
                    year=_year(record, source),
                    text=record["text"],
                )
            )
    return documents


def read_all_raw(raw_dir: str | Path) -> list[RawDocument]:
    """The dataset's documents: one per symbol, the PDF-text rendition where there are two."""
    documents = []
    for source in ("ga-pdf", "sc", "sc-drafts"):
        documents.extend(read_raw(raw_dir, source))
    seen: set[str] = set()
    unique = []
    for doc in documents:
        if doc.doc_id in seen:
            continue
        seen.add(doc.doc_id)
        unique.append(doc)
    return unique
