"""Dicts and documents -> what people read: terminal tables, Markdown, HTML, PNG plots."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table


def _console() -> Console:
    return Console(soft_wrap=False)


def _opening(text: str, words: int = 12) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" ..." if len(parts) > words else "")


def print_segmentation(document, *, show_dropped: bool = False) -> None:
    """A table of a segmented document's paragraphs."""
    console = _console()
    meta = document.metadata
    console.print(
        f"[bold]{meta['symbol'] or 'no symbol'}[/bold]  {meta['title'] or ''}\n"
        f"{meta['body'] or ''}  sponsors: {meta['sponsors'] or '-'}  date: {meta['date'] or '-'}"
    )
    table = Table(show_lines=False)
    for column in ("#", "number", "kind", "page", "fn", "opening words"):
        table.add_column(column, overflow="fold")
    for p in document.paragraphs:
        table.add_row(
            str(p.index),
            p.number or "",
            p.kind,
            str(p.page or ""),
            ",".join(f.marker for f in p.footnotes),
            _opening(p.text),
        )
    console.print(table)
    kinds = [p.kind for p in document.paragraphs]
    console.print(
        f"{kinds.count('preambular')} preambular and {kinds.count('operative')} operative paragraphs, "
        f"{len(document.footnotes)} footnotes"
    )
    if show_dropped:
        for span in document.dropped:
            console.print(f"[dim]dropped ({span.reason}):[/dim] {span.text}")
