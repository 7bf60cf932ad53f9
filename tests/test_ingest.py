"""Tests for pipeline.ingest: every format, every encoding, every bad input, on real files."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import docx
import pymupdf
import pytest

from pipeline.errors import InputError
from pipeline.ingest import Source, page_of, read, read_bytes

RAW_PDF = Path(__file__).resolve().parents[1] / "data/raw/pdf"


# ---------------------------------------------------------------------------------------------
# builders for real files


def make_pdf(path: Path, pages: list[str]) -> Path:
    doc = pymupdf.open()
    for text in pages:
        page = doc.new_page()
        page.insert_text((72, 72), text, fontsize=11)
    doc.save(path)
    doc.close()
    return path


def make_encrypted_pdf(path: Path) -> Path:
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "Secret text.")
    doc.save(path, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="user", owner_pw="owner")
    doc.close()
    return path


def make_textless_pdf(path: Path) -> Path:
    doc = pymupdf.open()
    page = doc.new_page()
    page.draw_rect(pymupdf.Rect(50, 50, 200, 200), color=(0, 0, 0), fill=(0.5, 0.5, 0.5))
    doc.new_page()  # a blank page too
    doc.save(path)
    doc.close()
    return path


def make_docx(path: Path) -> Path:
    document = docx.Document()
    document.add_heading("Resolution 1", level=1)
    document.add_paragraph("The General Assembly,")
    document.add_paragraph("Recalling its earlier resolutions,")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "cell A"
    table.cell(0, 1).text = "cell B"
    table.cell(1, 0).text = "cell C"
    table.cell(1, 1).text = "cell D"
    document.add_paragraph("1. Decides to remain seized of the matter.")
    document.save(path)
    return path


# ---------------------------------------------------------------------------------------------
# PDF


def test_pdf_two_pages_text_and_page_starts(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "two.pdf", ["First page text.", "Second page text."])
    src = read(path)
    assert isinstance(src, Source)
    assert src.format == "pdf"
    assert src.path == str(path)
    assert src.encoding is None
    assert len(src.page_starts) == 2
    assert src.page_starts[0] == 0
    second = src.text.index("Second page text.")
    assert src.text.index("First page text.") < src.page_starts[1] <= second
    assert page_of(src, src.text.index("First")) == 1
    assert page_of(src, second) == 2
    assert page_of(src.page_starts, second) == 2
    assert page_of(src, len(src.text)) == 2
    assert page_of(src, len(src.text) + 1) is None
    assert page_of(src, -1) is None


def test_pdf_encrypted(tmp_path: Path) -> None:
    path = make_encrypted_pdf(tmp_path / "locked.pdf")
    with pytest.raises(InputError, match=r"locked\.pdf.*is encrypted: decrypt it first"):
        read(path)


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    path = make_textless_pdf(tmp_path / "scan.pdf")
    with pytest.raises(InputError, match=r"scan\.pdf.*has no text layer \(a scanned PDF\?\): run OCR first"):
        read(path)


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.7\nthis is not really a pdf", b"just some text in a .pdf", b"PK\x03\x04garbage"],
    ids=["broken-pdf", "text-named-pdf", "zip-named-pdf"],
)
def test_pdf_invalid(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "bad.pdf"
    path.write_bytes(data)
    with pytest.raises(InputError, match=r"bad\.pdf.*not a valid PDF"):
        read(path)


@pytest.mark.parametrize("name", ["A_RES_73_3-EN.pdf", "A_RES_73_6-EN.pdf"])
def test_official_pdfs(name: str) -> None:
    src = read(RAW_PDF / name)
    assert src.format == "pdf"
    assert len(src.page_starts) > 1
    assert src.page_starts[0] == 0
    assert all(a < b for a, b in zip(src.page_starts, src.page_starts[1:]))
    assert src.page_starts[-1] < len(src.text)
    assert "General Assembly" in src.text
    assert page_of(src, 0) == 1
    assert page_of(src, len(src.text) - 1) == len(src.page_starts)


def test_official_pdf_73_3_text() -> None:
    src = read(RAW_PDF / "A_RES_73_3-EN.pdf")
    assert "A/RES/73/3" in src.text
    offset = src.text.index("We, Heads of State")
    assert page_of(src, offset) == 1
    assert "tuberculosis" in src.text


def test_official_pdf_73_6_text() -> None:
    src = read(RAW_PDF / "A_RES_73_6-EN.pdf")
    assert "A/RES/73/6" in src.text
    assert "UNISPACE+50" in src.text


# ---------------------------------------------------------------------------------------------
# DOCX


def test_docx_paragraphs_and_tables(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "res.docx")
    src = read(path)
    assert src.format == "docx"
    assert src.page_starts == ()
    lines = src.text.split("\n")
    for expected in ["Resolution 1", "The General Assembly,", "Recalling its earlier resolutions,",
                     "cell A", "cell B", "cell C", "cell D",
                     "1. Decides to remain seized of the matter."]:
        assert expected in lines
    # Document order: the table sits between the second paragraph and the last one.
    assert lines.index("Recalling its earlier resolutions,") < lines.index("cell A")
    assert lines.index("cell D") < lines.index("1. Decides to remain seized of the matter.")


def test_docx_empty(tmp_path: Path) -> None:
    path = tmp_path / "blank.docx"
    docx.Document().save(path)
    with pytest.raises(InputError, match=r"blank\.docx.*has no text"):
        read(path)


def _zip_bytes(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for member, content in members.items():
            zf.writestr(member, content)
    return buf.getvalue()


@pytest.mark.parametrize(
    "data",
    [
        b"plain text, not a zip",
        _zip_bytes({"hello.txt": b"hi"}),
        _zip_bytes({"word/document.xml": b"<not-really-xml"}),
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100,
    ],
    ids=["text", "zip-without-document", "zip-with-broken-xml", "legacy-doc"],
)
def test_docx_invalid(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "bad.docx"
    path.write_bytes(data)
    with pytest.raises(InputError, match=r"bad\.docx.*not a valid DOCX"):
        read(path)


# ---------------------------------------------------------------------------------------------
# HTML


HTML = """<!DOCTYPE html>
<html><head><title>Page title</title>
<style>p { color: red; }</style>
<script>if (a < b) { alert("x"); }</script></head>
<body>
<h1>Resolution &amp; annex</h1>
<p>The General   Assembly,
   <em>recalling</em> its work,</p>



<div>Caf&eacute; &#8220;quoted&#8221;</div>
<ul><li>first item</li><li>second item</li></ul>
line one<br>line two
<table><tr><td>c1</td><td>c2</td></tr></table>
</body></html>
"""


@pytest.mark.parametrize("suffix", [".html", ".htm"])
def test_html(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"page{suffix}"
    path.write_text(HTML, encoding="utf-8")
    src = read(path)
    assert src.format == "html"
    assert src.encoding == "utf-8"
    lines = src.text.split("\n")
    assert "Resolution & annex" in lines
    assert "The General Assembly, recalling its work," in lines
    assert "Café “quoted”" in lines
    assert "first item" in lines and "second item" in lines
    assert "line one" in lines and "line two" in lines
    assert "c1\tc2" in lines
    for dropped in ["Page title", "color: red", "alert"]:
        assert dropped not in src.text
    assert "\n\n\n" not in src.text
    assert src.text == src.text.strip()


def test_html_only_markup(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><body><script>x()</script><p> </p></body></html>", encoding="utf-8")
    with pytest.raises(InputError, match=r"empty\.html.*no text"):
        read(path)


# ---------------------------------------------------------------------------------------------
# text and markdown: encodings


@pytest.mark.parametrize(
    ("data", "encoding", "text"),
    [
        ("héllo wörld\n".encode("utf-8"), "utf-8", "héllo wörld\n"),
        (b"\xef\xbb\xbf" + "héllo\n".encode("utf-8"), "utf-8-sig", "héllo\n"),
        ("\ufeffhéllo “x”\n".encode("utf-16-le"), "utf-16", "héllo “x”\n"),
        ("\ufeffhéllo “x”\n".encode("utf-16-be"), "utf-16", "héllo “x”\n"),
        (b"line 1\r\nline 2\rline 3\n", "utf-8", "line 1\nline 2\nline 3\n"),
        ("a\r\nb\r\n".encode("utf-16"), "utf-16", "a\nb\n"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "crlf-and-cr", "utf-16-crlf"],
)
def test_text_encodings(tmp_path: Path, data: bytes, encoding: str, text: str) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(data)
    src = read(path)
    assert (src.text, src.encoding, src.format, src.warnings) == (text, encoding, "txt", ())
    assert src.page_starts == ()
    assert page_of(src, 0) is None


def test_cp1252_fallback_warns(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(b"caf\xe9 \x93quoted\x94")
    src = read(path)
    assert src.text == "café “quoted”"
    assert src.encoding == "cp1252"
    assert len(src.warnings) == 1
    assert "decoded as Windows-1252: not valid UTF-8" in src.warnings[0]


@pytest.mark.parametrize("suffix", [".md", ".markdown", ".MD"])
def test_markdown_kept_as_is(tmp_path: Path, suffix: str) -> None:
    body = "# Title\n\nText with a note.[^1]\n\n[^1]: The note.\n"
    path = tmp_path / f"notes{suffix}"
    path.write_text(body, encoding="utf-8")
    src = read(path)
    assert src.format == "md"
    assert src.text == body


def test_pathlike_and_str_path(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("hello", encoding="utf-8")
    assert read(path) == read(str(path))
    assert read(path).path == str(path)


# ---------------------------------------------------------------------------------------------
# bad inputs


@pytest.mark.parametrize(
    ("name", "data", "pattern"),
    [
        ("empty.txt", b"", r"empty\.txt: is empty \(0 bytes\)"),
        ("blank.md", b"  \n\t\r\n ", r"blank\.md: is empty \(only whitespace\)"),
        ("bom-only.txt", b"\xef\xbb\xbf", r"bom-only\.txt: is empty"),
        ("noise.txt", b"\x00" + os.urandom(2048) + b"\x00\x00", r"noise\.txt: looks like a binary file, not txt/md/pdf/docx/html"),
        ("nul.md", b"hello\x00world", r"nul\.md: looks like a binary file"),
        ("controls.txt", b"\x01\x02\x03\x04\x05abc\x06\x07", r"controls\.txt: looks like a binary file"),
        ("utf16-nobom.txt", "hello world".encode("utf-16-le"), r"looks like a binary file.*UTF-16 without a byte-order mark"),
        ("bad16.txt", b"\xff\xfe\x00\xd8", r"bad16\.txt: starts with a UTF-16 byte-order mark but is not valid UTF-16"),
        ("data.xyz", b"hello", r"data\.xyz: unsupported file type \(extension '\.xyz'\), expected one of \.txt, \.md, \.markdown, \.pdf, \.docx, \.html, \.htm"),
        ("README", b"hello", r"README: unsupported file type \(no extension\)"),
    ],
    ids=["empty", "whitespace", "bom-only", "random", "nul", "controls", "utf16-nobom", "bad-utf16", "unknown-ext", "no-ext"],
)
def test_bad_inputs(tmp_path: Path, name: str, data: bytes, pattern: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError, match=pattern) as info:
        read(path)
    assert "\n" not in str(info.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nope\.txt: no such file"):
        read(tmp_path / "nope.txt")


def test_directory(tmp_path: Path) -> None:
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    with pytest.raises(InputError, match=r"folder\.txt: is a directory"):
        read(folder)


def test_input_error_is_value_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        read(tmp_path / "missing.pdf")


# ---------------------------------------------------------------------------------------------
# stdin and read_bytes


def test_stdin_sniffs_formats(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "s.pdf", ["Page one.", "Page two."]).read_bytes()
    docx_bytes = make_docx(tmp_path / "s.docx").read_bytes()
    cases = {
        "pdf": pdf,
        "docx": docx_bytes,
        "html": b"<!DOCTYPE html><html><body><p>Hi there</p></body></html>",
        "txt": b"plain words",
    }
    for fmt, data in cases.items():
        src = read("-", stdin=io.BytesIO(data))
        assert (src.format, src.path) == (fmt, "<stdin>")
    assert len(read("-", stdin=io.BytesIO(pdf)).page_starts) == 2
    assert read("-", stdin=io.BytesIO(b"<HTML><p>x</p></HTML>")).text == "x"


@pytest.mark.parametrize(
    ("data", "pattern"),
    [
        (b"", r"<stdin>: is empty"),
        (b"\x00\x01\x02" * 50, r"<stdin>: looks like a binary file"),
        (_zip_bytes({"a.txt": b"x"}), r"<stdin>: looks like a binary file"),
    ],
    ids=["empty", "binary", "non-docx-zip"],
)
def test_stdin_bad(data: bytes, pattern: str) -> None:
    with pytest.raises(InputError, match=pattern):
        read("-", stdin=io.BytesIO(data))


def test_read_bytes() -> None:
    src = read_bytes(b"Hello\r\nworld", name="x.md")
    assert (src.text, src.format, src.path) == ("Hello\nworld", "md", "x.md")
    assert read_bytes(b"<p>a</p>", name="anything.bin", format="html").text == "a"
    with pytest.raises(InputError, match=r"x\.txt: unknown format 'rtf'"):
        read_bytes(b"hi", name="x.txt", format="rtf")


def test_page_of_sequences() -> None:
    starts = (0, 10, 25)
    assert [page_of(starts, o) for o in (0, 9, 10, 24, 25, 1000)] == [1, 1, 2, 2, 3, 3]
    assert page_of((), 5) is None
    assert page_of(starts, -3) is None
    assert page_of(Source(text="abc", path="x.txt", format="txt"), 1) is None


def test_module_import_is_cheap() -> None:
    import subprocess
    import sys

    code = "import sys, pipeline.ingest; print('pymupdf' in sys.modules or 'fitz' in sys.modules or 'docx' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[1])
    assert out.stdout.strip() == "False"
