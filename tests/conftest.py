from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
EXAMPLE = ROOT / "data" / "examples" / "CTOC-COP-2020-L.5-Rev.1.txt"


def raw_records(name: str) -> list[dict]:
    with gzip.open(RAW / name, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


@pytest.fixture(scope="session")
def example_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")
