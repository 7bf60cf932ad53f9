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


# --- tagging output ------------------------------------------------------------------------------

TAG_COLUMNS = ("file", "index", "number", "kind", "action", "force", "themes", "text")


def render_tags(results, format: str) -> str:
    """Tagged paragraphs of one or more documents in the asked format."""
    import csv
    import io
    import json

    if format == "jsonl":
        return "".join(json.dumps(row, ensure_ascii=False) + "\n" for _, _, rows in results for row in rows)
    if format == "json":
        return json.dumps(
            [{"file": path, "metadata": doc.metadata, "paragraphs": rows} for path, doc, rows in results],
            ensure_ascii=False, indent=2,
        ) + "\n"
    if format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(TAG_COLUMNS)
        for path, _, rows in results:
            for r in rows:
                writer.writerow([path, r["index"], r["number"] or "", r["kind"], r["action"] or "", r["force"] or "", ";".join(r["themes"]), r["text"]])
        return buffer.getvalue()
    if format == "md":
        lines = []
        for path, doc, rows in results:
            lines += [f"## {doc.metadata['symbol'] or path}", "", "| # | kind | action (force) | themes | opening |", "|---|---|---|---|---|"]
            for r in rows:
                force = f" ({r['force']})" if r["force"] else ""
                lines.append(f"| {r['number'] or ''} | {r['kind']} | {r['action'] or ''}{force} | {', '.join(r['themes'])} | {_opening(r['text']).replace('|', '/')} |")
            lines.append("")
        return "\n".join(lines) + "\n"
    if format == "html":
        return _html(results)
    return _table(results)


def _table(results) -> str:
    console = Console(record=True, width=140, file=__import__("io").StringIO())
    for path, doc, rows in results:
        table = Table(title=f"{doc.metadata['symbol'] or path}: {doc.metadata['title'] or ''}", show_lines=False)
        for column in ("number", "kind", "action", "force", "themes", "opening words"):
            table.add_column(column, overflow="fold")
        for r in rows:
            table.add_row(r["number"] or "", r["kind"][:4], r["action"] or "?", r["force"] or "", ", ".join(r["themes"]), _opening(r["text"], 10))
        console.print(table)
    return console.export_text()


_FORCE_COLOURS = {"binding": "#f4c7c3", "exhortation": "#fce8b2", "request": "#d2e3fc", "encouragement": "#ceead6", "declaratory": "#eeeeee"}


def _html(results) -> str:
    from html import escape

    parts = ["<!doctype html><html><head><meta charset='utf-8'><title>resolution-clauses</title><style>",
             "body{font-family:Georgia,serif;max-width:60rem;margin:2rem auto;line-height:1.5}",
             ".p{padding:.4rem .6rem;margin:.4rem 0;border-radius:4px}.pre{background:#fafafa;font-style:italic}",
             ".tag{font:12px sans-serif;background:#444;color:#fff;border-radius:3px;padding:0 4px;margin-right:3px}",
             ".meta{font:12px sans-serif;color:#555}</style></head><body>"]
    for path, doc, rows in results:
        parts.append(f"<h1>{escape(doc.metadata['symbol'] or path)}</h1><h2>{escape(doc.metadata['title'] or '')}</h2>")
        parts.append("<p class='meta'>" + " ".join(f"<span style='background:{c};padding:0 6px'>{f}</span>" for f, c in _FORCE_COLOURS.items()) + "</p>")
        for r in rows:
            colour = _FORCE_COLOURS.get(r["force"] or "", "#fafafa")
            css = "p pre" if r["kind"] == "preambular" else "p"
            tags = "".join(f"<span class='tag'>{escape(t)}</span>" for t in r["themes"])
            number = f"<b>{escape(r['number'])}.</b> " if r["number"] else ""
            parts.append(
                f"<div class='{css}' style='background:{colour}'>{number}{escape(r['text'])}"
                f"<div class='meta'>{escape(r['action'] or '?')} {escape(r['force'] or '')} {tags}</div></div>"
            )
    parts.append("</body></html>\n")
    return "".join(parts)


def write_atomic(path, text: str) -> None:
    import os
    import tempfile
    from pathlib import Path

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        # mkstemp makes the file private (0600); give it the permissions a plain write would
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# --- metrics --------------------------------------------------------------------------------------


def print_metrics(metrics: dict) -> None:
    console = _console()
    keywords, majority = metrics["baselines"]["keywords"], metrics["baselines"]["majority"]
    console.print(
        f"split {metrics['split']}: {metrics['paragraphs']} gold paragraphs\n"
        f"action accuracy {metrics['action_accuracy']} ("
        + ", ".join(f"{path}: {p['paragraphs']} paragraphs at {p['accuracy']}" for path, p in metrics["action_by_path"].items())
        + ")\n"
        f"theme micro-F1 {metrics['theme_micro_f1']}  macro-F1 {metrics['theme_macro_f1']}{_intervals(metrics)}"
        f" (on the {metrics['unseen_text']['paragraphs']} paragraphs with no near-duplicate in what it was fitted on: micro"
        f" {metrics['unseen_text']['theme_micro_f1']} macro {metrics['unseen_text']['theme_macro_f1']})\n"
        f"baselines: keywords micro {keywords['theme_micro_f1']} macro {keywords['theme_macro_f1']} action {keywords['action_accuracy']}; "
        f"majority micro {majority['theme_micro_f1']} macro {majority['theme_macro_f1']} action {majority['action_accuracy']}"
        + _error_documents(metrics)
    )
    table = Table()
    for column in ("theme", "precision", "recall", "F1", "support", "keyword F1"):
        table.add_column(column)
    for theme, row in metrics["per_theme"].items():
        table.add_row(theme, str(row["precision"]), str(row["recall"]), str(row["f1"]), str(row["support"]), str(keywords["per_theme"][theme]["f1"]))
    console.print(table)


def _error_documents(metrics: dict, top: int = 5) -> str:
    """The documents that hold the most action and theme errors, as lines for the summary."""
    lines = ""
    actions = metrics.get("action_errors_by_document", [])[:top]
    if actions:
        lines += "\naction errors by document: " + ", ".join(f"{d['document']} {d['errors']} of {d['paragraphs']}" for d in actions)
    themes = metrics.get("theme_errors_by_document", [])[:top]
    if themes:
        lines += "\ntheme errors (false positives + misses) by document: " + ", ".join(
            f"{d['document']} {d['false_positives'] + d['misses']} in {d['paragraphs']} paragraphs" for d in themes
        )
    return lines


def _intervals(metrics: dict) -> str:
    """The 95 % intervals over series as a phrase for the summary line; empty without them."""
    found = metrics.get("intervals")
    if not found:
        return ""
    micro, macro = found["theme_micro_f1"], found["theme_macro_f1"]
    return f" (95 % interval over series: micro {micro[0]}-{micro[1]}, macro {macro[0]}-{macro[1]})"


def metrics_markdown(metrics: dict) -> str:
    keywords = metrics["baselines"]["keywords"]
    lines = [
        f"# Evaluation on the {metrics['split']} split ({metrics['paragraphs']} gold paragraphs)", "",
        "| measure | model | keyword baseline | majority baseline |", "|---|---|---|---|",
    ]
    for key in ("action_accuracy", "theme_micro_f1", "theme_macro_f1"):
        lines.append(f"| {key} | {metrics[key]} | {keywords[key]} | {metrics['baselines']['majority'][key]} |")
    unseen = metrics["unseen_text"]
    lines += [
        "", f"Theme F1{_intervals(metrics)}.",
        "", f"On the {unseen['paragraphs']} paragraphs with no near-duplicate in what the model was fitted on: theme micro-F1 "
        f"{unseen['theme_micro_f1']}, macro-F1 {unseen['theme_macro_f1']}.",
    ]
    if metrics.get("action_errors_by_document"):
        lines += ["", "Action errors by document (the ten with the most):", "", "| document | errors | paragraphs with a gold action |", "|---|---|---|"]
        lines += [f"| {d['document']} | {d['errors']} | {d['paragraphs']} |" for d in metrics["action_errors_by_document"]]
    if metrics.get("theme_errors_by_document"):
        lines += [
            "", "Theme errors by document (the ten with the most false positives and misses):", "",
            "| document | paragraphs | false positives | misses | micro-F1 | split's micro-F1 without it |",
            "|---|---|---|---|---|---|",
        ]
        lines += [
            f"| {d['document']} | {d['paragraphs']} | {d['false_positives']} | {d['misses']} | {d['micro_f1']} "
            f"| {d['micro_f1_without']} |"
            for d in metrics["theme_errors_by_document"]
        ]
    lines += ["", "| theme | precision | recall | F1 | support | keyword F1 |", "|---|---|---|---|---|---|"]
    for theme, row in metrics["per_theme"].items():
        lines.append(f"| {theme} | {row['precision']} | {row['recall']} | {row['f1']} | {row['support']} | {keywords['per_theme'][theme]['f1']} |")
    return "\n".join(lines) + "\n"


def write_report(metrics: dict, directory) -> None:
    """metrics.json, report.md, per-theme F1 bars and the action confusion matrix as PNG."""
    import json
    from pathlib import Path

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    write_atomic(directory / "metrics.json", json.dumps(metrics, indent=2) + "\n")
    write_atomic(directory / "report.md", metrics_markdown(metrics) + "\n![per-theme F1](theme_f1.png)\n\n![action confusion](action_confusion.png)\n")
    themes = list(metrics["per_theme"])
    fig, ax = plt.subplots(figsize=(8, 8))
    ax.barh(themes, [metrics["per_theme"][t]["f1"] for t in themes], label="model")
    ax.barh(themes, [metrics["baselines"]["keywords"]["per_theme"][t]["f1"] for t in themes], alpha=0.4, label="keywords")
    ax.invert_yaxis()
    ax.set_xlabel("F1")
    ax.legend()
    fig.tight_layout()
    fig.savefig(directory / "theme_f1.png", dpi=100)
    plt.close(fig)
    confusion = metrics["action_confusion"]
    fig, ax = plt.subplots(figsize=(7, 6))
    ax.imshow(confusion["matrix"], cmap="Blues")
    ax.set_xticks(range(len(confusion["labels"])), confusion["labels"], rotation=90)
    ax.set_yticks(range(len(confusion["labels"])), confusion["labels"])
    ax.set_xlabel("predicted")
    ax.set_ylabel("gold")
    fig.tight_layout()
    fig.savefig(directory / "action_confusion.png", dpi=100)
    plt.close(fig)


def model_card(metadata: dict) -> str:
    m = metadata["metrics"]
    fitted_on = metadata["training"].get("fitted_on", ["train"])
    splits = " and ".join(fitted_on) + (" splits" if len(fitted_on) > 1 else " split")
    settings = metadata["hyperparameters"]
    nb = ",\neach feature scaled by its naive Bayes log-count ratio for the theme" if settings.get("theme_nb") else ""
    cuts = (
        "thresholds tuned on validation and shrunk toward 0.5 where validation has few examples"
        if settings.get("tune_thresholds", True)  # models saved before the setting were tuned
        else "a threshold of 0.5 for every theme"
    )
    return f"""---
library_name: sklearn
license: mit
tags: [text-classification, multi-label, united-nations, resolutions]
---

# resolution-clauses default model

Labels each paragraph of a United Nations resolution with its action (codebook v{metadata['codebook_version']}
section 2; the codebook's rules decide where they recognize the opening; for the rest, a logistic
model scores each word of the opening as the head verb and reads the action from the best one, or
none where no word scores {metadata.get('head_threshold', 0.5)} or more) and its themes ({len(metadata['labels']['themes'])} multi-label themes, one logistic model
per theme over TF-IDF word 1-2-grams, character 3-5-grams and the codebook's theme keywords{nb};
{cuts}). Where a
paragraph says "the Treaty" (Convention, Protocol ...) and its document's title names that
instrument, the theme model also reads the instrument's name.

The models were fitted with scikit-learn; `model.joblib` holds their fitted parameters
(vocabularies, idf weights, logistic coefficients) as NumPy arrays in `pipeline.model.LinearTextModel`
and `pipeline.model.HeadModel`, which predict the same probabilities (tested) without importing
scikit-learn.

Trained on the corpus with checksum `{metadata['corpus_checksum']}`: hand-annotated paragraphs of
General Assembly (2023-2025) and Security Council (1946-1994, drafts 2016-2024) texts, split by
series so that no series is on both sides. Fitted on the {splits} (thresholds tuned on validation
before any second fit); the test split was never seen.

## Metrics on the test split (unseen series, {m['paragraphs']} gold paragraphs)

| measure | model | keyword baseline |
|---|---|---|
| action accuracy | {m['action_accuracy']} | {m['baselines']['keywords']['action_accuracy']} |
| theme micro-F1 | {m['theme_micro_f1']} | {m['baselines']['keywords']['theme_micro_f1']} |
| theme macro-F1 | {m['theme_macro_f1']} | {m['baselines']['keywords']['theme_macro_f1']} |

On the {m['unseen_text']['paragraphs']} test paragraphs with no near-duplicate in what the model was fitted on (formulas
shared across series set apart): theme micro-F1 {m['unseen_text']['theme_micro_f1']}, macro-F1 {m['unseen_text']['theme_macro_f1']}.

## Limits

Rare themes (tracing, marking, record-keeping, border control) have few gold examples and only
a handful in the test split; their scores are unreliable. Per-theme scores are in
`metadata.json` (`metrics.per_theme`). A model file is code: load only model
directories you trust (the loader refuses a model file whose sha256 differs from metadata.json).
"""


def print_corpus_stats(stats: dict) -> None:
    console = _console()
    console.print(
        f"{stats['documents']} documents, {stats['paragraphs']} paragraphs, {stats['gold_paragraphs']} gold "
        f"({stats['gold_read']} read, {stats['gold_carried']} carried), "
        f"{stats['double_annotated']} double-annotated; "
        f"agreement: kind {stats['agreement']['kind_agreement']}, action {stats['agreement']['action_agreement']}, "
        f"theme micro-F1 {stats['agreement']['theme_micro_f1']}; near-duplicate share of test {stats['near_duplicate_share_test']}"
    )
    table = Table()
    for column in ("theme", "train", "validation", "test", "kappa"):
        table.add_column(column)
    for theme in stats["kappa_per_theme"]:
        table.add_row(theme, *(str(stats["splits"][s]["themes"][theme]) for s in ("train", "validation", "test")), str(stats["kappa_per_theme"][theme]))
    console.print(table)
    for split, row in stats["splits"].items():
        console.print(f"{split}: {row['documents']} documents, {row['series']} series, {row['paragraphs']} paragraphs, {row['gold']} gold")
    console.print("paragraphs per source: " + ", ".join(f"{k} {v}" for k, v in stats["per_source"].items()))
    actions = sorted(stats["actions"].items(), key=lambda item: (-item[1], item[0]))
    console.print("most frequent actions: " + ", ".join(f"{a} {n}" for a, n in actions[:15]) + f" ({len(actions)} in all)")
    unrecognized = stats.get("unrecognized_openings", [])
    if unrecognized:
        console.print("openings the rules do not recognize: " + ", ".join(f"{h!r} {n}" for h, n in unrecognized[:10]))
