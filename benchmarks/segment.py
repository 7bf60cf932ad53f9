"""Segment the whole raw corpus on one core: documents/s, MB/s and peak memory.

    python benchmarks/segment.py [--repeat 5] [--against REVISION] [--json]

Reads the four files of data/raw (decompressed before timing), segments every document with
``pipeline.segment.segment`` in this process, ``--repeat`` times, and reports the wall time of the
segmentation alone: the best pass (the code's speed; a shared machine only ever slows a pass
down) and the median pass (what to expect on a busy machine). With ``--against``, the
segmenter of an earlier git revision runs too, its passes alternating with this one's, so that
the machine's swings fall on both alike, and, untimed, the two are compared document by
document: the number of documents whose Document (every field) differs, and, where both give the
same paragraphs, the paragraph texts that differ and how many of those only by footnote markers.
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import importlib.util
import json
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.corpus import RAW_FILES  # noqa: E402
from pipeline.segment import segment  # noqa: E402


# a footnote marker as a fix may take it out of a paragraph: "1", " 12", ",3" or "[^4]"
_MARKER = re.compile(r",? ?\d{1,3} ?|\[\^\d{1,3}\]")


def only_markers_removed(old: str, new: str) -> bool:
    """Is ``new`` the text ``old`` with only footnote markers (a number of 1-3 digits) deleted?"""
    for tag, i1, i2, _, _ in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag != "equal" and not (tag == "delete" and _MARKER.fullmatch(old[i1:i2])):
            return False
    return True


def compare(texts: list[str], then) -> dict:
    """Untimed: the documents the two segmenters segment differently (every field), and, where
    both give the same paragraphs (count, kinds, numbers), the paragraphs whose text differs and
    how many of those differ only by footnote markers taken out."""
    documents = paragraphs = markers_only = 0
    for text in texts:
        now, before = segment(text), then(text)
        if asdict(now) == asdict(before):
            continue
        documents += 1
        if [(p.kind, p.number) for p in now.paragraphs] != [(p.kind, p.number) for p in before.paragraphs]:
            continue
        for a, b in zip(before.paragraphs, now.paragraphs):
            if a.text != b.text:
                paragraphs += 1
                markers_only += only_markers_removed(a.text, b.text)
    return {"documents_differing": documents, "paragraphs_differing": paragraphs, "markers_only": markers_only}


def segment_at(revision: str):
    """The ``segment`` function of pipeline/segment.py as it was at a git revision."""
    shown = subprocess.run(["git", "show", f"{revision}:pipeline/segment.py"], cwd=ROOT, capture_output=True, text=True)
    if shown.returncode:
        sys.exit(f"no pipeline/segment.py at git revision {revision!r}")
    source = shown.stdout
    path = Path(tempfile.mkdtemp()) / "segment_then.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("segment_then", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["segment_then"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module.segment


def _pass(function, texts: list[str]) -> tuple[float, int]:
    started = time.perf_counter()
    paragraphs = sum(len(function(text).paragraphs) for text in texts)
    return time.perf_counter() - started, paragraphs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="passes over the corpus")
    parser.add_argument("--against", metavar="REVISION", help="also time the segmenter of this git revision")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args()
    texts = []
    for name in RAW_FILES.values():
        with gzip.open(ROOT / "data" / "raw" / name, "rt", encoding="utf-8") as f:
            texts += [json.loads(line)["text"] for line in f]
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    then = segment_at(args.against) if args.against else None
    passes, then_passes = [], []
    for _ in range(max(1, args.repeat)):
        seconds, paragraphs = _pass(segment, texts)
        passes.append(seconds)
        if then:
            then_passes.append(_pass(then, texts)[0])
    seconds, median = min(passes), statistics.median(passes)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {
        "documents": len(texts),
        "megabytes": round(megabytes, 1),
        "paragraphs": paragraphs,
        "passes": [round(s, 2) for s in passes],
        "seconds": round(seconds, 2),
        "documents_per_second": round(len(texts) / seconds, 1),
        "megabytes_per_second": round(megabytes / seconds, 2),
        "median_megabytes_per_second": round(megabytes / median, 2),
        "peak_memory_mb": round(peak_mb),
    }
    if then:
        result["against"] = {
            "revision": args.against,
            "passes": [round(s, 2) for s in then_passes],
            "median_ratio": round(statistics.median(passes) / statistics.median(then_passes), 3),
            **compare(texts, then),
        }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(
            f"{result['documents']} documents ({result['megabytes']} MB, {paragraphs} paragraphs), best of "
            f"{len(passes)} passes {result['seconds']} s: {result['documents_per_second']} documents/s, "
            f"{result['megabytes_per_second']} MB/s (median pass {result['median_megabytes_per_second']} MB/s); "
            f"peak memory {result['peak_memory_mb']} MB"
        )
        if then:
            print(
                f"against {args.against}: its passes {result['against']['passes']} s; this segmenter takes "
                f"{result['against']['median_ratio']} times its median pass; "
                f"{result['against']['documents_differing']} documents segmented differently; where the "
                f"paragraphs are the same, {result['against']['paragraphs_differing']} paragraph texts differ, "
                f"{result['against']['markers_only']} of them only by footnote markers taken out"
            )


if __name__ == "__main__":
    main()
