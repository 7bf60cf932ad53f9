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


def _read(path: str):
    from .ingest import read

    source = read(path)
    for warning in source.warnings:
        typer.echo(f"clauses: {source.path}: {warning}", err=True)
    return source


def _segment(source):
    from .segment import segment

    return segment(source.text, page_starts=source.page_starts or None)


def _read_document(path: str):
    source = _read(path)
    return source, _segment(source)


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


class TagFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    html = "html"
    md = "md"


class StatsFormat(str, Enum):
    table = "table"
    json = "json"


DEFAULT_MODEL = Path("models/default")
DEFAULT_CORPUS = Path("data/corpus")


def _progress(description: str, total: int):
    from rich.progress import Progress

    progress = Progress(transient=True)
    task = progress.add_task(description, total=total)
    return progress, lambda: progress.advance(task)


@app.command("tag")
def tag_command(
    files: list[str] = typer.Argument(..., help="One or more resolutions (txt, md, pdf, docx, html, -)."),
    model: Path = typer.Option(DEFAULT_MODEL, "--model", "-m", help="Model directory."),
    format: TagFormat = typer.Option(TagFormat.table, "--format", "-f", help="Output format."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write here instead of stdout."),
    timings: bool = typer.Option(False, "--timings", help="Print where the time went, on stderr."),
) -> None:
    """Tag each paragraph with its action, force and themes."""
    import time

    clock = {"start": time.perf_counter()}
    from . import bundle
    from .report import render_tags
    from .tag import tag

    clock["imports"] = time.perf_counter()
    fitted, metadata = bundle.load(model)
    clock["model load"] = time.perf_counter()
    from .segment import looks_like_resolution

    results = []
    read_s = segment_s = predict_s = 0.0
    for file in files:
        t0 = time.perf_counter()
        source = _read(file)
        t1 = time.perf_counter()
        document = _segment(source)
        t2 = time.perf_counter()
        if not document.paragraphs or not looks_like_resolution(document):
            _fail(
                f"{source.path}: no resolution paragraphs found (expected an authoring-body line such as "
                "'The General Assembly,', numbered paragraphs, or paragraphs opening 'Recalling ...', 'Urges ...')"
            )
        rows = tag(document, fitted)
        t3 = time.perf_counter()
        read_s, segment_s, predict_s = read_s + t1 - t0, segment_s + t2 - t1, predict_s + t3 - t2
        results.append((source.path, document, rows))
    text = render_tags(results, format.value)
    if output:
        from .report import write_atomic

        write_atomic(output, text)
    else:
        sys.stdout.write(text)
    if timings:
        end = time.perf_counter()
        typer.echo(
            f"imports {clock['imports'] - clock['start']:.3f}s, model load {clock['model load'] - clock['imports']:.3f}s, "
            f"reading {read_s:.3f}s, segmentation {segment_s:.3f}s, prediction {predict_s:.3f}s, "
            f"total {end - clock['start']:.3f}s",
            err=True,
        )


@app.command("train")
def train_command(
    corpus: Path = typer.Option(DEFAULT_CORPUS, "--corpus", help="Corpus built by `clauses corpus build`."),
    out: Path = typer.Option(DEFAULT_MODEL, "--out", help="Model directory to write."),
    seed: int = typer.Option(13, "--seed", help="Random seed."),
    search: bool = typer.Option(
        False, "--search", help="First choose hyperparameters by cross-validation grouped by series (train split only)."
    ),
    codebook: Optional[Path] = typer.Option(None, "--codebook", help="Codebook TOML whose keywords feed the theme model."),
    refit: bool = typer.Option(
        True, "--refit/--no-refit", help="After tuning the thresholds on validation, fit again on train and validation."
    ),
) -> None:
    """Train the action and theme models on a labeled corpus and save a model bundle."""
    from rich.console import Console

    from .workflow import train_and_save

    console = Console(stderr=True)
    with console.status("training") as status:
        metadata = train_and_save(
            corpus, out, seed=seed, search=search, codebook=codebook, refit=refit, progress=lambda m: status.update(m)
        )
    if "search" in metadata:
        console.print(f"search: best {metadata['search']['best']} in {metadata['search']['seconds']:.0f}s "
                      f"({len(metadata['search']['results'])} settings x {metadata['search']['folds']} folds)")
    console.print(f"saved {out} (fit {metadata['fit_seconds']:.1f}s); test theme micro-F1 "
                  f"{metadata['metrics']['theme_micro_f1']}, action accuracy {metadata['metrics']['action_accuracy']}")


@app.command("evaluate")
def evaluate_command(
    model: Path = typer.Option(DEFAULT_MODEL, "--model", "-m", help="Model directory."),
    corpus: Path = typer.Option(DEFAULT_CORPUS, "--corpus", help="Corpus built by `clauses corpus build`."),
    split: str = typer.Option("test", "--split", help="train, validation or test."),
    format: StatsFormat = typer.Option(StatsFormat.table, "--format", "-f"),
    report: Optional[Path] = typer.Option(None, "--report", help="Write metrics.json, report.md and PNG plots here."),
) -> None:
    """Per-theme precision, recall and F1, action accuracy, beside two baselines."""
    from .workflow import evaluate_model

    metrics = evaluate_model(model, corpus, split=split)
    if report:
        from .report import write_report

        write_report(metrics, report)
    if format is StatsFormat.json:
        typer.echo(json.dumps(metrics, indent=2))
    else:
        from .report import print_metrics

        print_metrics(metrics)


@corpus_app.command("build")
def corpus_build_command(
    raw: Path = typer.Option(Path("data/raw"), "--raw"),
    annotations: Path = typer.Option(Path("data/annotations"), "--annotations"),
    out: Path = typer.Option(DEFAULT_CORPUS, "--out"),
    codebook: Optional[Path] = typer.Option(None, "--codebook", help="A codebook TOML of your own."),
    splits: Path = typer.Option(
        Path("data/splits.json"), "--splits", help="Document -> split pins: kept where the file exists, written where not."
    ),
) -> None:
    """Build the labeled corpus (a Hugging Face DatasetDict) from raw texts and annotations."""
    from .corpus import build_corpus, read_all_raw

    total = len(read_all_raw(raw))
    progress, advance = _progress("segmenting documents", total)
    with progress:
        stats = build_corpus(raw, annotations, out, codebook_path=codebook, splits_path=splits, progress=advance)
    problems = stats["annotation_problems"]
    for problem in problems[:10]:
        typer.echo(f"clauses: warning: {problem}", err=True)
    if len(problems) > 10:
        typer.echo(f"clauses: warning: {len(problems) - 10} more annotation problems, all listed in stats.json", err=True)
    typer.echo(f"wrote {out}: {stats['documents']} documents, {stats['paragraphs']} paragraphs, "
               f"{stats['gold_paragraphs']} gold; checksum {stats['checksum'][:16]}")


@corpus_app.command("stats")
def corpus_stats_command(
    corpus: Path = typer.Option(DEFAULT_CORPUS, "--corpus"),
    format: StatsFormat = typer.Option(StatsFormat.table, "--format", "-f"),
) -> None:
    """Documents, paragraphs, gold counts, splits, themes, agreement, near-duplicate share."""
    from .workflow import read_corpus_stats

    stats = read_corpus_stats(corpus)
    if format is StatsFormat.json:
        typer.echo(json.dumps(stats, indent=2))
    else:
        from .report import print_corpus_stats

        print_corpus_stats(stats)


def main() -> None:
    """Entry point: library errors become one line on stderr and exit code 2."""
    try:
        # without standalone mode, click returns the code of a typer.Exit instead of raising it
        code = app(standalone_mode=False)
        if isinstance(code, int) and code:
            sys.exit(code)
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
