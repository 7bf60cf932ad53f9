"""The `clauses` command line: parses arguments, calls the library, prints. No logic of its own.

Heavy imports (scikit-learn, datasets, matplotlib) happen inside the commands that need them, so
that `clauses tag` starts fast.
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from .errors import ClausesError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Read United Nations resolutions paragraph by paragraph: segment, tag, train, evaluate.",
)
corpus_app = typer.Typer(no_args_is_help=True, help="Build and describe the labeled corpus.")
app.add_typer(corpus_app, name="corpus")


class SegmentFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


def _fail(message: str, code: int = 2) -> None:
    typer.echo(f"clauses: {message}", err=True)
    raise typer.Exit(code)


def _read_document(path: str):
    from .ingest import read
    from .segment import segment

    source = read(path)
    for warning in source.warnings:
        typer.echo(f"clauses: {source.path}: {warning}", err=True)
    document = segment(source.text, page_starts=source.page_starts or None)
    return source, document


@app.command("segment")
def segment_command(
    file: str = typer.Argument(..., help="A resolution: .txt, .md, .pdf, .docx, .html, or - for stdin."),
    format: SegmentFormat = typer.Option(SegmentFormat.table, "--format", "-f", help="Output format."),
    show_dropped: bool = typer.Option(False, "--show-dropped", help="Also list what is not paragraph text."),
) -> None:
    """Split a resolution into its paragraphs, footnotes and metadata."""
    source, document = _read_document(file)
    if format is SegmentFormat.jsonl:
        for paragraph in document.paragraphs:
            sys.stdout.write(json.dumps(paragraph.to_dict(), ensure_ascii=False) + "\n")
        if show_dropped:
            for span in document.dropped:
                typer.echo(f"dropped {span.reason}: {span.text}", err=True)
        return
    if format is SegmentFormat.json:
        typer.echo(json.dumps(document.to_dict(show_dropped=show_dropped), ensure_ascii=False, indent=2))
        return
    from .report import print_segmentation

    print_segmentation(document, show_dropped=show_dropped)


def main() -> None:
    """Entry point: library errors become one line on stderr and exit code 2."""
    try:
        app(standalone_mode=False)
    except ClausesError as exc:
        typer.echo(f"clauses: {exc}", err=True)
        sys.exit(exc.exit_code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        typer.echo("clauses: aborted", err=True)
        sys.exit(130)
    except KeyboardInterrupt:
        typer.echo("clauses: interrupted", err=True)
        sys.exit(130)
    except (OSError, UnicodeError) as exc:
        typer.echo(f"clauses: {exc}", err=True)
        sys.exit(2)
    except Exception as exc:  # click's usage errors carry their own exit codes
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        raise
