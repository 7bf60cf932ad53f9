"""Turn a document file (txt, md, pdf, docx, html) into text with page provenance."""

from __future__ import annotations

import bisect
import codecs
import io
import os
import re
import sys
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import BinaryIO

from pipeline.errors import InputError

__all__ = ["FORMATS", "EXTENSIONS", "Source", "read", "read_bytes", "page_of"]

FORMATS: tuple[str, ...] = ("txt", "md", "pdf", "docx", "html")

EXTENSIONS: dict[str, str] = {
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
    ".pdf": "pdf",
    ".docx": "docx",
    ".html": "html",
    ".htm": "html",
}

_STDIN_NAMES = ("-", "<stdin>")
_KINDS = "txt/md/pdf/docx/html"


@dataclass(frozen=True)
class Source:
    """A document's text, where it came from, and where each PDF page starts in the text."""

    text: str
    path: str
    format: str
    page_starts: tuple[int, ...] = ()
    encoding: str | None = None
    warnings: tuple[str, ...] = ()


# ---------------------------------------------------------------------------------------------
# public API


def read(path: str | os.PathLike, *, stdin: BinaryIO | None = None) -> Source:
    """Read a file (or stdin for "-") into a Source; raise InputError when it cannot be used."""
    name = os.fsdecode(os.fspath(path))
    if name == "-":
        return read_bytes(_read_stdin(stdin), name="<stdin>")
    shown = _one_line(name)
    p = Path(name)
    if not p.exists():
        raise InputError(f"{shown}: no such file (expected a {_KINDS} file)")
    if p.is_dir():
        raise InputError(f"{shown}: is a directory, not a file (expected a {_KINDS} file)")
    # Check the extension before reading so a huge unsupported file is not loaded for nothing.
    _format_from_name(name)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(
            f"{shown}: cannot be read ({_one_line(exc.strerror or str(exc))}); "
            f"expected a readable {_KINDS} file"
        ) from exc
    return read_bytes(data, name=name)


def read_bytes(data: bytes, *, name: str, format: str | None = None) -> Source:
    """Turn a document's bytes into a Source; the format comes from ``name``'s extension if not given."""
    if format is None:
        format = _sniff(data) if name in _STDIN_NAMES else _format_from_name(name)
    elif format not in FORMATS:
        raise InputError(
            f"{_one_line(name)}: unknown format {format!r}, expected one of {', '.join(FORMATS)}"
        )
    path = "<stdin>" if name in _STDIN_NAMES else name
    shown = _one_line(path)
    if not data:
        raise InputError(f"{shown}: is empty (0 bytes), expected a non-empty {format} file")
    if format == "pdf":
        return _read_pdf(data, path, shown)
    if format == "docx":
        return _read_docx(data, path, shown)
    return _read_text(data, path, shown, format)


def page_of(source_or_page_starts: Source | Sequence[int], offset: int) -> int | None:
    """The 1-based page holding ``offset``, or None when there are no pages or it lies outside."""
    if isinstance(source_or_page_starts, Source):
        starts: Sequence[int] = source_or_page_starts.page_starts
        # The end of the text is a valid (exclusive) span end, so it still belongs to the last page.
        if offset > len(source_or_page_starts.text):
            return None
    else:
        starts = source_or_page_starts
    if not starts or offset < starts[0]:
        return None
    return bisect.bisect_right(starts, offset)


# ---------------------------------------------------------------------------------------------
# helpers: names, sniffing, messages


def _one_line(text: str) -> str:
    """Text squeezed onto one line, so error messages stay one line."""
    return " ".join(str(text).split()) if ("\n" in text or "\r" in text) else text


def _format_from_name(name: str) -> str:
    """The format for a file name's extension."""
    ext = os.path.splitext(name)[1].lower()
    if ext in EXTENSIONS:
        return EXTENSIONS[ext]
    got = f"extension {ext!r}" if ext else "no extension"
    raise InputError(
        f"{_one_line(name)}: unsupported file type ({got}), "
        f"expected one of {', '.join(EXTENSIONS)}"
    )


def _read_stdin(stdin: BinaryIO | None) -> bytes:
    """All bytes from the given stream or the process's stdin."""
    stream = stdin
    if stream is None:
        if sys.stdin is None:
            raise InputError("<stdin>: no standard input available, expected document bytes")
        stream = getattr(sys.stdin, "buffer", sys.stdin)
    data = stream.read()
    # A text-mode stream (e.g. io.StringIO in a caller's test) hands back str: accept it as UTF-8.
    return data.encode("utf-8") if isinstance(data, str) else bytes(data)


def _is_docx_zip(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return "word/document.xml" in zf.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def _sniff(data: bytes) -> str:
    """The format of bytes with no file name: pdf, docx, html or txt."""
    head = data[:1024]
    if head.lstrip().startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04") and _is_docx_zip(data):
        return "docx"
    if _looks_like_html(head):
        return "html"
    return "txt"


def _looks_like_html(head: bytes) -> bool:
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                       (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            head = head[len(bom):].decode(codec, errors="ignore").encode("ascii", errors="ignore")
            break
    start = head.lstrip().lower()
    return start.startswith(b"<html") or start.startswith(b"<!doctype html")


def _describe(data: bytes) -> str:
    """A short phrase saying what some bytes look like, for 'expected X, got Y' messages."""
    if data[:1024].lstrip().startswith(b"%PDF-"):
        return "a PDF"
    if data.startswith(b"PK\x03\x04"):
        return "a DOCX" if _is_docx_zip(data) else "a zip archive without word/document.xml"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "a legacy Office (.doc) file: save it as .docx"
    if _looks_like_html(data[:1024]):
        return "HTML"
    return f"bytes starting {data[:16]!r}"


# ---------------------------------------------------------------------------------------------
# text, markdown, html


# Bytes 0x81, 0x8D, 0x8F, 0x90 and 0x9D are undefined in cp1252; map them to the C1 controls of
# the same value (as browsers do) so the fallback never fails and the binary check can count them.
_CP1252 = {
    i: (bytes([i]).decode("cp1252", errors="ignore") or chr(i)) for i in range(0x80, 0xA0)
}
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")


def _decode(data: bytes, shown: str) -> tuple[str, str, list[str]]:
    """Text, encoding name and warnings for the bytes of a text file."""
    warnings: list[str] = []
    if data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
        try:
            text = data[len(codecs.BOM_UTF8):].decode("utf-8")
        except UnicodeDecodeError as exc:
            text = data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace")
            warnings.append(
                f"has a UTF-8 byte-order mark but invalid UTF-8 (byte 0x{exc.object[exc.start]:02x} "
                f"at offset {exc.start + 3}): bad bytes replaced with U+FFFD"
            )
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{shown}: starts with a UTF-16 byte-order mark but is not valid UTF-16 "
                f"({exc.reason} at offset {exc.start}); expected UTF-16 text"
            ) from exc
    else:
        try:
            text = data.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError as exc:
            text = data.decode("latin-1").translate(_CP1252)
            encoding = "cp1252"
            warnings.append(
                f"decoded as Windows-1252: not valid UTF-8 "
                f"(byte 0x{exc.object[exc.start]:02x} at offset {exc.start})"
            )
    return text, encoding, warnings


def _check_not_binary(text: str, data: bytes, shown: str) -> None:
    controls = sum(
        1 for ch in text
        if (ch < " " and ch not in _ALLOWED_CONTROLS) or "\x7f" <= ch <= "\x9f"
    )
    if "\x00" in text or controls > 0.05 * len(text):
        hint = ""
        sample = data[:512]
        # ASCII text saved as UTF-16 without a BOM has a NUL in every other byte.
        if len(sample) >= 4 and (sample[1::2].count(0) > 0.4 * len(sample) // 2
                                 or sample[0::2].count(0) > 0.4 * len(sample) // 2):
            hint = " (UTF-16 without a byte-order mark? save it as UTF-8)"
        raise InputError(f"{shown}: looks like a binary file, not {_KINDS}{hint}; got {_describe(data)}")


def _read_text(data: bytes, path: str, shown: str, format: str) -> Source:
    text, encoding, warnings = _decode(data, shown)
    _check_not_binary(text, data, shown)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if format == "html":
        text = html_to_text(text)
        if not text.strip():
            raise InputError(f"{shown}: HTML has no text (only markup or whitespace), expected a document with text")
    elif not text.strip():
        raise InputError(f"{shown}: is empty (only whitespace), expected a non-empty {format} file")
    return Source(text=text, path=path, format=format, encoding=encoding, warnings=tuple(warnings))


# Elements that end a line, and those that also leave a blank line after them.
_LINE_BLOCKS = frozenset({
    "div", "li", "tr", "dt", "dd", "ul", "ol", "dl", "nav", "header", "footer", "main", "aside",
    "figure", "figcaption", "form", "address", "caption", "hr", "center",
})
_PARAGRAPH_BLOCKS = frozenset({
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "blockquote", "pre", "table",
})
_DROPPED = frozenset({"script", "style", "template", "title", "noscript"})
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed",
                   "source", "track", "wbr", "param"})


class _HTMLText(HTMLParser):
    """Collects the visible text of an HTML document, one block per line."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self._cur: list[str] = []
        self._cur_pre = False
        self._pre = 0
        self._skip = 0

    def _end_line(self, force: bool = False) -> None:
        if not self._cur and not force:
            return
        line = "".join(self._cur)
        # <pre> keeps its indentation; elsewhere HTML whitespace is insignificant.
        line = line.rstrip() if self._cur_pre else re.sub(r" {2,}", " ", line).strip()
        self.lines.append(line)
        self._cur = []
        self._cur_pre = False

    def _end_paragraph(self) -> None:
        self._end_line()
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def _open_or_close(self, tag: str, opening: bool) -> None:
        if tag in _DROPPED:
            if tag not in _VOID:
                self._skip = self._skip + 1 if opening else max(0, self._skip - 1)
            return
        if tag == "br":
            if opening:
                self._end_line(force=True)
        elif tag in _PARAGRAPH_BLOCKS:
            self._end_paragraph()
            if tag == "pre":
                self._pre = self._pre + 1 if opening else max(0, self._pre - 1)
        elif tag in _LINE_BLOCKS:
            self._end_line()
        elif tag in ("td", "th") and opening and self._cur:
            self._cur.append("\t")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open_or_close(tag, True)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open_or_close(tag, True)
        if tag not in _VOID:
            self._open_or_close(tag, False)

    def handle_endtag(self, tag: str) -> None:
        self._open_or_close(tag, False)

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._pre:
            first, *rest = data.split("\n")
            self._cur.append(first)
            self._cur_pre = True
            for part in rest:
                self._end_line(force=True)
                self._cur.append(part)
                self._cur_pre = True
        else:
            self._cur.append(re.sub(r"\s+", " ", data))

    def text(self) -> str:
        self.close()
        self._end_line()
        text = "\n".join(self.lines)
        return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


def html_to_text(markup: str) -> str:
    """The visible text of HTML markup: blocks on their own lines, at most one blank line between."""
    parser = _HTMLText()
    parser.feed(markup)
    return parser.text()


# ---------------------------------------------------------------------------------------------
# pdf


def _import_pymupdf():  # noqa: ANN202 - returns a module
    try:
        import pymupdf
    except ImportError:
        try:
            import fitz as pymupdf  # older PyMuPDF releases only ship this name
        except ImportError as exc:
            raise ImportError("reading PDF needs PyMuPDF: pip install pymupdf") from exc
    return pymupdf


def _read_pdf(data: bytes, path: str, shown: str) -> Source:
    if not data[:1024].lstrip().startswith(b"%PDF-"):
        raise InputError(f"{shown}: is not a valid PDF (no %PDF- header), got {_describe(data)}")
    pymupdf = _import_pymupdf()
    tools = getattr(pymupdf, "TOOLS", None)
    # MuPDF prints repair messages on stderr; keep them quiet and report them as warnings instead.
    shown_errors = tools.mupdf_display_errors(False) if tools is not None else None
    if tools is not None:
        tools.mupdf_warnings(reset=True)
    try:
        try:
            doc = pymupdf.open(stream=data, filetype="pdf")
        except Exception as exc:  # MuPDF raises several types for damaged files
            raise InputError(
                f"{shown}: is not a valid PDF ({_one_line(str(exc)) or type(exc).__name__}), "
                "expected a readable PDF file"
            ) from exc
        with doc:
            if doc.needs_pass:
                raise InputError(f"{shown}: is encrypted: decrypt it first (got a password-protected PDF)")
            if doc.page_count == 0:
                raise InputError(f"{shown}: PDF has no pages, expected at least one page of text")
            parts: list[str] = []
            starts: list[int] = []
            offset = 0
            for number, page in enumerate(doc, start=1):
                try:
                    page_text = page.get_text("text")
                except Exception as exc:
                    raise InputError(
                        f"{shown}: page {number} of the PDF cannot be read ({_one_line(str(exc))})"
                    ) from exc
                page_text = page_text.replace("\r\n", "\n").replace("\r", "\n")
                # Every page ends with a newline so that page starts are strictly increasing.
                if not page_text.endswith("\n"):
                    page_text += "\n"
                starts.append(offset)
                parts.append(page_text)
                offset += len(page_text)
        text = "".join(parts)
        if not text.strip():
            raise InputError(f"{shown}: has no text layer (a scanned PDF?): run OCR first")
        warnings: tuple[str, ...] = ()
        if tools is not None:
            mupdf_warnings = _one_line(tools.mupdf_warnings(reset=True) or "")
            if mupdf_warnings:
                warnings = (f"MuPDF: {mupdf_warnings}",)
    finally:
        if tools is not None and shown_errors is not None:
            tools.mupdf_display_errors(shown_errors)
    return Source(text=text, path=path, format="pdf", page_starts=tuple(starts), warnings=warnings)


# ---------------------------------------------------------------------------------------------
# docx


def _read_docx(data: bytes, path: str, shown: str) -> Source:
    if not data.startswith(b"PK\x03\x04") or not _is_docx_zip(data):
        raise InputError(
            f"{shown}: is not a valid DOCX (expected a Word .docx zip package), got {_describe(data)}"
        )
    try:
        import docx
        from docx.oxml.ns import qn
        from docx.text.paragraph import Paragraph
    except ImportError as exc:
        raise ImportError("reading DOCX needs python-docx: pip install python-docx") from exc
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several types for damaged packages
        raise InputError(
            f"{shown}: is not a valid DOCX ({_one_line(str(exc)) or type(exc).__name__}), "
            "expected a Word .docx file"
        ) from exc

    p_tag, tbl_tag, tr_tag, tc_tag = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
    sdt_tag, sdt_content_tag = qn("w:sdt"), qn("w:sdtContent")
    lines: list[str] = []

    def walk(element, parent) -> None:  # noqa: ANN001 - lxml element and python-docx parent
        # Walking the XML keeps paragraphs and tables in document order and visits merged
        # table cells once (python-docx's row.cells repeats them).
        for child in element.iterchildren():
            if child.tag == p_tag:
                lines.append(Paragraph(child, parent).text)
            elif child.tag == tbl_tag:
                for tr in child.iterchildren(tr_tag):
                    for tc in tr.iterchildren(tc_tag):
                        walk(tc, parent)
            elif child.tag == sdt_tag:
                for content in child.iterchildren(sdt_content_tag):
                    walk(content, parent)

    try:
        walk(document.element.body, document)
    except Exception as exc:
        raise InputError(f"{shown}: DOCX body cannot be read ({_one_line(str(exc))})") from exc
    text = "\n".join(lines).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{shown}: DOCX has no text, expected a document with text")
    return Source(text=text, path=path, format="docx")
