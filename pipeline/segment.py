"""Text of a resolution -> its paragraphs, footnotes, metadata and the spans that are none of these.

Pure functions, no I/O. The segmenter works on lines: every line of the input is owned by exactly
one thing (a paragraph, a footnote, a metadata field, or a dropped span with its reason), so no
text is lost silently. Footnote markers inside a paragraph line stay owned by that paragraph; they
are only removed from its clean ``text``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

PREAMBULAR = "preambular"
OPERATIVE = "operative"


@dataclass(frozen=True)
class Footnote:
    marker: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Span:
    """A piece of the input that is not paragraph text: metadata or dropped structure."""

    start: int
    end: int
    reason: str
    text: str


@dataclass
class Paragraph:
    index: int
    number: str | None
    parent: str | None
    kind: str
    text: str
    footnotes: list[Footnote]
    page: int | None
    start: int
    end: int
    # the (start, end) line pieces this paragraph owns; a footnote block may sit between two
    spans: list[tuple[int, int]] = field(default_factory=list, repr=False)

    def to_dict(self) -> dict:
        """The public fields, as JSON Lines writes them."""
        return {
            "index": self.index,
            "number": self.number,
            "parent": self.parent,
            "kind": self.kind,
            "text": self.text,
            "footnotes": [{"marker": f.marker, "text": f.text} for f in self.footnotes],
            "page": self.page,
            "start": self.start,
            "end": self.end,
        }


@dataclass
class Document:
    symbol: str | None
    title: str | None
    body: str | None
    sponsors: str | None
    date: str | None
    paragraphs: list[Paragraph]
    footnotes: list[Footnote]
    metadata_spans: list[Span]
    dropped: list[Span]

    @property
    def metadata(self) -> dict:
        return {
            "symbol": self.symbol,
            "title": self.title,
            "body": self.body,
            "sponsors": self.sponsors,
            "date": self.date,
        }

    def to_dict(self, *, show_dropped: bool = False) -> dict:
        out = {
            "metadata": self.metadata,
            "paragraphs": [p.to_dict() for p in self.paragraphs],
            "footnotes": [asdict(f) for f in self.footnotes],
        }
        if show_dropped:
            out["dropped"] = [asdict(s) for s in self.dropped]
        return out


# --- line patterns ---------------------------------------------------------------------------

_SYMBOL = re.compile(r"^(?:A|S|E|CTOC|UNEP|ST|TD|HRC|CEDAW|CRC|[A-Z]{1,6})(?:/[A-Za-z0-9.()\-]+)+$")
_PAGE_COUNTER = re.compile(r"^(\d{1,3})/(\d{1,3})$")
_JOB = r"(?:V\.)?\d{2}-\d{5}(?:\s*\([A-Z]\))?(?:\s+\d{6})?"
_JOB_NUMBER = re.compile(rf"^{_JOB}$")
_COUNTER_WITH_JOB = re.compile(rf"^(?:(\d{{1,3}})/(\d{{1,3}})\s+{_JOB}|{_JOB}\s+(\d{{1,3}})/(\d{{1,3}}))$")
_BARCODE = re.compile(r"^\*\d{6,9}\*$")
_SEPARATOR = re.compile(r"^(?:_{5,}|-{3,}|\*{3,})$")
_FOOTNOTE_ENTRY = re.compile(r"^(\d{1,3}|\*{1,3})\s+(\S.*)$")
_MD_FOOTNOTE_DEF = re.compile(r"^\[\^(\d{1,3})\]:\s*(.*)$")
_OPERATIVE_NUMBER = re.compile(r"^(\d{1,3})\.(?:\s+|$)")
_OPERATIVE_NUMBER_OCR = re.compile(r"^(\d{1,3}),\s+")
_SUB_ITEM = re.compile(r"^\(([a-z]{1,2}|[ivxl]{1,6})\)(?:\s+|$)")
_ADOPTION = re.compile(
    r"^(?:\d{1,4}(?:st|nd|rd|th)\s+(?:plenary\s+)?meeting\b.*|Adopted\b.*\bmeet(?:ing\b.*|-)|"
    r"(?:Adopted|Approved)\s+(?:unanimously|without\s+(?:a\s+)?vote|by\s+\d+).*)$",
    re.IGNORECASE,
)
_DATE = re.compile(
    r"\b\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\s+\d{4}\b"
)
_ONLY_DATE = re.compile(rf"^{_DATE.pattern}$")
_BODY_LINE = re.compile(
    r"^(?:We,\s.*|The\s+(?:General\s+Assembly|Security\s+Council|Economic\s+and\s+Social\s+Council|"
    r"Human\s+Rights\s+Council|Conference\s+of\s+(?:the\s+)?(?:States\s+)?Parties\b.*|"
    r"Commission\s+on\b.*|[A-Z][\w ]{2,60}?(?:Council|Assembly|Commission|Conference|Board|Committee)"
    r"(?:\s+of\s+[^,]{3,150})?))\s*(,|:)?$"
)
_HEADING = re.compile(
    r"^(?:(?:[IVXL]{1,6}|[A-H])\.\s+\S.{0,150}|Annex(?:es)?(?:\s+[IVX\d]+)?|Appendix(?:\s+[IVX\d]+)?|"
    r"[A-H]\.?|[IVXL]{1,6}\.?|(?:Article|Chapter|Part|Section)\s+(?:\d{1,3}|[IVXL]{1,6})(?:\s+\S.{0,120})?)$"
)
# a treaty's article or chapter heading, whose title may stand on the next line
_ARTICLE_HEADING = re.compile(r"^(?:Article|Chapter|Part|Section)\s+(?:\d{1,3}|[IVXL]{1,6})$")
_SPONSORS = re.compile(r".*:\s*(?:revised\s+)?draft\s+(?:resolution|decision)\b.*$", re.IGNORECASE)
# How a footnote's text starts when its marker was not seen in the text (old Security Council
# texts put "1961, 3 bringing" markers mid-line): a reference, never a paragraph opening.
_FOOTNOTE_TEXT = re.compile(
    r"^(?:Ibid\b|See\b|Official Records\b|United Nations,? Treaty Series|General Assembly resolution|"
    r"Resolution \d|Document\b|[AS]/\d)"
)
# A footnote marker: digits glued to a word or closing punctuation, or markdown's [^n].
_GLUED_MARKER = re.compile(r"(?<=[A-Za-z\)\]”’\"',;:.])(\d{1,3})(?=[\s,;:.)”’]|$)")
_MD_MARKER = re.compile(r"\[\^(\d{1,3})\]")
_END_PUNCT = re.compile(r"[,;:.]\s*$")


def _norm_space(text: str) -> str:
    """Runs of whitespace -> one space, none at the ends."""
    if text.isprintable() and "  " not in text:
        return text.strip()  # no whitespace but single spaces (the one printable whitespace)
    return " ".join(text.split())


def normalize_text(text: str) -> str:
    """Lower-case, punctuation-light form used to compare paragraphs across renditions."""
    text = text.replace("\u2011", "-").replace("\u00ad", "")
    text = re.sub(r"[“”\"‘’']", "", text)
    text = re.sub(r"\s*-\s*", "-", text)
    text = re.sub(r"[^\w/.\-]+", " ", text.lower())
    return _norm_space(text)


# --- step 1: lines ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Line:
    start: int
    end: int  # end of the content, newline excluded
    raw: str
    text: str  # stripped
    owner: str | None = None  # "para:N", "fn:N", "meta:FIELD", "drop:REASON"


# A line longer than this holds a whole paragraph: the text was re-flowed (Markdown, web pages),
# not pulled out of a PDF page, whose lines are under 100 characters.
_REFLOWED_LINE = 150

# Where re-flowed texts glue two things onto one line, the line is cut in two: a markdown
# footnote definition running into the next numbered paragraph ("[^4]: ... No. 10485. 1. Underlines
# ..."), and an adoption line run onto the last paragraph ("... context”. 52nd plenary meeting").
_GLUED_LINE = re.compile(
    r"(?<=[.;”\"])\s+(?=\d{1,3}\.\s+[A-Z][a-z]+s\b)"
    r"|(?<=[.;”\"])\s+(?=\d{1,3}(?:st|nd|rd|th)\s+(?:plenary\s+)?meeting\b)"
)


# A re-flowed text may also run the next numbered paragraph onto the line of the one before ("...
# for Sustainable Development.2 2. We acknowledge ...", the last preambular paragraph's "... of 2
# December 2024, 1. Reiterates"): the line is cut there when the number is the one due after the
# last paragraph number that opened a line or was cut so. A section heading may stand before it
# ("Global context and shared commitments 3. We gather at a critical juncture").
_INLINE_NUMBER = re.compile(r"(?:[.,;:”]\d{0,3}|^[A-Z][^.,;:]{2,80}?)\s+(?=(\d{1,3})\.\s+[A-Z][a-z])")
_LINE_NUMBER = re.compile(r"\s*(\d{1,3})\.\s")


def _split_lines(text: str) -> list[_Line]:
    lines = []
    append = lines.append
    pos = 0
    last_number = 0
    for raw in text.split("\n"):
        size = len(raw)
        opening = _LINE_NUMBER.match(raw)
        if opening:
            last_number = int(opening.group(1))
        cuts = []
        if size > _REFLOWED_LINE:
            if _glued_candidate(raw):
                cuts = [m.end() for m in _GLUED_LINE.finditer(raw)]
                run_on = _FOOTNOTE_RUN_ON.search(raw) if raw.lstrip().startswith("[^") else None
                if run_on:
                    cuts.append(run_on.end())  # where the footnote ends; the rest is cut as any line
            for m in _INLINE_NUMBER.finditer(raw):
                if int(m.group(1)) == last_number + 1:
                    cuts.append(m.end())
                    last_number += 1
            if "," in raw:
                cuts.extend(m.end() for m in _GLUED_PREAMBLE.finditer(raw))
        if cuts:
            start = 0
            for cut in sorted(set(cuts)) + [size]:
                piece = raw[start:cut]
                append(_Line(pos + start, pos + cut, piece, piece.strip()))
                start = cut
        else:
            append(_Line(pos, pos + size, raw, raw.strip()))
        pos += size + 1
    return lines


def _glued_candidate(raw: str) -> bool:
    head = raw.lstrip()[:3]
    return head.startswith("[^") or "plenary meeting" in raw


# --- step 2: page furniture --------------------------------------------------------------------


def _mark_furniture(lines: list[_Line], symbol: str | None, title_norm: str) -> None:
    """Mark running headers, footers, counters, barcodes; title lines that sit among them."""
    anchors = []
    symbol_first = symbol[0] if symbol else ""  # only lines starting so can be its page header
    symbol_and_space = f"{symbol} "
    for i, line in enumerate(lines):
        t = line.text
        if not t or line.owner:
            continue
        first = t[0]
        numeric = first.isdigit() or first == "V" and t.startswith("V.")  # counters and job numbers start so
        if first == "*" and _BARCODE.match(t):
            line.owner = "drop:barcode"
        elif numeric and (_PAGE_COUNTER.match(t) or _COUNTER_WITH_JOB.match(t)):
            line.owner = "drop:page counter"
        elif numeric and _JOB_NUMBER.match(t):
            line.owner = "drop:job number"
        elif symbol and first == symbol_first and (
            t == symbol or t.startswith(symbol_and_space) and _norm_space(t[len(symbol):]).lower() in title_norm
        ):
            line.owner = "drop:page header"
        elif len(t) < 40 and "/" in t and _SYMBOL.match(t) and len(line.raw) - len(line.raw.lstrip()) >= 20:
            line.owner = "drop:page header"  # another symbol's header, pushed to the right margin
        else:
            continue
        anchors.append(i)
    if not anchors or not title_norm:
        return
    # Running titles: a block of lines next to furniture (the nearest non-blank lines above or
    # below) whose words are part of the title and whose first line starts it. Body text that
    # quotes the title on either side of a page break does not start it and stays body text.
    longest = len(title_norm) + 10

    def title_like(j: int) -> bool:
        line = lines[j]
        return (
            line.owner is None and 4 <= len(line.text) <= longest
            and line.text[:6].lower() in title_norm and _norm_space(line.text).lower() in title_norm
        )

    for i in anchors:
        for step in (-1, 1):
            block: list[int] = []
            j = _next_text(lines, i, step)
            while j is not None and title_like(j) and len(block) < 8:
                block.append(j)
                j = _next_text(lines, j, step)
            if step < 0:
                block.reverse()
            # the longest run that starts with the title's first words and reads as part of it
            while block:
                words = _norm_space(" ".join(lines[k].text for k in block)).lower()
                if title_norm.startswith(_norm_space(lines[block[0]].text).lower()) and words in title_norm:
                    for k in block:
                        lines[k].owner = "drop:page header"
                    break
                block = block[:-1] if step > 0 else block[1:]


def _next_text(lines: list[_Line], i: int, step: int) -> int | None:
    """The nearest line after (step 1) or before (step -1) line ``i`` that has text."""
    j = i + step
    while 0 <= j < len(lines) and not lines[j].text:
        j += step
    return j if 0 <= j < len(lines) else None


def _pages(lines: list[_Line], page_starts: tuple[int, ...] | None) -> list[int | None]:
    """Page of each line: from the reader's page offsets, else from the page counters."""
    if page_starts:
        return [bisect.bisect_right(page_starts, line.start) or 1 for line in lines]
    pages: list[int | None] = []
    page = 1
    seen_counter = False
    in_footnotes = False
    for line in lines:
        owner = line.owner
        if owner == "drop:footnote separator":
            in_footnotes = True
        elif in_footnotes and line.text and not (owner or "").startswith("fn:"):
            in_footnotes = False
            # footnotes close a page; the next page begins here unless its header says so
            if not (owner or "").startswith("drop:page") and owner != "drop:job number":
                page += 1
                seen_counter = True
        if owner == "drop:page counter":
            m = _PAGE_COUNTER.match(line.text) or _COUNTER_WITH_JOB.match(line.text)
            number = int(next(g for g in m.groups() if g))
            seen_counter = True
            # a counter for the next page is a header; one for the current page is a footer
            if number == page:
                pages.append(page)
                page += 1
                continue
            page = number
        pages.append(page)
    return pages if seen_counter else [None] * len(lines)


# --- step 3: footnotes -------------------------------------------------------------------------


_SEPARATOR_FIRST = frozenset("_-*")


def _mark_footnotes(lines: list[_Line], cited) -> list[tuple[str, list[int]]]:
    """Find footnote entries; return (marker, line indexes) in order of appearance."""
    entries: list[tuple[str, list[int]]] = []
    n = len(lines)
    firsts = [line.text[0] if line.text else "" for line in lines]  # the first character of each line
    i = 0
    for separator in [k for k, first in enumerate(firsts) if first in _SEPARATOR_FIRST]:  # a few lines
        line = lines[separator]
        if separator < i or line.owner or not _SEPARATOR.match(line.text):
            continue  # before i: inside the footnotes of the previous separator
        line.owner = "drop:footnote separator"
        i = separator + 1
        current: list[int] | None = None
        while i < n:
            line = lines[i]
            if line.owner:
                break
            if not line.text:
                i += 1
                continue
            m = _FOOTNOTE_ENTRY.match(line.text) or _MD_FOOTNOTE_DEF.match(line.text)
            if m and not _OPERATIVE_NUMBER.match(line.text):
                current = [i]
                entries.append((m.group(1), current))
                line.owner = "fn:"
            elif current is not None and (
                not _END_PUNCT.search(lines[current[-1]].text)
                or lines[current[-1]].text.endswith((",", ";"))
                or _open_bracket([lines[k].text for k in current])  # "(United Nations publication, Sales No."
            ):
                current.append(i)  # a wrapped footnote
                line.owner = "fn:"
            else:
                break
            i += 1
    # Footnotes without a separator (re-flowed texts, old Security Council texts): a line that
    # is a markdown definition, or "n Text" standing alone where marker n was cited before it, or
    # where it follows footnote n - 1 with only blank lines between ("5 See CD/1839." then
    # "6 A/AC.297/2025/3." in a block of footnotes re-flowed into the middle of a paragraph).
    starts = [k for k, first in enumerate(firsts) if first in ("[", "*") or first.isdigit()]
    previous: tuple[str, int] | None = None  # the last footnote found here: marker, last line
    for i in starts:  # a footnote starts with its marker
        line = lines[i]
        if line.owner:
            continue
        m = _MD_FOOTNOTE_DEF.match(line.text)
        if not m:
            m = _FOOTNOTE_ENTRY.match(line.text)
            if not m or _OPERATIVE_NUMBER.match(line.text):
                continue
            follows = (
                previous is not None and previous[0].isdigit() and m.group(1) == str(int(previous[0]) + 1)
                and all(not lines[k].text for k in range(previous[1] + 1, i))
            )
            before = lines[i - 1].text if i else ""
            if before and not _END_PUNCT.search(before) and not lines[i - 1].owner:
                continue
            if _looks_like_paragraph_opening(m.group(2)):
                continue
            if not follows and not _FOOTNOTE_TEXT.match(m.group(2)) and not cited(m.group(1)):
                continue  # the costliest test last: cited() may read the whole text
        idx = [i]
        j = i + 1
        while j < len(lines) and lines[j].text and not lines[j].owner and not _FOOTNOTE_ENTRY.match(lines[j].text):
            idx.append(j)
            j += 1
        entries.append((m.group(1), idx))
        previous = (m.group(1), idx[-1])
        for j in idx:
            lines[j].owner = "fn:"
    entries.sort(key=lambda e: e[1][0])
    for number, (marker, idx) in enumerate(entries):
        for j in idx:
            lines[j].owner = f"fn:{number}"
    return entries


_GLUED_BEFORE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz)]”’\"',;:.")
_GLUED_AFTER = frozenset(",;:.)”’")
_SPACED_BEFORE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz,)”’.;")


def _open_bracket(texts: list[str]) -> bool:
    """Is a bracket opened in ``texts`` still open at their end?"""
    return sum(t.count("(") - t.count(")") for t in texts) > 0


def _marker_at(text: str, i: int, j: int) -> tuple[int, int] | None:
    """Is the digit run text[i:j] a footnote marker? Returns the span to cut, else None.

    A marker is glued to a word or closing punctuation ("Convention,1", "Aspects5"), set off by a
    space after a word or punctuation ("Aspects, 4"), or markdown's "[^4]". String scanning with
    str.find over candidate markers is much faster than a regular expression over every character.
    """
    n = len(text)
    if (i and text[i - 1].isdigit()) or (j < n and text[j].isdigit()):
        return None
    after = text[j] if j < n else ""
    if i >= 2 and text[i - 2 : i] == "[^" and after == "]":
        return i - 2, j + 1
    if not i or not (after == "" or after.isspace() or after in _GLUED_AFTER):
        return None
    if after == "." and j + 1 < n and text[j + 1].isdigit():
        return None  # "8.5 trillion"
    group = text[j + 1 : j + 4]
    if after == "," and len(group) == 3 and group.isdigit() and not text[j + 4 : j + 5].isdigit():
        return None  # "4,998,800 dollars", but "conflict,10,11" cites two footnotes
    before = text[i - 1]
    if before in _GLUED_BEFORE:
        if before in ".,;:" and i >= 2 and text[i - 2].isdigit() and before != ",":
            return None  # "16.4" is a target, "72/55,1" cites
        if before == "." and i >= 3 and text[i - 3 : i - 1].isupper():
            return None  # "C-24/DEC.4" is a document number
        return i, j
    if not (before.isspace() and (after in ("", ",", ";", ".") or after.isspace())):
        return None
    if (i >= 2 and text[i - 2] in _SPACED_BEFORE) or _after_year(text, i - 1):
        return i - 1, j
    return None


def _after_year(text: str, i: int) -> bool:
    """Does a year end just before text[i] ("of 1972 1 and", "of 19721 and")?"""
    year = text[i - 4 : i] if i >= 5 else ""
    return year[:2] in ("19", "20") and year.isdigit() and not text[i - 5].isalnum()


def _cited_anywhere(text: str) -> Callable[[str], bool]:
    """A test of whether footnote marker N is cited somewhere in ``text``."""
    memo: dict[str, bool] = {}

    def is_citation(i: int, j: int) -> bool:
        cut = _marker_at(text, i, j)
        if cut is None or cut[0] != i - 1:
            return cut is not None  # glued, or markdown
        # set off by a space: after a lower-case word, comma, bracket or year, and at a line's
        # end or, in a re-flowed line (one paragraph on one long line; a PDF line that starts
        # "117 and 119" is a wrapped list of numbers), before a lower-case word ("devoted to
        # disarmament, 3 calling for")
        if not (text[i - 2].islower() or text[i - 2] in ",)" or _after_year(text, i - 1)):
            return False
        end = text.find("\n", j)
        end = len(text) if end == -1 else end
        if not text[j:end].strip():
            return True
        return (
            end - text.rfind("\n", 0, i) > _REFLOWED_LINE
            and text[j : j + 3].lstrip()[:1].islower()
            and _spaced_marker(text, i, j)
            and not _ends_with_reference_word(text[max(0, i - 24) : i].rstrip()[-14:])
        )

    def cited(marker: str) -> bool:
        if marker not in memo:
            i = text.find(marker)
            while i != -1 and not is_citation(i, i + len(marker)):
                i = text.find(marker, i + 1)
            memo[marker] = i != -1
        return memo[marker]

    return cited


# --- step 4: header, body line, closing ---------------------------------------------------------


_OPENING_WORDS = frozenset(
    """acknowledging acknowledges adopts affirming affirms alarmed also appeals appreciating
    approves aware bearing believing calls cognizant commending commends committed
    concerned condemning condemns confident confirms conscious considering considers
    continues convinced decides declares deeply demands deploring deplores desiring
    designates determined determines directs disturbed emphasizing emphasising emphasizes
    emphasises encourages encouraged endorses establishes expresses expressing
    firmly further furthermore gravely guided having highlighting highlights insists
    instructs invites inviting keeping looking mindful most noting notes observing once
    pays paying proclaims reaffirming reaffirms realizing recalling recalls recognizing
    recognising recognizes recognises recommends regretting regrets reiterating reiterates
    rejects remaining reminds renews requests resolves seeking seriously stressing stresses
    strongly supports taking takes underlining underlines underscoring underscores urges
    welcoming welcomes we acting affirming agrees authorizes calls approving decides
    deeply reaffirm recognizing noting desirous believing welcoming reaffirming recalling
    acknowledging cognisant conscious convinced deeply emphasizing encouraging endorsing
    expressing fully gravely guided having mindful observing profoundly reiterating
    stressing taking underlining whereas affirming aware commending condemning
    considering declaring deploring determined regretting rejecting reaffirms
    underscoring urging inviting requesting encouraging appealing calling determining
    wishing grieved referring sharing renewing being recommitting supporting confirming
    resolved honouring continuing responding trusting indignant demanding disappointed
    seized dismayed commemorating reminding drawing striving reconfirming anxious
    appalled outraged praising expecting""".split()
)


_PREAMBLE_ADJECTIVES = frozenset(
    "aware alarmed cognizant concerned conscious convinced deeply desirous determined fully gravely guided mindful "
    "profoundly seriously".split()
)
# A re-flowed text may also run the next preambular paragraph onto the one before, after its
# closing comma and footnote marker ("... on Population and Development,10 Reaffirming the 2030
# Agenda"): a capitalized participle or adjective that opens paragraphs does not stand there
# otherwise. Only looked for in re-flowed lines (_split_lines).
_PREAMBLE_OPENINGS = sorted(
    (w.capitalize() for w in _OPENING_WORDS if w.endswith("ing") or w in _PREAMBLE_ADJECTIVES), key=len, reverse=True
)
_GLUED_PREAMBLE = re.compile(r"(?<=[a-z0-9)”\"]),\d{0,3}\s+(?=(?:" + "|".join(_PREAMBLE_OPENINGS) + r")\s)")

# A Markdown footnote definition that swallowed the text after it ("[^7]: See A/57/759, annex I.
# Taking note of Security Council resolution 984 ..."): cut where the first sentence that ends is
# followed by an opening word of a paragraph (not after a paragraph's number: "1. Reaffirms").
_OPENINGS = sorted((w.capitalize() for w in _OPENING_WORDS), key=len, reverse=True)
_FOOTNOTE_RUN_ON = re.compile(r"(?<=[A-Za-z)\]]\.)\s+(?=(?:" + "|".join(_OPENINGS) + r")\s)")

_FIRST_WORD = re.compile(r"[A-Za-z]+")


def _looks_like_paragraph_opening(text: str) -> bool:
    if not (text and text[0].isupper()):
        return False
    word = _FIRST_WORD.match(text)
    return bool(word) and word.group(0).lower() in _OPENING_WORDS


def _find_body_line(lines: list[_Line]) -> int | None:
    for i, line in enumerate(lines):
        if line.owner or not line.text or len(line.text) > 200:
            continue
        if line.text.startswith("We,"):
            continue
        if _BODY_LINE.match(line.text) and line.text.startswith("The "):
            return i
    return None


def _detect_symbol(lines: list[_Line]) -> str | None:
    for line in lines[:60]:
        if "/" in line.text and _SYMBOL.match(line.text) and not _PAGE_COUNTER.match(line.text):
            return line.text
        if line.text.startswith("United Nations "):  # re-flowed: "United Nations A/RES/80/4"
            rest = line.text[len("United Nations "):].strip()
            if "/" in rest and _SYMBOL.match(rest):
                return rest
    for line in lines:
        if line.text.count("/") >= 2 and _SYMBOL.match(line.text):
            return line.text
    return None


def _mark_header(lines: list[_Line], body_line: int, spaced: bool) -> dict:
    """Own every line before the authoring-body line as metadata or header structure. ``spaced``:
    the document puts a blank line after every line."""
    meta: dict = {"title": None, "sponsors": None, "date": None}
    header = [i for i in range(body_line) if lines[i].text and not lines[i].owner]
    # the title: the last block of consecutive lines before the body line
    title_idx: list[int] = []
    for i in reversed(header):
        t = lines[i].text
        if t.startswith("[") or re.match(r"(?i)resolution adopted by|draft resolution", t):
            break
        if _SPONSORS.match(t) or _DATE.search(t) and len(t) < 40:
            break
        if title_idx and i + 1 < len(lines) and not lines[i + 1].text and i + 1 != title_idx[0]:
            # a blank line ends the title block, unless the document puts one after every line
            if not spaced:
                break
        if title_idx and title_idx[0] - i > 2:
            break
        title_idx.insert(0, i)
    if title_idx:
        title = _norm_space(" ".join(lines[i].text for i in title_idx))
        meta["title"] = re.sub(r"^\d{1,3}/\d{1,4}\s*[.:]\s*", "", title).strip() or None
        for i in title_idx:
            lines[i].owner = "meta:title"
    sponsor_idx: list[int] = []
    for i in header:
        if lines[i].owner:
            continue
        t = lines[i].text
        if _SPONSORS.match(t):
            # sponsor lists wrap: take the lines above up to a blank line
            j = i
            sponsor_idx = [i]
            while j - 1 >= 0 and lines[j - 1].text and not lines[j - 1].owner and j - 1 in header:
                j -= 1
                if re.match(r"(?i)(agenda|item|eightieth|seventy|first|second|third|fourth|fifth|sixth)\b", lines[j].text):
                    break
                sponsor_idx.insert(0, j)
            break
    if sponsor_idx:
        meta["sponsors"] = _norm_space(" ".join(lines[i].text for i in sponsor_idx))
        for i in sponsor_idx:
            lines[i].owner = "meta:sponsors"
    for i in header:
        line = lines[i]
        if line.owner:
            continue
        if meta["date"] is None and _DATE.search(line.text):
            meta["date"] = _DATE.search(line.text).group(0)
            line.owner = "meta:date"
        else:
            line.owner = "drop:document header"
    return meta


def _every_line_spaced(lines: list[_Line]) -> bool:
    """Does the document put a blank line after (almost) every line of text?"""
    texts = [line.text for line in lines]
    nonblank = len(texts) - texts.count("")
    if nonblank < 10:
        return False
    spaced = sum(1 for text, following in zip(texts, texts[1:]) if text and not following)
    return spaced / nonblank > 0.8


def _mark_closing(lines: list[_Line], start: int) -> list[tuple[str, list[int]]]:
    """The adoption line ("43rd plenary meeting / 2 December 2024") and what follows it closing.

    Returns the footnotes found after an old Security Council adoption line ("6 The draft
    resolution was voted on in parts."), whose markers are often lost in the text.
    """
    entries: list[tuple[str, list[int]]] = []
    for i in range(start, len(lines)):
        line = lines[i]
        t = line.text
        if line.owner or not t or not (t[0] in "Aa" or t[0].isdigit()) or not _ADOPTION.match(t):
            continue
        line.owner = "drop:adoption line"
        # the vote that completes it: "Adopted at the 942nd meeting / by 9 votes to none, with 2
        # abstentions (France, Union of / Soviet Socialist Republics)."
        sentence, j = line.text, i + 1
        while (
            line.text.startswith("Adopted") and j < len(lines) and lines[j].text and not lines[j].owner
            and not _strip_markers(sentence).rstrip().endswith(".") and j - i <= 8
        ):
            lines[j].owner = "drop:adoption line"
            sentence += " " + lines[j].text
            j += 1
        while j < len(lines) and (not lines[j].text or lines[j].owner):
            j += 1
        if j < len(lines) and (_ONLY_DATE.match(lines[j].text) or re.match(r"^\d{1,4}(?:st|nd|rd|th)\s+meeting\.?$", lines[j].text)):
            lines[j].owner = "drop:adoption line"
        if line.text.startswith("Adopted"):
            entries += _trailing_footnotes(lines, j)
    return entries


def _trailing_footnotes(lines: list[_Line], start: int) -> list[tuple[str, list[int]]]:
    entries: list[tuple[str, list[int]]] = []
    current: list[int] | None = None
    for j in range(start, len(lines)):
        line = lines[j]
        if line.owner:
            current = None
            continue
        if not line.text:
            continue
        m = _FOOTNOTE_ENTRY.match(line.text)
        if m and not _OPERATIVE_NUMBER.match(line.text):
            current = [j]
            entries.append((m.group(1), current))
        elif current is not None:
            current.append(j)
        else:
            break
        line.owner = "fn:"
    return entries


# --- step 5: paragraphs ------------------------------------------------------------------------


@dataclass
class _Block:
    lines: list[int]
    number: str | None = None
    sub: str | None = None
    restart: bool = False  # a repeated body line ("The Security Council,") came before it
    quotes: int | None = None  # opening minus closing quotation marks, once counted


def _strip_markers(text: str) -> str:
    return _GLUED_MARKER.sub("", _MD_MARKER.sub("", text))


_ROMANS = "i ii iii iv v vi vii viii ix x xi xii xiii xiv xv xvi xvii xviii xix xx".split()
# OCR reads "(b)" as "(6)" or "(5)" in old Security Council texts
_OCR_LETTERS = {"6": "b", "5": "b"}
_SUB_ITEM_OCR = re.compile(r"^\(([65])\)\s+")
_FURNITURE = ("drop:page", "drop:barcode", "drop:job", "drop:footnote", "fn:")


def _next_subs(last: str | None) -> set[str]:
    """The item letters that may follow ``last`` ("a" -> "b"; "i" after a letter; "ii" -> "iii")."""
    expected = {"a", "i"}
    if last:
        if last in _ROMANS and _ROMANS.index(last) + 1 < len(_ROMANS):
            expected.add(_ROMANS[_ROMANS.index(last) + 1])
        if len(last) == 1:
            expected.add(chr(ord(last) + 1))
    return expected


def _blocks(lines: list[_Line], start: int, spaced: bool, title_norm: str = "") -> list[_Block]:
    """Group the unowned lines after the body line into paragraph blocks."""
    lengths = sorted([len(line.text) for line in lines[start:] if line.text and not line.owner])
    # re-flowed texts put one paragraph on a line: a line that ends a sentence ends a paragraph
    reflowed = bool(lengths) and lengths[len(lengths) // 2] > _REFLOWED_LINE
    blocks: list[_Block] = []
    current: _Block | None = None
    blank_before = True
    crossed_page = False
    restart = False
    pending_number: str | None = None
    last_sub: str | None = None
    last_number: int | None = None
    for i in range(start, len(lines)):
        line = lines[i]
        if line.owner:
            if line.owner.startswith(_FURNITURE):
                crossed_page = True
            elif line.owner.startswith("drop:adoption") or line.owner == "drop:section heading":
                current = None
                blank_before = True
            continue
        if not line.text:
            blank_before = True
            continue
        t = line.text
        first = t[0]
        if first == "T" and t.startswith("The ") and t.endswith(",") and _BODY_LINE.fullmatch(t):
            # a second part ("B") of an old Security Council resolution starts its own preamble
            line.owner = "meta:body"
            current, blank_before, restart = None, True, True
            continue
        new = False
        number = sub = None
        digit = first.isdigit()
        m = _OPERATIVE_NUMBER.match(t) if digit else None
        if digit and m is None and last_number is not None:
            # OCR reads "4." as "4,": accept it where it is the next number and an opening follows
            ocr = _OPERATIVE_NUMBER_OCR.match(t)
            if ocr and int(ocr.group(1)) == last_number + 1 and _is_opening(t[ocr.end():]):
                m = ocr
        if m:
            last_number = int(m.group(1))
        s = _SUB_ITEM.match(t) if first == "(" else None
        if first == "(" and not s and "b" in _next_subs(last_sub):
            s = _SUB_ITEM_OCR.match(t)
        ends_paragraph = current is None or _ends_clause(lines[current.lines[-1]].text)
        if m:
            number, new = m.group(1), True
        elif s and (
            ends_paragraph or blank_before or (
                _OCR_LETTERS.get(s.group(1), s.group(1)) in _next_subs(last_sub)
                and not re.match(r"\s*(?:of|and|or|above|below|thereof)\b", t[s.end():])  # "1\n(a) of"
            )
        ):
            sub, new = _OCR_LETTERS.get(s.group(1), s.group(1)), True
        elif pending_number is not None:
            new, number = True, pending_number
        elif blank_before and ends_paragraph and _starts_title(t, title_norm):
            # the title repeated over an annexed text: "Political declaration of the high-level
            # meeting of the / General Assembly on the fight against tuberculosis"
            line.owner = "drop:section heading"
            j = i + 1
            while (
                j < len(lines) and j - i <= 3 and lines[j].text and not lines[j].owner
                and _norm_space(lines[j].text).lower() in title_norm
            ):
                lines[j].owner = "drop:section heading"
                j += 1
            current = None
            continue
        elif (ends_paragraph or len(t) < 8) and _is_heading(lines, i, ends_paragraph):
            line.owner = "drop:section heading"
            last = i  # the heading's last line
            if _ARTICLE_HEADING.match(t):
                # "Article 9" / "" / "Interference with electronic data": the title after blank lines
                j = _next_text(lines, i, 1)
                title = lines[j].text if j is not None else ""
                if (
                    title and not lines[j].owner and len(title) <= 120 and not _END_PUNCT.search(title)
                    and (j + 1 == len(lines) or not lines[j + 1].text)  # a title stands alone
                    and not _OPERATIVE_NUMBER.match(title) and not _HEADING.match(title)
                ):
                    lines[j].owner = "drop:section heading"
                    last = j
            _mark_heading_continuation(lines, last)
            current = None
            blank_before = True
            continue
        elif current is None:
            new = True
        elif crossed_page and not _is_opening(t):
            new = False  # a paragraph running on over a page break
        elif (current.number is not None or current.sub is not None) and not blank_before and not reflowed:
            new = False  # "... partners. We will ensure ..." inside a numbered paragraph
        elif ends_paragraph and first.isupper():
            if _is_opening(t) or (reflowed and (blank_before or lines[current.lines[-1]].text.rstrip().endswith("."))):
                new = True  # re-flowed: a wrapped quoted title ("Prevent,\nCombat") does not split
            elif spaced:
                new = len(line.raw) - len(line.raw.lstrip()) >= 2  # indented
            else:
                new = blank_before
            if new and _open_quote(current, lines):
                new = False  # a line break inside a quoted title: "... All States, / Taking into ..."
        if pending_number is not None:
            number, pending_number = pending_number, None
        if m and not t[m.end():].strip():
            # "1." alone on its line: the text follows on the next line
            pending_number = m.group(1)
            current = _Block([i], number, None, restart)
            blocks.append(current)
            blank_before = crossed_page = restart = False
            last_sub = None
            continue
        if m and (item := _SUB_ITEM.match(t[m.end():])):
            sub = item.group(1)  # "10. (a) The Government ..."
        if new and not (blocks and blocks[-1].lines and _is_number_only(lines, blocks[-1]) and number == blocks[-1].number):
            current = _Block([i], number, sub, restart)
            blocks.append(current)
            restart = False
            if number is not None or sub is not None:
                last_sub = sub
        else:
            current.lines.append(i)
            if current.quotes is not None:
                current.quotes += t.count("“") - t.count("”")
            if sub is not None:
                current.sub = sub
                last_sub = sub
        blank_before = crossed_page = False
    return blocks


def _is_opening(text: str) -> bool:
    return _looks_like_paragraph_opening(text)  # "We ..." and "We, ..." too: "we" is an opening word


def _ends_clause(text: str) -> bool:
    """Does a line end a paragraph's clause (with , ; : or .), once a trailing footnote marker
    ("Convention,1", "Aspects, 4", "[^4]") is set aside?"""
    if text and text[-1].isalpha():
        return False  # most lines end with a word
    text = text.rstrip()
    last = text[-1:]
    if last in (",", ";", ":", "."):
        return True
    if not (last.isdigit() or last == "]"):
        return False
    if text.endswith("]") and "[^" in text:
        text = text[: text.rfind("[^")].rstrip()
    if text[-1:] in (",", ";", ":", "."):
        return True
    core = text.rstrip("0123456789")
    return 1 <= len(text) - len(core) <= 3 and core.rstrip()[-1:] in (",", ";", ":", ".")


def _open_quote(block: _Block, lines: list[_Line]) -> bool:
    if block.quotes is None:
        text = " ".join([lines[j].text for j in block.lines])
        block.quotes = text.count("“") - text.count("”")
    return block.quotes > 0


_NUMBER_ONLY = re.compile(r"\d{1,3}\.")
_BARE_NUMERAL = re.compile(r"[IVXL]{1,6}\.?|[A-H]\.?")


def _is_number_only(lines: list[_Line], block: _Block) -> bool:
    return len(block.lines) == 1 and bool(_NUMBER_ONLY.fullmatch(lines[block.lines[0]].text))


def _starts_title(text: str, title_norm: str) -> bool:
    """Does the line open the document's title (not punctuated as a paragraph is)?"""
    if not title_norm or len(text) < 20 or text[-1] in ",;:.":
        return False
    return title_norm.startswith(_norm_space(text).lower())


def _mark_heading_continuation(lines: list[_Line], i: int) -> None:
    """A heading that wraps ("II. Implementation of the Awaza Programme of Action for Landlocked /
    Developing Countries for the Decade 2024-2034"): unpunctuated lines up to a blank line."""
    j = i + 1
    while j < len(lines) and j - i <= 3:
        t = lines[j].text
        if (
            not t or lines[j].owner or _END_PUNCT.search(_strip_markers(t)) or len(t) > 120
            or _OPERATIVE_NUMBER.match(t) or _SUB_ITEM.match(t) or _is_opening(t)
        ):
            return
        lines[j].owner = "drop:section heading"
        j += 1


def _is_heading(lines: list[_Line], i: int, ends_paragraph: bool) -> bool:
    """A section heading: a short unpunctuated line between two paragraphs."""
    t = lines[i].text
    if len(t) < 8 and _BARE_NUMERAL.fullmatch(t):
        alone = (i == 0 or not lines[i - 1].text) and (i + 1 >= len(lines) or not lines[i + 1].text)
        if alone or (ends_paragraph and t.endswith(".")):
            return True  # "I", "II." standing alone
    if not ends_paragraph or len(t) > 120 or _ends_clause(t):
        return False
    if _is_opening(t):
        return False
    if _HEADING.match(t):
        return True
    nxt = i + 1
    while nxt < len(lines) and (not lines[nxt].text or (lines[nxt].owner or "").startswith(("drop:", "fn:"))):
        nxt += 1
    if nxt >= len(lines):
        return False
    following = lines[nxt].text
    return bool(_OPERATIVE_NUMBER.match(following)) or _is_opening(following)


_ROMAN = re.compile(r"^[ivxl]+$")


def _numbering(blocks: list[_Block], lead_ins: list[bool]) -> list[tuple[str | None, str | None]]:
    """Number and parent of each block: "5", "5 (a)", "5 (a) (i)". ``lead_ins`` marks the blocks
    that end with a colon."""
    out: list[tuple[str | None, str | None]] = []
    number = letter = None
    last_letter = None
    roman_items = False
    for block, lead_in in zip(blocks, lead_ins):
        if block.number is not None:
            roman_items = False
        if block.number is not None and block.sub is not None:
            # "10. (a) The Government ...": the paragraph's first item, on its number's line
            number, letter, last_letter = block.number, block.sub, block.sub
            out.append((f"{number} ({block.sub})", number))
        elif block.number is not None:
            number, letter, last_letter = block.number, None, None
            out.append((number, None))
        elif block.sub is not None and number is None:
            out.append((f"({block.sub})", None))  # items under an unnumbered paragraph
        elif block.sub is not None and number is not None:
            sub = block.sub
            is_roman = _ROMAN.match(sub) and not (
                sub in ("i", "v", "x", "l") and last_letter and ord(sub) == ord(last_letter) + 1
            )
            if is_roman and letter is not None and sub != "a":
                out.append((f"{number} ({letter}) ({sub})", f"{number} ({letter})"))
            elif is_roman and (letter is None or roman_items):
                # "(i)", "(ii)" directly under the paragraph, with no lettered items: siblings
                roman_items = True
                out.append((f"{number} ({sub})", number))
            else:
                letter = last_letter = sub
                out.append((f"{number} ({sub})", number))
        else:
            if lead_in:
                # an unnumbered lead-in ("For the purposes of this Convention:") ends the numbered
                # paragraph before it: the items after it are not that paragraph's
                number = letter = last_letter = None
            out.append((None, None))
    return out


_BROKEN_COMPOUND = re.compile(r"(\w)- (?!and\b|or\b|to\b)([a-z])")


def _clean(parts: list[str]) -> str:
    """Lines (already stripped) -> one line: words split at a line end joined, spaces normalized."""
    joined = " ".join(parts)
    if "- " in joined or joined.endswith("-"):  # a hyphen before a space: at a line's end, perhaps
        if any(part.endswith("-") for part in parts):  # a line ends with a hyphen: join word by word
            pieces: list[str] = []
            for part in parts:
                if not part:
                    continue
                if pieces and pieces[-1].endswith("-") and part[:1].islower() and not pieces[-1].endswith(" -"):
                    pieces[-1] += part  # a compound split at the line end keeps its hyphen
                else:
                    pieces.append(part)
            joined = " ".join(pieces)
        if "- " in joined:
            joined = _BROKEN_COMPOUND.sub(r"\1-\2", joined)
    return _norm_space(joined)


_FINITE_OPENING = re.compile(
    r"^(?:(?:also|further|furthermore|moreover|again|once\s+again|strongly|firmly|finally|"
    r"therefore|hereby|solemnly|in\s+this\s+regard,?|in\s+particular,?)\s+)*"
    r"([A-Za-z]+s)\b"
)


def _ends_with_comma(text: str) -> bool:
    """Does a paragraph end with a comma, once a footnote marker after it ("Convention,1") is set
    aside? Markers end with a digit or "]", so any other last character settles it as it is."""
    last = text[-1:]
    if last == ",":
        return True
    if not (last.isdigit() or last == "]" or last.isspace()):
        return False
    return _strip_markers(text[-64:]).rstrip().endswith(",")  # only the end matters


def _kind(text: str, numbered: bool, in_operative: bool) -> str:
    if numbered or in_operative:
        return OPERATIVE
    if _ends_with_comma(text):
        return PREAMBULAR
    m = _FINITE_OPENING.match(text)
    if text.startswith("The ") or text.startswith("We ") or (m and not m.group(1).lower().endswith("ss")):
        return OPERATIVE
    return PREAMBULAR


_NUMBER_PREFIX = re.compile(r"^\d{1,3}[.,]\s*")
_ITEM_PREFIX = re.compile(r"^\([a-z]{1,2}\)\s*|^\([ivxl]{1,6}\)\s*|^\([65]\)\s*")


def looks_like_resolution(document: "Document") -> bool:
    """Has the document what a resolution has: an authoring-body line ("The General Assembly,"),
    numbered paragraphs, or paragraphs that open as resolution paragraphs do ("Recalling ...")?"""
    return document.body is not None or any(
        p.number is not None or _is_opening(p.text) for p in document.paragraphs
    )


# --- the whole ---------------------------------------------------------------------------------


def segment(
    text: str,
    *,
    page_starts: tuple[int, ...] | None = None,
    symbol: str | None = None,
) -> Document:
    """Segment a resolution's text into its paragraphs, footnotes, metadata and dropped spans.

    Parameters
    ----------
    text:
        The resolution as text (from a PDF, Word, HTML or a plain text file).
    page_starts:
        Offsets where pages 1, 2, ... begin, when the reader knows them (PDF input).
    symbol:
        The document symbol, when the caller knows it; otherwise it is read from the text.
    """
    lines = _split_lines(text)
    symbol = symbol or _detect_symbol(lines)
    title_guess = _title_guess(lines)
    _mark_furniture(lines, symbol, title_guess)
    footnote_entries = _mark_footnotes(lines, _cited_anywhere(text))
    body_line = _find_body_line(lines)
    spaced = _every_line_spaced(lines)
    meta = {"title": None, "sponsors": None, "date": None}
    body = None
    if body_line is not None:
        meta = _mark_header(lines, body_line, spaced)
        body_lines = [body_line]
        # "The Conference of the Parties to the United Nations Convention against / Transnational
        # Organized Crime," wraps: take lines until one ends with the comma
        j = body_line
        while not re.search(r"[,:]\s*$", lines[j].text) and j + 1 < len(lines) and len(body_lines) < 4:
            j += 1
            if not lines[j].text:
                continue
            if lines[j].owner or _looks_like_paragraph_opening(lines[j].text):
                break
            body_lines.append(j)
        if not re.search(r"[,:]\s*$", lines[body_lines[-1]].text):
            body_lines = [body_line]
        body = _norm_space(" ".join(lines[j].text for j in body_lines)).rstrip(",:").strip()
        for j in body_lines:
            lines[j].owner = "meta:body"
        start = body_lines[-1] + 1
    else:
        start = _mark_old_header(lines)
    trailing = _mark_closing(lines, start)
    if trailing:
        footnote_entries = sorted(footnote_entries + trailing, key=lambda entry: entry[1][0])
    pages = _pages(lines, page_starts)

    footnotes = []
    for marker, idx in footnote_entries:
        raw = _clean([lines[j].text for j in idx])
        if raw.startswith(f"[^{marker}]:"):
            raw = raw[len(marker) + 4 :].lstrip()
        elif raw.startswith(f"{marker} "):
            raw = raw[len(marker) + 1 :].lstrip()
        footnotes.append(Footnote(marker, raw, lines[idx[0]].start, lines[idx[-1]].end))
    by_marker: dict[str, Footnote] = {}
    for f in footnotes:
        by_marker.setdefault(f.marker, f)

    blocks = _blocks(lines, start, spaced, title_guess)
    numbers = _numbering(blocks, [lines[b.lines[-1]].text.endswith(":") for b in blocks])
    paragraphs: list[Paragraph] = []
    in_operative = False
    pending = sorted({f.marker for f in footnotes if f.marker.isdigit()}, key=int)
    for block, (number, parent) in zip(blocks, numbers):
        raw_parts = [lines[i].text for i in block.lines]
        joined = _clean(raw_parts)
        clean, cited = _take_markers(joined, pending)
        if block.restart:
            in_operative = False
        if block.number is not None:
            clean = _NUMBER_PREFIX.sub("", clean)
        if block.sub is not None:
            clean = _ITEM_PREFIX.sub("", clean)
        kind = _kind(clean, block.number is not None or parent is not None, in_operative)
        if block.sub is not None and in_operative:
            kind = OPERATIVE
        in_operative = in_operative or kind == OPERATIVE
        index = len(paragraphs)
        owner = f"para:{index}"
        for i in block.lines:
            lines[i].owner = owner
        first, last = lines[block.lines[0]], lines[block.lines[-1]]
        paragraphs.append(
            Paragraph(
                index=index,
                number=number,
                parent=parent,
                kind=kind,
                text=clean,
                footnotes=[by_marker[m] for m in cited],
                page=pages[block.lines[0]],
                start=first.start + (len(first.raw) - len(first.raw.lstrip())),
                end=last.end - (len(last.raw) - len(last.raw.rstrip())),
                spans=[(lines[i].start, lines[i].end) for i in block.lines],
            )
        )
    # Preambular lettered items stay inside their paragraph (codebook section 1).
    paragraphs = _merge_preambular_items(paragraphs)

    metadata_spans, dropped, unassigned = [], [], []
    for line in lines:
        owner = line.owner
        if owner is None:
            if line.text:
                unassigned.append(Span(line.start, line.end, "unassigned", line.text))
            continue
        if owner[0] in "pf" or not line.text:  # "para:N", "fn:N": paragraph and footnote text
            continue
        kind_, reason = owner.split(":", 1)
        (metadata_spans if kind_ == "meta" else dropped).append(Span(line.start, line.end, reason, line.text))
    dropped += unassigned
    return Document(
        symbol=symbol,
        title=meta.get("title"),
        body=body,
        sponsors=meta.get("sponsors"),
        date=meta.get("date"),
        paragraphs=paragraphs,
        footnotes=footnotes,
        metadata_spans=metadata_spans,
        dropped=sorted(dropped, key=lambda s: s.start),
    )


# words after which a number is a reference, not a footnote marker
_REFERENCE_WORDS = """paragraph paragraphs article articles resolution resolutions decision decisions para
    paras chapter chap annex section rule rules no nos vol part goal goals target targets item items
    session sessions principle principles step level of to and or by from than about some over under
    protocol amendment phase group class on in at for with the every annual proclaimed first last per
    nearly almost schedule table figure page pages january february march april may june july august
    september october november december""".split()
# One of them as a whole word (and maybe a full stop: "paras. 30") at the end of a text, matched on the
# text reversed: the engine then tries the words once, at the start, rather than at every position
# of the text. The word boundary keeps "Declaration," from ending with "on".
_REFERENCE_WORD_REVERSED = re.compile(r"(?i)\.?(?:" + "|".join(w[::-1] for w in _REFERENCE_WORDS) + r")\b")


def _ends_with_reference_word(text: str) -> bool:
    """Does ``text`` end with a word after which a number is a reference ("paragraph", "of")?"""
    return _REFERENCE_WORD_REVERSED.match(text[::-1]) is not None


# words after which a number set off by spaces is a quantity or a date, not a marker
_NOT_AFTER_MARKER = re.compile(
    r"\s*(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"per|percent|trillion|billion|million|thousand|years?|months?|weeks?|days?|hours?|minutes?|"
    r"countries|states|members|persons|people|and\s+\d)\b",
    re.IGNORECASE,
)


def _spaced_marker(text: str, i: int, j: int) -> bool:
    """Can the number text[i:j], set off by a space, be a footnote marker?

    Not before a quantity or a month, not as the number of a heading ("Action 11. We will"), and
    not before a capitalized word unless a sentence or clause ended before it ("Nations. 11 We"):
    "coordination 1 Overall" is a row of a table.
    """
    if _NOT_AFTER_MARKER.match(text, j):
        return False
    word_before = text[i - 2].isalnum()  # a word or a year
    if word_before and text[j : j + 1] == "." and text[text.rfind(" ", 0, i - 1) + 1].isupper():
        return False
    following = text[j : j + 2].lstrip(" ")[:1]  # the text comes with single spaces (_clean)
    return not (word_before and following.isupper())


def _next_marker(text: str, marker: str, pos: int, *, spaced: bool = True) -> tuple[int, int] | None:
    i = text.find(marker, pos)
    while i != -1:
        j = i + len(marker)
        cut = _marker_at(text, i, j)
        if cut is None and spaced and _after_year(text, i) and text[j : j + 1] in ("", " ", ",", ";", ".", ")"):
            return i, j  # the marker due, glued to a year: "on Their Destruction of 19721 and"
        if cut and text[cut[0] : cut[0] + 2] == "[^":
            return cut
        if cut and cut[0] == i - 1 and (not spaced or not _spaced_marker(text, i, j)):
            cut = None  # "on 22 October", "annual 4 trillion", "Action 11.", "coordination 1 Overall"
        if cut and not _ends_with_reference_word(text[max(0, cut[0] - 24) : cut[0]].rstrip()[-14:]):
            return cut
        i = text.find(marker, i + 1)
    return None


_SPACED_PUNCTUATION = re.compile(r" [,;:.]")


def _take_markers(text: str, pending: list[str]) -> tuple[str, list[str]]:
    """Remove the footnote markers of ``pending`` footnotes cited in ``text``, in order.

    Footnotes are numbered in the order they are cited, so only the next pending marker (or one
    of the two after it, when a marker was lost) is accepted at each point: "target 16.4" does
    not cite footnote 4 while footnote 3 is pending.
    """
    cited: list[str] = []
    cuts: list[tuple[int, int]] = []
    pos = 0
    while pending:
        # a marker set off by spaces is taken only when it is the next one due
        found = []
        for k, marker in enumerate(pending[:3]):
            cut = _next_marker(text, marker, pos, spaced=k == 0) if marker in text else None
            if cut:
                found.append((cut, marker))
        if not found:
            break
        cut, marker = min(found)
        del pending[: pending.index(marker)]
        cited.append(pending.pop(0))
        if cuts and cut[0] == cuts[-1][1] + 1 and text[cuts[-1][1]] == ",":
            cut = (cuts[-1][1], cut[1])  # "conflict,10,11": the comma between two markers goes too
        cuts.append(cut)
        pos = cut[1]
    for start, end in reversed(cuts):
        text = text[:start] + text[end:]
    spaced_punctuation = _SPACED_PUNCTUATION.search(text) is not None  # " ," " ;" " :" " ."
    if spaced_punctuation:
        text = re.sub(r"\s+([,;:.])", r"\1", text)
    # the text came normalized from _clean; only a cut or a removed space can change that
    return (_norm_space(text) if cuts or spaced_punctuation else text), cited


def _merge_preambular_items(paragraphs: list[Paragraph]) -> list[Paragraph]:
    merged: list[Paragraph] = []
    for p in paragraphs:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and p.kind == PREAMBULAR
            and prev.kind == PREAMBULAR
            and p.number is not None
            and p.number.startswith("(")
        ):
            prev.text = f"{prev.text} {p.number} {p.text}"
            prev.footnotes = prev.footnotes + p.footnotes
            prev.end = p.end
            prev.spans = prev.spans + p.spans
            continue
        merged.append(p)
    for i, p in enumerate(merged):
        p.index = i
    return merged


_NUMBERED_TITLE = re.compile(r"^\d{1,3}/\d{1,4}\.\s+(.*)$")


def _title_guess(lines: list[_Line]) -> str:
    """The document title in lower case, to recognize it in running page headers."""
    for i, line in enumerate(lines[:200]):
        m = _NUMBERED_TITLE.match(line.text) if line.text[:1].isdigit() else None
        if m:
            # the title may run on after blank lines ("79/243. United Nations Convention against
            # Cybercrime;" / "" / "Strengthening International Cooperation ..."): up to the body line
            parts = [m.group(1)]
            j = i + 1
            while j < len(lines) and len(parts) < 8:
                t = lines[j].text
                if t and (_BODY_LINE.match(t) or t.startswith("[") or _looks_like_paragraph_opening(t)):
                    break
                if t:
                    parts.append(t)
                j += 1
            return _norm_space(" ".join(parts)).lower()
    body = _find_body_line(lines)
    if body is None:
        return ""
    parts: list[str] = []
    j = body - 1
    while j >= 0 and len(parts) < 12:
        t = lines[j].text
        if t:
            if t.startswith("[") or _SPONSORS.match(t):
                break
            parts.insert(0, t)
        elif parts and j > 0 and not lines[j - 1].text:
            break
        j -= 1
    return _norm_space(" ".join(parts)).lower()


def _mark_old_header(lines: list[_Line]) -> int:
    """Texts with no authoring-body line (early Security Council): the heading lines before the
    first paragraph-like line are header."""
    for i, line in enumerate(lines):
        if line.owner or not line.text:
            continue
        t = line.text
        if re.match(r"^(?:\d+\s*\(\d{4}\)|Resolution\s+\d+|\[S/\d+|of\s+\d{1,2}\s+\w+\s+\d{4}|[A-Z][A-Z ,.'’-]{3,}$)", t):
            line.owner = "drop:document header"
            continue
        return i
    return len(lines)
