"""Notebooks are executed so that they cannot rot: every code cell, in order, in one namespace."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs(path, monkeypatch, capsys):
    monkeypatch.chdir(ROOT / "notebooks")
    namespace: dict = {"__name__": "__notebook__"}
    for number, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"]):
        if cell["cell_type"] == "code":
            exec(compile("".join(cell["source"]), f"{path.name} cell {number}", "exec"), namespace)
    assert capsys.readouterr().out  # the cells printed what they show


def test_there_is_a_notebook():
    assert NOTEBOOKS and os.path.getsize(NOTEBOOKS[0]) > 0
