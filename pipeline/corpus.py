"""Raw documents + annotations -> a Hugging Face DatasetDict, with series and grouped splits."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from contextlib import contextmanager
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


# --- paragraphs, actions -------------------------------------------------------------------------


@dataclass
class ParagraphRecord:
    doc_id: str
    symbol: str
    source: str
    year: int | None
    title: str | None
    index: int
    number: str | None
    parent: str | None
    kind: str
    text: str
    hash: str
    action: str | None
    action_recognized: bool
    series: str = ""
    themes: tuple[str, ...] = ()
    theme_source: str = "none"  # gold | carried | none
    annotator: str | None = None
    carried_from: str | None = None
    segment_kind: str = ""  # the segmenter's kind, before an annotator confirmed or corrected it


def paragraph_records(documents: list[RawDocument], *, progress=None) -> list[ParagraphRecord]:
    """Segment every document; give each paragraph its rule action (a sub-paragraph its parent's)."""
    from .actions import normalize_action
    from .segment import segment

    records: list[ParagraphRecord] = []
    for doc in documents:
        document = segment(doc.text, symbol=doc.symbol if doc.source != "sc" else None)
        actions: dict[str, tuple[str | None, bool]] = {}
        for p in document.paragraphs:
            if p.parent and p.parent in actions:
                action, recognized = actions[p.parent]
            else:
                found = normalize_action(p.text, p.kind)
                action, recognized = found.action, found.recognized
            if p.number:
                actions[p.number] = (action, recognized)
            records.append(
                ParagraphRecord(
                    doc_id=doc.doc_id, symbol=doc.symbol, source=doc.source, year=doc.year,
                    title=document.title or doc.title, index=p.index, number=p.number,
                    parent=p.parent, kind=p.kind, segment_kind=p.kind, text=p.text, hash=text_hash(p.text),
                    action=action, action_recognized=recognized,
                )
            )
        if progress:
            progress()
    return records


# --- series --------------------------------------------------------------------------------------


def normalize_title(title: str | None) -> str:
    """A General Assembly title without its "78/46. " number and trailing punctuation, case folded."""
    title = re.sub(r"^\s*\d{1,3}/\d{1,4}\s*\.\s*", "", title or "")
    title = re.sub(r"\s+", " ", title).strip().casefold()
    return re.sub(r"[\s.:;,]+$", "", title)


def _usable_title(doc: RawDocument, title: str | None) -> str | None:
    if doc.source != "ga-pdf":
        return None  # Security Council texts have no titles (drafts: sponsor lines)
    norm = normalize_title(title)
    if len(norm) < 8 or norm.endswith("draft resolution"):
        return None
    return norm


def near_duplicate_pairs(texts: list[str], *, threshold: float = 0.9) -> list[tuple[int, int]]:
    """Pairs of texts whose word 1-2-gram TF-IDF cosine similarity is at least ``threshold``.

    Candidates come from the product of vectors restricted to rarer terms (a near-duplicate pair
    shares them; "the General Assembly" does not make a candidate), then the exact cosine on the
    full vectors decides.
    """
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    if len(texts) < 2:
        return []
    full = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, dtype=np.float32).fit_transform(texts)
    try:
        # "rare": in at most 1 % of the texts (at least two texts, for small collections)
        rare = TfidfVectorizer(
            ngram_range=(2, 2), sublinear_tf=True, max_df=max(0.01, 2 / len(texts)), dtype=np.float32
        ).fit_transform(texts)
    except ValueError:  # no bigram is rare enough (a handful of texts that repeat each other)
        rare = full
    pairs: list[tuple[int, int]] = []
    block = 4000
    for start in range(0, rare.shape[0], block):
        candidates = (rare[start : start + block] @ rare.T).tocoo()
        keep = (candidates.data >= threshold * 0.6) & (candidates.row + start < candidates.col)
        rows, cols = candidates.row[keep] + start, candidates.col[keep]
        if not len(rows):
            continue
        exact = np.asarray(full[rows].multiply(full[cols]).sum(axis=1)).ravel()
        hit = exact >= threshold
        pairs.extend(zip(rows[hit].tolist(), cols[hit].tolist()))
    return pairs


def repeated(known: list[str], texts: list[str]) -> set[int]:
    """Indices of ``texts`` that repeat one of ``known``: the same normalized text, or a near
    duplicate. Formulas repeated across hundreds of texts ("Decides to remain seized of the
    matter") have no rare words for ``near_duplicate_pairs`` to find, so equal texts count first."""
    known = [normalize_text(t) for t in known]
    texts = [normalize_text(t) for t in texts]
    seen = set(known)
    found = {i for i, t in enumerate(texts) if t in seen}
    pairs = near_duplicate_pairs(known + texts)
    found |= {j - len(known) for i, j in pairs if i < len(known) <= j}
    return found


BOILERPLATE_DOCUMENTS = 5  # a paragraph found in more documents than this links none of them
TEMPLATE_PARAGRAPHS = 5  # ... unless at least this many, and half a document, repeat another


def assign_series(records: list[ParagraphRecord], documents: list[RawDocument]) -> dict[str, str]:
    """Group documents that repeat each other; returns doc_id -> series name.

    Rule: General Assembly documents (drafts included) with the same normalized title form one
    series. Then, for all documents, two documents that share at least three near-duplicate
    paragraphs (cosine >= 0.9), not counting boilerplate found in more than five documents, are
    joined, and so is a document at least half of whose paragraphs (and five or more, boilerplate
    counted) repeat another: one template filled in for another territory or mission. Series are
    the connected components.
    """
    parent = {d.doc_id: d.doc_id for d in documents}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    titles = {}
    for r in records:
        titles.setdefault(r.doc_id, r.title)
    by_title: dict[str, str] = {}
    for doc in documents:
        norm = _usable_title(doc, titles.get(doc.doc_id) or doc.title)
        if norm:
            if norm in by_title:
                union(by_title[norm], doc.doc_id)
            else:
                by_title[norm] = doc.doc_id

    texts = [normalize_text(r.text) for r in records]
    keep = [i for i, t in enumerate(texts) if len(t) >= 40]
    docs_per_text: dict[str, set[str]] = {}
    for i in keep:
        docs_per_text.setdefault(texts[i], set()).add(records[i].doc_id)
    pairs = near_duplicate_pairs([texts[i] for i in keep])
    neighbours: dict[int, set[str]] = {}
    for a, b in pairs:
        ia, ib = keep[a], keep[b]
        neighbours.setdefault(ia, set()).add(records[ib].doc_id)
        neighbours.setdefault(ib, set()).add(records[ia].doc_id)
    shared: dict[tuple[str, str], int] = {}  # near-duplicates of a's paragraphs in b, not boilerplate
    repeated: dict[tuple[str, str], int] = {}  # near-duplicates of a's paragraphs in b, all
    for i, docs in neighbours.items():
        docs = docs | docs_per_text[texts[i]] | {records[i].doc_id}
        boilerplate = len(docs) > BOILERPLATE_DOCUMENTS  # "Decides to remain seized of the matter"
        for other in docs:
            if other != records[i].doc_id:
                key = (records[i].doc_id, other)
                repeated[key] = repeated.get(key, 0) + 1
                if not boilerplate:
                    shared[key] = shared.get(key, 0) + 1
    size: dict[str, int] = {}
    for r in records:
        size[r.doc_id] = size.get(r.doc_id, 0) + 1
    for (a, b), count in shared.items():
        if count >= 3:
            union(a, b)
    for (a, b), count in repeated.items():
        # one template with other names ("Question of Pitcairn", "Question of Guam"): most of a
        # repeats b, though each of those paragraphs is in too many documents to count above
        if count >= TEMPLATE_PARAGRAPHS and count >= size[a] / 2:
            union(a, b)

    series_name: dict[str, str] = {}
    members: dict[str, list[str]] = {}
    for doc in documents:
        members.setdefault(find(doc.doc_id), []).append(doc.doc_id)
    for root, docs in members.items():
        name = sorted(docs)[0]
        for d in docs:
            series_name[d] = name
    return series_name


# --- annotations -----------------------------------------------------------------------------------

ANNOTATION_FIELDS = ("doc_id", "index", "hash", "kind", "action", "themes")
GOLD_SOURCES = ("gold", "carried")


@dataclass(frozen=True)
class Annotation:
    doc_id: str
    index: int
    hash: str
    kind: str
    action: str | None
    themes: tuple[str, ...]
    annotator: str
    file: str
    line: int


def read_annotations(path: str | Path, theme_names: list[str]) -> list[Annotation]:
    """Read one annotation file; a missing field or a theme not in the codebook is an error."""
    path = Path(path)
    annotator = path.stem.replace("pass1-batch-", "annotator-b").replace("pass2-double-", "annotator-d")
    known = set(theme_names)
    out = []
    for line_number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CorpusError(f"{path}:{line_number}: not valid JSON ({exc.msg})") from None
        missing = [f for f in ANNOTATION_FIELDS if f not in row]
        if missing:
            raise CorpusError(f"{path}:{line_number}: missing field(s) {', '.join(missing)}")
        unknown = [t for t in row["themes"] if t not in known]
        if unknown:
            raise CorpusError(f"{path}:{line_number}: theme(s) not in the codebook: {', '.join(unknown)}")
        action = (row["action"] or "").strip().lower() or None
        out.append(
            Annotation(
                doc_id=row["doc_id"], index=int(row["index"]), hash=row["hash"], kind=row["kind"],
                action=None if action == "none" else action, themes=tuple(sorted(set(row["themes"]))),
                annotator=row.get("annotator") or annotator, file=path.name, line=line_number,
            )
        )
    return out


def adjudicate(first: list[Annotation], decisions: list[Annotation]) -> list[Annotation]:
    """The first pass, with each paragraph that an adjudicator decided replaced by the decision."""
    decided = {(d.doc_id, d.hash): d for d in decisions}
    return [decided.get((a.doc_id, a.hash), a) for a in first]


def attach_annotations(
    records: list[ParagraphRecord], annotations: list[Annotation]
) -> tuple[list[str], dict[str, tuple[str, ...]]]:
    """Put gold labels on the paragraphs they were made for, and carry them to identical texts.

    An annotation is matched by document and text hash (the index may move when the segmenter
    changes); one whose hash no longer exists in its document is reported, never guessed.
    Returns the problems found and a map hash -> gold themes.
    """
    by_doc: dict[str, dict[str, ParagraphRecord]] = {}
    for r in records:
        by_doc.setdefault(r.doc_id, {}).setdefault(r.hash, r)
    problems = []
    gold_by_hash: dict[str, Annotation] = {}
    for a in annotations:
        doc = by_doc.get(a.doc_id)
        if doc is None:
            problems.append(f"{a.file}:{a.line}: document {a.doc_id} is not in the corpus")
            continue
        record = doc.get(a.hash)
        if record is None:
            problems.append(
                f"{a.file}:{a.line}: {a.doc_id} paragraph {a.index} changed since it was annotated "
                f"(hash {a.hash} no longer found): re-annotate it"
            )
            continue
        record.themes, record.theme_source, record.annotator = a.themes, "gold", a.annotator
        record.kind = a.kind if a.kind in ("preambular", "operative") else record.kind
        record.action = a.action
        record.action_recognized = True
        gold_by_hash.setdefault(a.hash, a)
    for r in records:
        if r.theme_source == "none" and r.hash in gold_by_hash:
            source = gold_by_hash[r.hash]
            r.themes, r.theme_source = source.themes, "carried"
            r.action, r.kind = source.action, source.kind
            r.annotator = source.annotator
            r.carried_from = f"{source.doc_id}#{source.index}"
    return problems, {h: a.themes for h, a in gold_by_hash.items()}


# --- splits, agreement, the dataset ------------------------------------------------------------------

SPLITS = ("train", "validation", "test")
SPLIT_SHARES = {"train": 0.7, "validation": 0.15, "test": 0.15}
MIN_THEME_GOLD = 30  # a theme with this many gold paragraphs has some in every split
MAX_MOVED_GOLD = 400  # never move a series bigger than this to patch a split


def grouped_splits(
    records: list[ParagraphRecord], *, seed: int = 13, pinned: dict[str, str] | None = None
) -> dict[str, str]:
    """series -> split, so that each split gets its share of the gold paragraphs of every theme.

    Whole series go to one side, so no series sits on two. This is iterative stratification
    (Sechidis et al., 2011) over series instead of single examples: themes are taken from the
    rarest up, and each series carrying the theme goes, largest first, to a split that still
    wants that theme, the one its themes fill best (then the one wanting most gold); ties are
    broken in a seeded order.

    ``pinned`` (document -> split, from ``data/splits.json``) keeps the split of every series
    that holds a pinned document, so that new gold or a segmenter fix does not draw the test
    split again; only the other series are stratified. A series whose documents were pinned to
    different splits (two series joined) goes where most of its pinned paragraphs are.
    """
    import random
    from collections import Counter

    gold: Counter = Counter()
    themes: dict[str, Counter] = {}
    pinned_votes: dict[str, Counter] = {}
    for r in records:
        themes.setdefault(r.series, Counter())
        if r.theme_source in GOLD_SOURCES:
            gold[r.series] += 1
            themes[r.series].update(r.themes)
        if pinned and r.doc_id in pinned:
            pinned_votes.setdefault(r.series, Counter())[pinned[r.doc_id]] += 1
    order = sorted(themes)
    if len(order) < len(SPLITS):
        raise CorpusError(f"expected at least {len(SPLITS)} series to make train, validation and test; found {len(order)}")
    random.Random(seed).shuffle(order)
    rank = {name: i for i, name in enumerate(order)}
    theme_totals: Counter = Counter()
    for counts in themes.values():
        theme_totals.update(counts)
    wanted = {s: {t: SPLIT_SHARES[s] * n for t, n in theme_totals.items()} for s in SPLITS}
    wanted_gold = {s: SPLIT_SHARES[s] * sum(gold.values()) for s in SPLITS}
    assignment: dict[str, str] = {}

    def assign(name: str, split: str) -> None:
        assignment[name] = split
        for t, n in themes[name].items():
            wanted[split][t] -= n
        wanted_gold[split] -= gold[name]

    def fit(name: str, split: str) -> float:
        """How well a series fills what a split still wants, theme by theme, minus overflow."""
        score = 0.0
        for t, n in themes[name].items():
            room = max(wanted[split][t], 0.0)
            score += (min(n, room) - max(n - room, 0.0)) / theme_totals[t]
        return score

    for name in order:
        if name in pinned_votes:
            assign(name, max(SPLITS, key=lambda s: (pinned_votes[name][s], s == "train")))
    for theme in sorted(theme_totals, key=lambda t: (theme_totals[t], t)):
        carriers = [n for n in order if n not in assignment and themes[n][theme]]
        for name in sorted(carriers, key=lambda n: (-themes[n][theme], rank[n])):
            assign(name, max(SPLITS, key=lambda s: (wanted[s][theme] > 0, fit(name, s), wanted_gold[s])))
    for name in sorted((n for n in order if n not in assignment and gold[n]), key=lambda n: (-gold[n], rank[n])):
        assign(name, max(SPLITS, key=lambda s: wanted_gold[s]))
    for name in order:
        assignment.setdefault(name, "train")  # series without gold paragraphs
    # every theme with at least MIN_THEME_GOLD gold paragraphs must reach every split: where one
    # is missing, move there the smallest series carrying it from a split that has two or more
    for theme in sorted(theme_totals):
        if theme_totals[theme] < MIN_THEME_GOLD:
            continue
        for split in SPLITS:
            carriers = [n for n in order if themes[n][theme]]
            if any(assignment[n] == split for n in carriers):
                continue
            spare = [
                n for n in carriers
                if sum(assignment[m] == assignment[n] for m in carriers) >= 2 and gold[n] < MAX_MOVED_GOLD
                and n not in pinned_votes
            ]
            if spare:
                assignment[min(spare, key=lambda n: (gold[n], rank[n]))] = split
    # no split may be empty (an empty split cannot be saved and loaded back): give an empty one
    # the smallest series of the largest split
    size = Counter()
    for r in records:
        size[r.series] += 1
    for split in SPLITS:
        if not any(s == split for s in assignment.values()):
            donor = max(SPLITS, key=lambda d: sum(1 for s in assignment.values() if s == d))
            assignment[min((n for n in order if assignment[n] == donor), key=lambda n: (gold[n], size[n], rank[n]))] = split
    return assignment


def read_pinned_splits(path: str | Path) -> dict[str, str] | None:
    """The document -> split pins in ``path`` (``data/splits.json``); None where there is no file."""
    path = Path(path)
    if not path.exists():
        return None
    try:
        documents = json.loads(path.read_text(encoding="utf-8")).get("documents")
    except (json.JSONDecodeError, AttributeError):
        documents = None
    if not isinstance(documents, dict) or any(split not in SPLITS for split in documents.values()):
        raise CorpusError(f'{path}: expected {{"documents": {{document id: "train", "validation" or "test"}}}}')
    return documents


def write_pinned_splits(path: str | Path, records: list[ParagraphRecord], split_of_series: dict[str, str]) -> None:
    """Pin every document to the split its series went to (atomic write)."""
    from .report import write_atomic

    documents = {r.doc_id: split_of_series[r.series] for r in records}
    note = "document -> split, drawn once by `clauses corpus build` and kept: see data/README.md"
    write_atomic(path, json.dumps({"note": note, "documents": dict(sorted(documents.items()))}, indent=0) + "\n")


def cohen_kappa(a: list[int], b: list[int]) -> float | None:
    """Cohen's kappa of two binary label sequences; None when it is undefined."""
    n = len(a)
    if n == 0:
        return None
    observed = sum(x == y for x, y in zip(a, b)) / n
    pa, pb = sum(a) / n, sum(b) / n
    expected = pa * pb + (1 - pa) * (1 - pb)
    if expected == 1:
        return None
    return (observed - expected) / (1 - expected)


def agreement(first: list[Annotation], second: list[Annotation], theme_names: list[str]) -> dict:
    """Per-theme kappa and F1 between two independent passes over the same paragraphs."""
    firsts = {(a.doc_id, a.hash): a for a in first}
    pairs = [(firsts[(b.doc_id, b.hash)], b) for b in second if (b.doc_id, b.hash) in firsts]
    per_theme = {}
    tp_all = fp_all = fn_all = 0
    for theme in theme_names:
        x = [int(theme in a.themes) for a, _ in pairs]
        y = [int(theme in b.themes) for _, b in pairs]
        tp = sum(1 for i, j in zip(x, y) if i and j)
        fp = sum(1 for i, j in zip(x, y) if not i and j)
        fn = sum(1 for i, j in zip(x, y) if i and not j)
        tp_all, fp_all, fn_all = tp_all + tp, fp_all + fp, fn_all + fn
        f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else None
        per_theme[theme] = {"kappa": _round(cohen_kappa(x, y)), "f1": _round(f1), "support": sum(x) + sum(y)}
    return {
        "paragraphs": len(pairs),
        "kind_agreement": _round(sum(a.kind == b.kind for a, b in pairs) / len(pairs)) if pairs else None,
        "action_agreement": _round(sum(a.action == b.action for a, b in pairs) / len(pairs)) if pairs else None,
        "theme_micro_f1": _round(2 * tp_all / (2 * tp_all + fp_all + fn_all)) if tp_all else None,
        "per_theme": per_theme,
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def columns(split, *names: str) -> tuple[list, ...]:
    """The named columns of a ``datasets.Dataset`` as plain lists, read in one pass. Iterating a
    column (datasets 4's lazy ``Column``) fetches it row by row, many times slower."""
    table = split.select_columns(list(names)).to_dict()
    return tuple(table[name] for name in names)


def features(theme_names: list[str], action_names: list[str]):
    from datasets import ClassLabel, Features, Sequence, Value

    return Features(
        {
            "doc_id": Value("string"),
            "symbol": Value("string"),
            "source": Value("string"),
            "series": Value("string"),
            "year": Value("int32"),
            "index": Value("int32"),
            "number": Value("string"),
            "parent": Value("string"),
            "kind": ClassLabel(names=["preambular", "operative"]),
            "segment_kind": ClassLabel(names=["preambular", "operative"]),
            "action": ClassLabel(names=action_names),
            "action_source": Value("string"),
            "text": Value("string"),
            "title": Value("string"),  # the document's title, for readers of the dataset
            "themes": Sequence(ClassLabel(names=theme_names)),
            "theme_source": Value("string"),
            "annotator": Value("string"),
            "carried_from": Value("string"),
        }
    )


UNKNOWN_ACTION = "<unrecognized>"


def build_corpus(
    raw_dir: str | Path,
    annotations_dir: str | Path,
    out_dir: str | Path,
    *,
    codebook_path: str | Path | None = None,
    splits_path: str | Path | None = None,
    seed: int = 13,
    progress=None,
) -> dict:
    """raw texts + annotations -> DatasetDict saved under ``out_dir`` (atomically); returns stats.

    With ``splits_path``, the documents pinned there keep their split; where the file does not
    exist yet, the split is drawn and written there, to be kept from then on.
    """
    from datasets import Dataset, DatasetDict

    from .codebook import load_codebook

    codebook = load_codebook(codebook_path)
    documents = read_all_raw(raw_dir)
    records = paragraph_records(documents, progress=progress)
    annotation_files = sorted(Path(annotations_dir).glob("pass1-*.jsonl"))
    first = [a for f in annotation_files for a in read_annotations(f, codebook.theme_names)]
    second = [
        a for f in sorted(Path(annotations_dir).glob("pass2-*.jsonl")) for a in read_annotations(f, codebook.theme_names)
    ]
    adjudicated = [
        a for f in sorted(Path(annotations_dir).glob("adjudicated-*.jsonl")) for a in read_annotations(f, codebook.theme_names)
    ]
    problems, _ = attach_annotations(records, adjudicate(first, adjudicated))
    series = assign_series(records, documents)
    for r in records:
        r.series = series[r.doc_id]
    pinned = read_pinned_splits(splits_path) if splits_path else None
    split_of_series = grouped_splits(records, seed=seed, pinned=pinned)

    action_names = sorted({r.action for r in records if r.action}) + [UNKNOWN_ACTION]
    schema = features(codebook.theme_names, action_names)
    rows: dict[str, list[dict]] = {s: [] for s in SPLITS}
    for r in records:
        rows[split_of_series[r.series]].append(
            {
                "doc_id": r.doc_id, "symbol": r.symbol, "source": r.source, "series": r.series,
                "year": r.year or 0, "index": r.index, "number": r.number, "parent": r.parent,
                "kind": r.kind, "segment_kind": r.segment_kind, "action": r.action or UNKNOWN_ACTION,
                "action_source": "gold" if r.theme_source in GOLD_SOURCES else ("rule" if r.action_recognized and r.action else "none"),
                "text": r.text, "title": r.title, "themes": list(r.themes), "theme_source": r.theme_source,
                "annotator": r.annotator, "carried_from": r.carried_from,
            }
        )
    checksum = hashlib.sha256(json.dumps(rows, sort_keys=True).encode()).hexdigest()
    dataset = DatasetDict()
    for split in SPLITS:
        columns = {name: [row[name] for row in rows[split]] for name in schema}
        ds = Dataset.from_dict(columns, features=schema)
        ds._fingerprint = hashlib.sha256(f"{checksum}-{split}".encode()).hexdigest()[:16]
        dataset[split] = ds

    stats = corpus_stats(records, split_of_series, codebook.theme_names, agreement(first, second, codebook.theme_names))
    stats["adjudicated"] = len(adjudicated)
    stats["checksum"] = checksum
    stats["codebook_version"] = codebook.version
    stats["annotation_problems"] = problems
    stats["unrecognized_openings"] = _unrecognized(records)
    stats["pinned_documents"] = len({r.doc_id for r in records} & pinned.keys()) if pinned else 0

    with atomic_directory(Path(out_dir)) as tmp:
        dataset.save_to_disk(str(tmp / "dataset"))
        (tmp / "stats.json").write_text(json.dumps(stats, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    if splits_path and pinned is None:
        write_pinned_splits(splits_path, records, split_of_series)
    return stats


@contextmanager
def atomic_directory(target: Path):
    """Yield a fresh directory beside ``target``; when the block ends without error it takes
    ``target``'s place in one rename, so a crash never leaves a half-written corpus or model."""
    import os
    import shutil
    import tempfile

    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        yield tmp
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
            os.replace(target, old / target.name)
            os.replace(tmp, target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _unrecognized(records: list[ParagraphRecord]) -> list[tuple[str, int]]:
    from collections import Counter

    from .actions import normalize_action

    counts = Counter(
        normalize_action(r.text, r.kind).head for r in records if not r.action_recognized and not r.parent
    )
    return counts.most_common(50)


def corpus_stats(records, split_of_series, theme_names, agreement_figures) -> dict:
    from collections import Counter

    split = {id(r): split_of_series[r.series] for r in records}
    stats: dict = {
        "documents": len({r.doc_id for r in records}),
        "paragraphs": len(records),
        "gold_paragraphs": sum(r.theme_source in GOLD_SOURCES for r in records),
        "gold_read": sum(r.theme_source == "gold" for r in records),
        "gold_carried": sum(r.theme_source == "carried" for r in records),
        "double_annotated": agreement_figures["paragraphs"],
        "kappa_per_theme": {t: v["kappa"] for t, v in agreement_figures["per_theme"].items()},
        "agreement": agreement_figures,
        "series": len(set(split_of_series)),
        "largest_series": Counter(r.series for r in records).most_common(3),
        "splits": {},
        "per_source": dict(Counter(r.source for r in records)),
        "actions": dict(Counter(r.action or UNKNOWN_ACTION for r in records).most_common()),
    }
    for s in SPLITS:
        members = [r for r in records if split[id(r)] == s]
        gold = [r for r in members if r.theme_source in GOLD_SOURCES]
        stats["splits"][s] = {
            "documents": len({r.doc_id for r in members}),
            "paragraphs": len(members),
            "gold": len(gold),
            "series": len({r.series for r in members}),
            "themes": {t: sum(t in r.themes for r in gold) for t in theme_names},
        }
    train_texts = [r.text for r in records if split[id(r)] == "train" and r.theme_source in GOLD_SOURCES]
    test_texts = [r.text for r in records if split[id(r)] == "test" and r.theme_source in GOLD_SOURCES]
    with_dup = repeated(train_texts, test_texts)
    stats["near_duplicate_share_test"] = round(len(with_dup) / len(test_texts), 4) if test_texts else None
    return stats
