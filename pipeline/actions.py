"""The action of a resolution paragraph: its opening verb phrase, normalized (codebook section 2).

Pure functions over strings, standard library only. ``normalize_action`` reads the opening of a
paragraph's clean text and returns the canonical lower-case action ("calls upon", "recalling",
"concerned" ...) with a flag saying whether a rule recognized it; ``force_of`` derives the force
of an operative action from the codebook's force table.

The normalization follows the codebook, in order:

1. drop the paragraph number ("12. ", "(b) ", "(iv) ");
2. drop sequencing and intensifying modifiers, before the head and inside or right after it
   ("Also invites", "Recalling also", "Takes note also of", "Deeply alarmed");
3. map the head phrase to its canonical form ("calls on" -> "calls upon", "Gravely concerned" ->
   "concerned", "We commit to" -> "commits", "The Security Council requests" -> "requests");
4. "Reiterates / renews its call, request, demand, appeal, invitation or decision" takes the
   action of the noun; "Continues to" is a sequencing modifier;
5. anything else in the vocabulary keeps its own form, possessive dropped.

A head outside the vocabulary is not guessed: the result has ``recognized=False``,
``action=None`` and, in ``head``, the first words of the opening for listing unknown openings.

Judgement calls the codebook leaves open (kept consistent with its rules):

- operative concern in any form ("Reiterates its deep concern", "Remains concerned",
  "We are deeply concerned") is ``expresses concern``; rule 4 is likewise extended to
  "Reiterates its appreciation" -> ``expresses appreciation`` and "Renewing the expression of
  its appreciation / concern" -> ``expressing appreciation`` / ``concerned`` (as annotated), but
  not to "Reiterates its support", which keeps its own form, ``reiterates`` (as annotated);
- "Thanks ..." and "Extends its gratitude / thanks" are ``expresses appreciation``
  ("Thanking" -> ``expressing appreciation``); "Extends its condolences" ->
  ``expresses condolences``;
- "Calls for" stays ``calls for`` (the codebook's ``calls upon`` covers only "calls upon / on"),
  so its force is ``declaratory``;
- intensifying adverbs beyond the codebook's list ("Urgently", "Solemnly", "Warmly", "Deeply",
  "Fully", "Ever", any "-ly" word) are dropped only when what follows them is a known head;
- bare plural verbs of annexed declarations ("Recognize that ...", "Commit to ...") are read as
  "We recognize", "We commit" -> third person singular, in operative paragraphs only;
- "Therefore, ..., we, the international community, commit to" takes the verb after "we";
- treaty text annexed to a resolution (codebook v1.2): an operative paragraph that opens with its
  subject takes its main clause's modal verb phrase ("Each State Party shall, where appropriate,
  establish" -> "shall establish"); a main clause on "should" or "will" is left unrecognized.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

__all__ = ["FORCES", "Action", "HeadCandidate", "normalize_action", "force_of", "head_candidates", "is_modal_phrase"]

# --------------------------------------------------------------------------------------------
# Force table (codebook section 2): operative action -> force; every other operative action is
# "declaratory".
# --------------------------------------------------------------------------------------------

FORCES: dict[str, str] = {
    "decides": "binding",
    "demands": "binding",
    "authorizes": "binding",
    "adopts": "binding",
    "approves": "binding",
    "establishes": "binding",
    "determines": "binding",
    "urges": "exhortation",
    "calls upon": "exhortation",
    "insists": "exhortation",
    "appeals": "exhortation",
    "requests": "request",
    "recommends": "request",
    "directs": "request",
    "instructs": "request",
    "encourages": "encouragement",
    "invites": "encouragement",
    "suggests": "encouragement",
}

DECLARATORY = "declaratory"


@dataclass(frozen=True)
class Action:
    """The normalized opening of one paragraph.

    ``action``: canonical lower-case action, None when not recognized. ``recognized``: a rule
    recognized the opening. ``head``: the raw head phrase that was matched (lower-cased, with
    the modifiers it contained; without a subject such as "The Security Council" or "We, ...,"),
    or, when not recognized, the first one to three words of the opening, lower-cased.
    """

    action: str | None
    recognized: bool
    head: str


def force_of(action: str | None, kind: str) -> str | None:
    """The force of an operative action; None for a preambular paragraph or no action."""
    if action is None or kind != "operative":
        return None
    return FORCES.get(action, DECLARATORY)


# --------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------

# Verbs that head a paragraph, in their base form. Each gives an operative form (third person
# singular: "welcomes") and a preambular form ("welcoming"), both in their own form (rule 5).
_BASE_VERBS = """
accept acknowledge act adopt affirm agree aim allocate anticipate appeal applaud appoint
appreciate approve appropriate assert assure authorize believe celebrate censure commemorate
commend commit concur condemn confirm congratulate consider decide declare deem demand denounce
deplore deprecate designate desire determine direct elect emphasize empower encourage endorse
enjoin entrust establish exhort expect find gather grant highlight hold honour hope insist instruct
invite lament mandate mark note object observe order pledge praise proclaim propose reaffirm
realize reassert recall recognize recommend reconfirm record recommit re-emphasize refer regret
reiterate reject remind renew request require resolve respect respond restate salute seek share
stress strive submit suggest support transmit trust undertake underline underscore understand
uphold urge value warn welcome wish
""".split()

# Verbs recognized only in their operative form.
_OP_ONLY = {"maintains", "promotes", "concludes", "reserves", "accords", "notifies"}

_DOUBLE_FINAL = {"commit", "recommit", "regret", "refer", "submit", "transmit", "concur", "admit"}


def _third_person(base: str) -> str:
    if base.endswith(("s", "sh", "ch", "x", "z")):
        return base + "es"
    if base.endswith("y") and base[-2:-1] not in ("a", "e", "o", "u"):
        return base[:-1] + "ies"
    return base + "s"


def _ing(base: str) -> str:
    if base in _DOUBLE_FINAL:
        return base + base[-1] + "ing"
    if base.endswith("ee"):
        return base + "ing"
    if base.endswith("e"):
        return base[:-1] + "ing"
    return base + "ing"


# Base forms whose head is handled by a special rule (multiword or noun-taking heads).
_SPECIAL_BASES = {
    "call": ("calls", "calling"),
    "take": ("takes", "taking"),
    "express": ("expresses", "expressing"),
    "extend": ("extends", "extending"),
    "thank": ("thanks", "thanking"),
    "remain": ("remains", "remaining"),
    "continue": ("continues", "continuing"),
    "bear": ("bears", "bearing"),
    "keep": ("keeps", "keeping"),
    "look": ("looks", "looking"),
    "draw": ("draws", "drawing"),
    "pay": ("pays", "paying"),
    "place": ("places", "placing"),
    "build": ("builds", "building"),
    "have": ("has", "having"),
}

_OP_VERBS: set[str] = {_third_person(b) for b in _BASE_VERBS} | _OP_ONLY
_ING_VERBS: set[str] = {_ing(b) for b in _BASE_VERBS}

# base form -> third person singular, for "We reaffirm" and declarations' bare "Recognize that".
_BASE_TO_3SG: dict[str, str] = {b: _third_person(b) for b in _BASE_VERBS}
_BASE_TO_3SG.update({b: forms[0] for b, forms in _SPECIAL_BASES.items()})
_BASE_TO_3SG["are"] = "is"
_BASE_TO_3SG.pop("have")  # "We have gathered ..." is not an action
# base form -> -ing form, for "Continuing to ...".
_BASE_TO_ING: dict[str, str] = {b: _ing(b) for b in _BASE_VERBS}
_BASE_TO_ING.update({b: forms[1] for b, forms in _SPECIAL_BASES.items()})
_BASE_TO_ING["be"] = "being"

# Adjectives and participles that open preambular paragraphs (and, rarely, operative ones).
_ADJECTIVES = {
    "alarmed", "anxious", "appalled", "appreciative", "aware", "cognizant", "committed",
    "concerned", "confident", "conscious", "convinced", "desirous", "determined",
    "disappointed", "dismayed", "distressed", "disturbed", "emboldened", "encouraged",
    "gratified", "grieved", "guided", "heartened", "horrified", "indignant", "inspired",
    "mindful", "motivated", "moved", "outraged", "persuaded", "pleased", "preoccupied", "reassured",
    "resolved", "saddened", "satisfied", "seized", "shocked", "troubled", "worried",
    "ready",
}

# Preambular heads that are single words outside the verb list.
_PREAMBULAR_WORDS = {"whereas"}

# Nouns after "expresses / expressing / extends (its) (deep) ...".
_APPRECIATION = {"appreciation", "gratitude", "thanks", "thankfulness"}
_EXPRESS_NOUNS = {
    "admiration", "agreement", "commendation", "need", "alarm", "anxiety", "approval", "belief",
    "commitment",
    "concern", "condemnation", "condolences", "confidence", "congratulations", "conviction",
    "desire", "determination", "disappointment", "dismay", "displeasure", "dissatisfaction", "distress",
    "expectation", "frustration", "grief", "hope", "horror", "indignation", "intention",
    "interest", "opposition", "outrage", "readiness", "recognition", "regret", "reservations",
    "resolve", "satisfaction", "shock", "solidarity", "sorrow", "support", "sympathy", "view",
    "views", "welcome", "willingness", "wish", "wishes",
}
_NOUN_CANON = {
    "concerns": "concern", "regrets": "regret", "hopes": "hope", "wishes": "wish",
    "views": "view", "expectations": "expectation", "sympathies": "sympathy",
    "intentions": "intention",
}

# Rule 4: "Reiterates / renews its <noun>" takes the action of the noun.
_RULE4 = {
    "call": "calls upon", "calls": "calls upon",
    "request": "requests", "requests": "requests",
    "demand": "demands", "demands": "demands",
    "appeal": "appeals", "appeals": "appeals",
    "invitation": "invites", "invitations": "invites",
    "decision": "decides", "decisions": "decides",
}

_DETERMINERS = {"its", "their", "our", "his", "her", "the", "a", "an", "this", "that"}

# Adjectives allowed between a determiner and the noun of an "expresses" or rule-4 phrase.
_NOUN_ADJECTIVES = {
    "deep", "deepest", "grave", "gravest", "serious", "profound", "sincere", "sincerest",
    "heartfelt", "full", "fullest", "strong", "strongest", "firmest", "formal", "continued", "continuing", "utmost",
    "great", "greatest", "particular", "warm", "warmest", "firm", "unwavering", "steadfast",
    "renewed", "growing", "increasing", "earnest", "high", "highest", "special", "keen",
    "considerable", "unreserved", "total", "complete", "wholehearted", "urgent", "repeated",
    "previous", "earlier", "standing", "unequivocal", "overall", "outmost", "extreme",
    "general", "collective", "unanimous", "solemn", "cordial", "appropriate", "sharp",
    "outright", "pressing", "emphatic", "vigorous", "enduring", "sustained", "abiding",
    "lasting", "own", "with", "very", "deeply", "most", "and", "once", "again", "also",
    "further",
}

# Sequencing and intensifying modifiers (codebook rule 2), plus a few synonyms. Dropped wherever
# they stand inside the opening; multiword ones are listed as tuples.
_MODIFIERS: tuple[tuple[str, ...], ...] = (
    ("once", "again"), ("once", "more"), ("yet", "again"),
    ("in", "this", "regard"), ("in", "that", "regard"), ("in", "this", "context"),
    ("in", "that", "context"), ("in", "this", "respect"), ("in", "that", "respect"),
    ("in", "this", "connection"), ("in", "that", "connection"), ("to", "this", "end"),
    ("in", "particular"), ("inter", "alia"), ("in", "addition"),
    ("also",), ("further",), ("furthermore",), ("moreover",), ("again",), ("anew",), ("strongly",),
    ("firmly",), ("resolutely",), ("unequivocally",), ("finally",), ("therefore",),
    ("accordingly",), ("hereby",), ("additionally",), ("lastly",), ("likewise",),
    ("similarly",), ("thus",), ("hence",),
)
_MOD_FIRST = {m[0] for m in _MODIFIERS}

# Intensifiers dropped only when what follows is a known head ("Deeply concerned",
# "Urgently calls upon", "Ever mindful", "Most strongly condemns"); any "-ly" word counts.
_INTENSIFIERS = {"most", "ever", "still", "very", "even", "always", "once", "now", "all", "so"}


def _is_intensifier(word: str) -> bool:
    return word in _INTENSIFIERS or (word.endswith("ly") and len(word) > 3)

# Words that may stand in a subject before its verb ("The Conference of the Parties to the
# Convention against ... decides").
_SUBJECT_FUNCTION_WORDS = {
    "of", "the", "and", "for", "on", "to", "in", "at", "against", "by", "from", "with", "de",
    "du", "des", "la", "le", "et", "its", "their", "under", "as", "a", "an",
}

# Words that do not end an unrecognized head ("to strengthen", "the agenda").
_HEAD_FUNCTION_WORDS = {
    "to", "the", "a", "an", "we", "in", "of", "with", "its", "their", "our", "be", "is", "are",
    "shall", "it", "this", "that", "for", "on", "at", "by", "all", "each", "any", "no", "as",
    "has", "have", "having",
}

_SPELLING = {
    "cognisant": "cognizant", "honoring": "honouring", "honors": "honours", "honor": "honour",
    "reemphasizes": "re-emphasizes", "reemphasizing": "re-emphasizing",
    "reemphasize": "re-emphasize", "re-affirms": "reaffirms", "re-affirming": "reaffirming",
    "re-affirm": "reaffirm", "reguests": "requests",
}

_KNOWN_WORDS: set[str] = (
    _OP_VERBS | _ING_VERBS | set(_BASE_VERBS) | _ADJECTIVES
    | {f for forms in _SPECIAL_BASES.values() for f in forms}
)


# --------------------------------------------------------------------------------------------
# Tokens
# --------------------------------------------------------------------------------------------

_NUMBER_RE = re.compile(
    r"""^\s*(?:
        \(\s*(?:\d{1,3}[a-z]?|[a-zA-Z]{1,2}|[ivxlcdm]{1,6}|[IVXLCDM]{1,6})\s*\)   # (b) (iv) (12)
      | (?:\d{1,3}(?:\s*bis|\s*ter)?|[a-z]|[ivxlcdm]{1,6})\s*[.)]                # 12. 12) b) iv.
      | \d{1,3}(?=\s+[A-Z(])                                                    # 12 Requests
    )\s*""",
    re.VERBOSE,
)
_LEADING_JUNK_RE = re.compile(r"^[\s\"'“”‘’«»*•·\-–—>#_]+")
_TOKEN_RE = re.compile(r"[A-Za-zÀ-ɏ]+(?:[-'’][A-Za-zÀ-ɏ]+)*|[,;:.()]")


class _Tok(NamedTuple):  # a tuple: made for every word of every opening, so it must be cheap
    norm: str
    raw: str
    start: int
    end: int

    @property
    def is_word(self) -> bool:
        return self.norm[0].isalpha()

    @property
    def capitalized(self) -> bool:
        return self.raw[0].isupper()


@lru_cache(maxsize=100_000)
def _normalize_word(raw: str) -> str:
    w = raw.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = _SPELLING.get(w, w)
    if w not in _KNOWN_WORDS:
        # British -ise spellings: emphasises, recognising, realised, authorise
        us = re.sub(r"(?<=[a-z])is(e|es|ed|ing)$", r"iz\1", w)
        if us in _KNOWN_WORDS:
            return us
    return w


def _strip_number(text: str) -> str:
    body = text
    for _ in range(3):  # "5. (a) ..." or "(a) (i) ..."
        body = _LEADING_JUNK_RE.sub("", body)
        stripped = _NUMBER_RE.sub("", body, count=1)
        if stripped == body:
            break
        body = stripped
    return body.strip()


def _tokenize(body: str, limit: int = 60) -> list[_Tok]:
    toks: list[_Tok] = []
    for m in _TOKEN_RE.finditer(body):
        raw = m.group()
        toks.append(_Tok(_normalize_word(raw), raw, *m.span()))
        if len(toks) >= limit:
            break
    return toks


# --------------------------------------------------------------------------------------------
# Matching
# --------------------------------------------------------------------------------------------


class _Matcher:
    """Matches a head phrase over the tokens of one paragraph opening."""

    def __init__(self, toks: list[_Tok], kind: str) -> None:
        self.toks = toks
        self.kind = kind
        self.n = len(toks)

    # -- helpers ------------------------------------------------------------------------------

    def norm(self, i: int) -> str:
        return self.toks[i].norm if i < self.n else ""

    def modifier_at(self, i: int) -> int:
        """Length of the modifier phrase starting at token i (0 when none)."""
        if i >= self.n or self.toks[i].norm not in _MOD_FIRST:
            return 0
        for phrase in _MODIFIERS:
            k = len(phrase)
            if tuple(t.norm for t in self.toks[i:i + k]) == phrase:
                return k
        return 0

    def skip_mods(self, i: int, commas: bool = True) -> int:
        """Skip modifier phrases (and the commas around them) from token i."""
        while i < self.n:
            if commas and self.toks[i].norm == ",":
                i += 1
                continue
            k = self.modifier_at(i)
            if not k:
                break
            i += k
        return i

    def noun_after(self, i: int) -> tuple[str, int]:
        """The noun of "its (deep) concern", skipping modifiers, determiners, adjectives."""
        i = self.skip_mods(i)
        while i < self.n:
            w = self.toks[i].norm
            if w in _DETERMINERS or w in _NOUN_ADJECTIVES or (w.endswith("ly") and len(w) > 3):
                i = self.skip_mods(i + 1)
                continue
            break
        w = self.norm(i)
        return _NOUN_CANON.get(w, w), i

    # -- heads --------------------------------------------------------------------------------

    def match(self, i: int, word: str | None = None) -> tuple[str, int] | None:
        """Match a head at token i; returns (action, index after the head) or None.

        ``word`` overrides the normalized word at i (for base forms read as another form).
        """
        i = self.skip_mods(i)
        if i >= self.n or not self.toks[i].is_word:
            return None
        w = word or self.toks[i].norm
        if word is None and self.kind == "operative" and w in _BASE_TO_3SG:
            w = _BASE_TO_3SG[w]  # "Recognize that ..." in a declaration: "recognizes"
        handler = _HANDLERS.get(w)
        if handler is not None:
            return handler(self, i, w)
        if w == "concerned":
            return "concerned", i + 1
        if w in _OP_VERBS or w in _ING_VERBS or w in _ADJECTIVES or w in _PREAMBULAR_WORDS:
            return w, i + 1
        if _is_intensifier(w):
            return self.match(i + 1)
        return None

    def after(self, i: int, *words: str) -> int | None:
        """Index after the words at i (skipping modifiers between them), or None."""
        for w in words:
            i = self.skip_mods(i)
            if self.norm(i) != w:
                return None
            i += 1
        return i

    def first_of(self, i: int, options: dict[tuple[str, ...], str]) -> tuple[str, int] | None:
        for words, action in options.items():
            j = self.after(i, *words)
            if j is not None:
                return action, j
        return None

    def h_calls(self, i: int, w: str) -> tuple[str, int] | None:
        prefix = "calling" if w == "calling" else "calls"
        r = self.first_of(i + 1, {("upon",): "upon", ("on",): "upon", ("for",): "for",
                                  ("the", "attention"): "attention", ("attention",): "attention"})
        if r is None:
            return None
        return f"{prefix} {r[0]}", r[1]

    def h_takes(self, i: int, w: str) -> tuple[str, int] | None:
        prefix = "taking" if w == "taking" else "takes"
        j = self.skip_mods(i + 1)
        while self.norm(j) in {"due", "careful", "full", "good", "serious", "particular",
                               "special", "appropriate", "fully"}:
            j = self.skip_mods(j + 1)
        r = self.first_of(j, {
            ("note",): "note",
            ("into", "account"): "into account",
            ("account",): "into account",
            ("into", "consideration"): "into consideration",
            ("stock",): "stock",
            ("cognizance",): "cognizance",
        })
        if r is None:
            return None
        return f"{prefix} {r[0]}", r[1]

    def _expressed(self, i: int, prefix: str, allow_bare: bool) -> tuple[str, int] | None:
        noun, j = self.noun_after(i + 1)
        preambular = prefix.endswith("ing")
        if noun in _APPRECIATION:
            return f"{prefix} appreciation", j + 1
        if noun == "concern":
            return ("concerned" if preambular else f"{prefix} concern"), j + 1
        if noun in _EXPRESS_NOUNS:
            return f"{prefix} {noun}", j + 1
        return None if not allow_bare else ("", i + 1)

    def h_expresses(self, i: int, w: str) -> tuple[str, int] | None:
        prefix = "expressing" if w == "expressing" else "expresses"
        return self._expressed(i, prefix, allow_bare=False)

    def h_extends(self, i: int, w: str) -> tuple[str, int] | None:
        preambular = w == "extending"
        r = self._expressed(i, "expressing" if preambular else "expresses", allow_bare=True)
        if r is not None and r[0]:
            return r
        return ("extending" if preambular else "extends"), i + 1

    def h_thanks(self, i: int, w: str) -> tuple[str, int] | None:
        if w == "thanking":
            return "expressing appreciation", i + 1
        return "expresses appreciation", i + 1

    def h_reiterates(self, i: int, w: str) -> tuple[str, int] | None:
        noun, j = self.noun_after(i + 1)
        if noun == "expression" and self.norm(j + 1) == "of":
            # "Renewing the expression of its deep appreciation": what is expressed
            noun, j = self.noun_after(j + 2)
            if noun in _APPRECIATION or noun == "concern":
                preambular = w.endswith("ing")
                if noun == "concern":
                    return ("concerned" if preambular else "expresses concern"), j + 1
                return ("expressing appreciation" if preambular else "expresses appreciation"), j + 1
        if w in ("reiterates", "renews"):
            if noun in _RULE4:
                j += 1
                if _RULE4[noun] == "calls upon" and self.norm(j) in ("upon", "on", "for"):
                    # "Reiterates its call for contributions" -> "calls for" (codebook v1.5)
                    return ("calls for" if self.norm(j) == "for" else "calls upon"), j + 1
                return _RULE4[noun], j
            if noun == "concern":
                return "expresses concern", j + 1
            if noun in _APPRECIATION:
                return "expresses appreciation", j + 1
            return w, i + 1  # "Reiterates its support": rule 5, the own form
        if noun == "concern" and w in _CONCERN_VERBS and self.norm(self.skip_mods(i + 1)) != "with":
            # every form of concern: "concerned" in the preamble, "expresses concern" after it; but
            # "Stressing with grave concern the urgency" is stressing, as "Noting with concern" is noting
            return ("concerned" if w.endswith("ing") else "expresses concern"), j + 1
        return w, i + 1

    def _copula(self, i: int, op: bool, own: str | None) -> tuple[str, int] | None:
        """After "remains / is / being ...": the adjective that follows."""
        j = self.skip_mods(i + 1)
        while _is_intensifier(self.norm(j)):
            j = self.skip_mods(j + 1)
        adj = self.norm(j)
        if adj == "concerned":
            return ("expresses concern" if op else "concerned"), j + 1
        if adj in _ADJECTIVES:
            return (f"{own} {adj}" if own else adj), j + 1
        return None

    def h_remains(self, i: int, w: str) -> tuple[str, int] | None:
        return self._copula(i, op=(w == "remains"), own=w)

    def h_is(self, i: int, w: str) -> tuple[str, int] | None:
        return self._copula(i, op=True, own=None)

    def h_being(self, i: int, w: str) -> tuple[str, int] | None:
        return self._copula(i, op=False, own=None)

    def h_continues(self, i: int, w: str) -> tuple[str, int] | None:
        op = w == "continues"
        j = self.after(i + 1, "to")
        if j is None:
            return None
        j = self.skip_mods(j)
        while _is_intensifier(self.norm(j)):
            j = self.skip_mods(j + 1)
        base = self.norm(j)
        if base == "be":
            return self._copula(j, op=op, own=None)
        form = (_BASE_TO_3SG if op else _BASE_TO_ING).get(base)
        if form is None:
            return None
        return self.match(j, word=form)

    def h_having(self, i: int, w: str) -> tuple[str, int] | None:
        r = self.first_of(i + 1, {("in", "mind"): "having in mind"})
        if r is not None:
            return r
        j = self.skip_mods(i + 1)
        if j >= self.n or not self.toks[j].is_word:
            return None
        w = self.toks[j].norm
        participles = {"heard", "taken", "seen", "been", "met", "read", "held", "given", "made",
                       "undertaken", "regard", "learnt", "become", "chosen", "borne", "begun"}
        if w.endswith("ed") or w in participles:
            # the two words (codebook v1.2), but "having taken note", "having been apprised" and
            # "having called upon / for" are whole only with their third word (as annotated)
            after = self.norm(j + 1)
            if (w == "taken" and after == "note") or (w == "been" and after.endswith("ed")):
                return f"having {w} {after}", j + 2
            if w == "called" and after in ("upon", "on", "for"):
                return f"having called {'for' if after == 'for' else 'upon'}", j + 2
            return f"having {w}", j + 1
        return None

    def h_mind(self, i: int, w: str) -> tuple[str, int] | None:
        j = self.after(i + 1, "in", "mind")
        if j is None:
            if w in ("keeps",):
                j = self.after(i + 1, "under", "review")
                if j is not None:
                    return "keeps under review", j
            return None
        return f"{w} in mind", j

    def h_looks(self, i: int, w: str) -> tuple[str, int] | None:
        r = self.first_of(i + 1, {("forward",): "forward", ("ahead",): "ahead"})
        return None if r is None else (f"{w} {r[0]}", r[1])

    def h_draws(self, i: int, w: str) -> tuple[str, int] | None:
        r = self.first_of(i + 1, {("the", "attention"): "attention", ("attention",): "attention"})
        return None if r is None else (f"{w} {r[0]}", r[1])

    def h_directs(self, i: int, w: str) -> tuple[str, int] | None:
        """"Directs the attention of ... to" -> "directs attention"; otherwise the own form."""
        return self.h_draws(i, w) or (w, i + 1)

    def h_pays(self, i: int, w: str) -> tuple[str, int] | None:
        noun, j = self.noun_after(i + 1)
        if noun in ("tribute", "homage", "attention"):
            return f"{w} {noun}", j + 1
        return None

    def h_own_noun(self, i: int, w: str) -> tuple[str, int] | None:
        """Rule 5 with the noun that makes the phrase: "Records its gratitude", "Lends its full
        support", "Raises awareness", "Issues a solemn warning" (codebook v1.5)."""
        noun, j = self.noun_after(i + 1)
        if noun in _OWN_NOUNS.get(w, ()):
            return f"{w} {noun}", j + 1
        return (w, i + 1) if w in _OP_VERBS else None

    def h_brings(self, i: int, w: str) -> tuple[str, int] | None:
        j = self.after(i + 1, "to", "the", "attention")
        return None if j is None else (f"{w} to the attention", j)

    def h_places(self, i: int, w: str) -> tuple[str, int] | None:
        j = self.after(i + 1, "on", "record")
        return None if j is None else (f"{w} on record", j)

    def h_building(self, i: int, w: str) -> tuple[str, int] | None:
        r = self.first_of(i + 1, {("on",): "on", ("upon",): "on"})
        return None if r is None else (f"{w} on", r[1])


# Rule 5 heads that keep their noun: the verb's own form with it (codebook v1.5, as annotated)
_OWN_NOUNS = {
    "records": {"gratitude", "disapproval"},
    "lends": {"support"},
    "raises": {"awareness"},
    "issues": {"warning"},
}

# verbs whose "its (deep) concern" is the paragraph's concern ("Underscores its very serious concern")
_CONCERN_VERBS = {
    "reiterating", "renewing", "reaffirming", "reaffirms", "sharing", "stressing", "stresses", "underscores",
    "emphasizes", "underlines",
}

_HANDLERS = {
    "calls": _Matcher.h_calls, "calling": _Matcher.h_calls,
    "takes": _Matcher.h_takes, "taking": _Matcher.h_takes,
    "expresses": _Matcher.h_expresses, "expressing": _Matcher.h_expresses,
    "extends": _Matcher.h_extends, "extending": _Matcher.h_extends,
    "thanks": _Matcher.h_thanks, "thanking": _Matcher.h_thanks,
    "reiterates": _Matcher.h_reiterates, "renews": _Matcher.h_reiterates,
    "reiterating": _Matcher.h_reiterates, "renewing": _Matcher.h_reiterates,
    "reaffirming": _Matcher.h_reiterates, "reaffirms": _Matcher.h_reiterates, "sharing": _Matcher.h_reiterates,
    "stressing": _Matcher.h_reiterates, "stresses": _Matcher.h_reiterates,
    "underscores": _Matcher.h_reiterates, "emphasizes": _Matcher.h_reiterates, "underlines": _Matcher.h_reiterates,
    "remains": _Matcher.h_remains, "remaining": _Matcher.h_remains,
    "is": _Matcher.h_is, "being": _Matcher.h_being,
    "continues": _Matcher.h_continues, "continuing": _Matcher.h_continues,
    "having": _Matcher.h_having,
    "bearing": _Matcher.h_mind, "bears": _Matcher.h_mind,
    "keeping": _Matcher.h_mind, "keeps": _Matcher.h_mind,
    "looks": _Matcher.h_looks, "looking": _Matcher.h_looks,
    "draws": _Matcher.h_draws, "drawing": _Matcher.h_draws,
    "directs": _Matcher.h_directs, "directing": _Matcher.h_directs,
    "pays": _Matcher.h_pays, "paying": _Matcher.h_pays,
    "places": _Matcher.h_places, "placing": _Matcher.h_places,
    "building": _Matcher.h_building, "builds": _Matcher.h_building,
    "records": _Matcher.h_own_noun, "lends": _Matcher.h_own_noun,
    "raises": _Matcher.h_own_noun, "issues": _Matcher.h_own_noun,
    "brings": _Matcher.h_brings,
}

# The heads an OCR misreading of a paragraph's first word is repaired to (_ocr_repair), by kind.
_OPERATIVE_HEADS = tuple(sorted((_OP_VERBS | {h for h in _HANDLERS if not h.endswith("ing")}) - {"is", "has"}))
_PREAMBULAR_HEADS = tuple(sorted(_ING_VERBS | _ADJECTIVES | {h for h in _HANDLERS if h.endswith("ing")}))


def _match_after_subject(m: _Matcher, i: int) -> tuple[str, int, int] | None:
    """A head after a subject: "The Security Council requests", "We, the Heads ..., reaffirm".

    Returns (action, start of the head, end of the head) or None.
    """
    we = m.toks[i].norm == "we"
    kind = "operative" if we else m.kind  # "We reaffirm": base form -> "reaffirms"
    sub = _Matcher(m.toks, kind)
    in_apposition = False
    j = i + 1
    limit = min(m.n, i + 45)
    while j < limit:
        t = m.toks[j]
        if t.norm == ",":
            in_apposition = not in_apposition
            nxt = j + 1
            # opening comma: only a new capitalized opening ("The Security Council, Recalling");
            # closing comma: the verb ("We, the States Members ..., welcome").
            if nxt < m.n and (not in_apposition or m.toks[nxt].capitalized):
                start = sub.skip_mods(nxt)
                r = sub.match(nxt)
                if r is not None:
                    return r[0], start, r[1]
            if we and not in_apposition:
                # "We, the Heads of State ..., gathered at ..., reaffirm": a segment that does
                # not open with the verb is one more apposition
                in_apposition = True
            j += 1
            continue
        if in_apposition:
            j += 1
            continue
        if not t.is_word:
            return None
        if sub.modifier_at(j):
            j += sub.modifier_at(j)
            continue
        if (not t.capitalized or we or t.norm in _OP_VERBS or t.norm in _HANDLERS) and (we or j > i + 1):
            # after "The", the next word is the subject's ("The requesting State Party shall")
            start = j
            r = sub.match(j)
            if r is not None:
                return r[0], start, r[1]
            if t.norm not in _SUBJECT_FUNCTION_WORDS and (t.norm not in _INTENSIFIERS):
                return None
        j += 1
    return None


# --------------------------------------------------------------------------------------------
# Treaty text annexed to a resolution (codebook, annexed treaty text): "Each State Party shall
# adopt ..." takes the verb phrase after its subject, modal included ("shall adopt").
# --------------------------------------------------------------------------------------------

_MODALS = {"shall", "may", "must", "cannot"}
# a main clause on "should" or "will" is a recommendation or a plan, not treaty text: such an
# opening is left unrecognized rather than read from a modal in a later clause
_SOFT_MODALS = {"should", "will"}
_ANY_MODAL = _MODALS | _SOFT_MODALS
# a leading clause ("Where a State Party ..., it may adopt"): the main clause's modal follows a
# comma and a subject that starts with one of _SUBJECT_START
_LEADING = {
    "if", "where", "wherever", "when", "whenever", "unless", "in", "for", "without", "subject", "notwithstanding",
    "upon", "after", "before", "with", "pursuant", "on", "at", "during", "except", "as", "once", "while",
    "insofar", "to", "by", "following", "prior", "within",
}
_SUBJECT_START = {
    "the", "a", "an", "each", "it", "they", "such", "any", "every", "all", "that", "this", "those", "these",
    "states", "no", "its", "their", "nothing", "paragraphs", "paragraph", "article", "articles", "requests",
}
_RELATIVE = {"that", "which", "who", "whom", "whose"}
_LEAD_ADVERBS = {"therefore", "accordingly", "thus", "hence", "consequently", "finally"}
_ADVERBS = {"also", "instead", "still", "thereupon", "so", "then", "further", "only", "thereafter", "equally", "likewise"}
# skipped after a modal; "continue to" is a sequencing modifier (codebook 2.4: "will continue to
# strengthen" -> "will strengthen")
_SKIPPED = (("at", "any", "time"), ("in", "particular"), ("inter", "alia"), ("mutatis", "mutandis"), ("continue", "to"))
_NOUN_ENDINGS = ("ion", "ance", "ence", "ment", "ity", "ness", "al", "ing", "ies")
# the particles each verb's phrase takes, the first that follows it ("shall be set off", "will
# scale up", "will make sure")
_PHRASAL = {
    "take": (("into", "account"), ("effect",)), "takes": (("into", "account"), ("effect",)),
    "taken": (("into", "account"),), "enter": (("into", "force"),),
    "come": (("into", "force"),), "carry": (("out",),), "drawn": (("up",),), "made": (("available",), ("out",)),
    "disposed": (("of",),), "responded": (("to",),), "set": (("off",), ("up",)), "scale": (("up",),),
    "step": (("up",),), "make": (("sure",),),
}
_AFTER_BE_STOP = {
    "without", "for", "a", "an", "the", "of", "in", "on", "at", "both", "to", "by", "with", "as", "whether", "that",
}
_LY_VERBS = {"apply", "supply", "comply", "rely", "reply", "imply", "multiply"}


def _is_adverb(word: str) -> bool:
    return word in _ADVERBS or (word.endswith("ly") and word not in _LY_VERBS)


def _verb_like(tok: _Tok, after_comma: bool = False) -> bool:
    """A word that can be the verb after a modal: lower case, not a function word; after an
    inserted clause's comma, not a noun of a list ("ratification, acceptance, approval")."""
    w = tok.norm
    return (
        tok.is_word and not tok.capitalized and w not in _LEADING and w not in _SUBJECT_START and not _is_adverb(w)
        and w not in ("and", "or", "not", "of", "inter", "mutatis") and not (after_comma and w.endswith(_NOUN_ENDINGS))
    )


def _treaty_modal(words: list[str]) -> int | None:
    """The position of the main clause's modal, or None where the paragraph's main verb comes
    first ("This Convention is subject to ratification ...")."""
    modals = [k for k, w in enumerate(words) if w in _ANY_MODAL and (k == 0 or words[k - 1] not in _RELATIVE)]
    if not modals or words[0] in ("that", "provided"):
        return None
    if words[0] in _LEADING:
        for k in modals:
            commas = [c for c in range(max(0, k - 16), k) if words[c] == ","]
            if commas and commas[-1] + 1 < k and words[commas[-1] + 1] in _SUBJECT_START:
                return k
        # else the first modal outside a clause of its own ("If a State declares that this
        # Convention shall extend to ..., the unit ... is not considered": no modal heads it)
        for k in modals:
            start = max((c for c in range(k) if words[c] == ","), default=0)
            if not any(w in _RELATIVE for w in words[start:k]):
                return k
        return None
    for w in words[: modals[0]]:
        if w in _RELATIVE or w == ",":
            break
        if w in ("is", "are"):
            return None
    return modals[0]


def _treaty_phrase(body: str) -> tuple[str, int] | None:
    """The modal verb phrase of an article's opening ("shall adopt", "may not refuse", "shall be
    liable", "shall take into account"; "shall" before a colon) and the token where it ends."""
    toks = _tokenize(body, 120)
    words = [t.norm for t in toks]
    k = _treaty_modal(words) if words else None
    if k is None or words[k] in _SOFT_MODALS:
        return None
    return _modal_phrase(toks, words, k)


def _modal_phrase(toks: list[_Tok], words: list[str], k: int) -> tuple[str, int] | None:
    """The verb phrase that the modal at token ``k`` opens, and the token where it ends."""
    n = len(words)
    phrase = [words[k]]
    j = k + 1
    if j < n and words[j] == "not":
        phrase.append("not")
        j += 1
    while j < n:
        skipped = next((len(s) for s in _SKIPPED if tuple(words[j : j + len(s)]) == s), 0)
        if skipped:
            j += skipped
        elif _is_adverb(words[j]) and j + 1 < n and words[j + 1] != ",":
            j += 1
        else:
            break
    if j < n and words[j] == ",":
        # an inserted clause: ", where appropriate, considering the gravity of the crime, establish"
        while True:
            ends = [c for c in range(j + 1, min(n, j + 40)) if words[c] in (",", ":", ";", ".")]
            if not ends or words[ends[0]] in (";", "."):
                return None
            j = ends[0] + 1
            if words[ends[0]] == ":":
                return phrase[0], j
            if j < n and _verb_like(toks[j], after_comma=True):
                break
    elif j < n and words[j] == ":":
        return phrase[0], j + 1
    if j >= n or not _verb_like(toks[j]):
        return None
    phrase.append(words[j])
    if words[j] == "be":
        m = j + 1
        while m + 1 < n and _is_adverb(words[m]):  # "shall be so construed" -> "shall be construed"
            m += 1
        if m < n and toks[m].is_word and words[m] not in _AFTER_BE_STOP:
            j = m
            phrase.append(words[j])
    elif words[j] == "have" and j + 1 < n and _is_participle(toks[j + 1]):
        j += 1  # the perfect: "shall, by virtue of becoming a holder, have acquired"
        phrase.append(words[j])
    particles = _particles(words, j)
    phrase.extend(particles)
    return " ".join(phrase), j + len(particles) + 1


def _particles(words: list[str], k: int) -> tuple[str, ...]:
    """The particles that follow the verb at ``k`` as part of its phrase ("scale" -> ("up",))."""
    return next((p for p in _PHRASAL.get(words[k], ()) if tuple(words[k + 1 : k + 1 + len(p)]) == p), ())


# --------------------------------------------------------------------------------------------
# Head candidates: where the rules do not know an opening ("Small island developing States seek
# ...", "Electronic monitoring should be used ..."), every word of it that could be the head verb,
# with the action read from it, for the learned head model (model.HeadModel) to choose among.
# --------------------------------------------------------------------------------------------

_BE_FORMS = {"is", "are", "was", "were"}
_DO_FORMS = {"does", "do", "did"}
_HAVE_FORMS = {"has", "have", "had"}
_READ_MODALS = _ANY_MODAL | {"can", "could", "would", "might"}
_PARTICIPLE_ENDINGS = ("ed", "en", "wn", "ne", "lt", "pt", "ght")
_IRREGULAR_PARTICIPLES = {"made", "paid", "held", "met", "set", "put", "become", "said", "laid", "found", "bound", "heard"}
# words with a participle's ending that are not participles ("will have ten working days")
_NOT_PARTICIPLES = {"ten", "seven", "eleven", "often", "then", "when", "even", "one", "none", "alone", "between"}


def _is_participle(tok: _Tok) -> bool:
    w = tok.norm
    if not tok.is_word or tok.capitalized or w in _NOT_PARTICIPLES:
        return False
    return w.endswith(_PARTICIPLE_ENDINGS) or w in _IRREGULAR_PARTICIPLES


class HeadCandidate(NamedTuple):
    action: str  # what the paragraph's action is if this word is its head
    features: list[str]  # what the head model scores it by


def _bucket(n: int) -> str:
    return str(n) if n < 4 else "4-7" if n < 8 else "8-15" if n < 16 else "16+"


def _readings(toks: list[_Tok], words: list[str], k: int, kind: str) -> list[str]:
    """The actions word ``k`` can be read as: a modal's verb phrase ("should be used"); a form
    of "be" or "have" alone or with what it governs ("are", "are encouraged", "has been
    prepared"); any other word as itself, with its particles ("takes into account"), and a bare
    first word of an operative paragraph also in the third person (codebook: "Address" ->
    "addresses"), the ending telling the head model the two readings apart."""
    w = words[k]
    if w in _READ_MODALS:
        phrase = _modal_phrase(toks, words, k)
        return [phrase[0]] if phrase else []
    if w in _DO_FORMS and words[k + 1 : k + 2] == ["not"] and k + 2 < len(words) and _verb_like(toks[k + 2]):
        return [f"{w} not {words[k + 2]}"]  # "This Convention does not affect" (treaty text)
    if w in _BE_FORMS or w in _HAVE_FORMS:
        phrase, j = [w], k + 1
        if j < len(words) and words[j] == "not":
            phrase.append("not")
            j += 1
        if w in _HAVE_FORMS and j < len(words) and words[j] == "been":
            phrase.append("been")
            j += 1
        readings = [w] if phrase == [w] else []
        if w in _BE_FORMS and words[j : j + 2] == ["to", "be"] and j + 2 < len(words) and _is_participle(toks[j + 2]):
            return [*readings, " ".join([*phrase, "to", "be", words[j + 2]])]  # "are to be deposited"
        while j + 1 < len(words) and _is_adverb(words[j]) and words[j + 1] != ",":
            j += 1  # "are also requested", "are strongly encouraged" (codebook: modifiers drop)
        if j < len(words) and toks[j].is_word and not toks[j].capitalized and words[j] not in _AFTER_BE_STOP:
            if phrase[-1] == "been" or _is_participle(toks[j]):
                readings.append(" ".join([*phrase, words[j]]))
        return readings
    particles = _particles(words, k)
    readings = [" ".join((w, *particles))]
    bare = not w.endswith(("s", "ed", "ing")) and w != "we" and w not in _SUBJECT_START and w not in _LEADING
    if k == 0 and kind == "operative" and toks[0].capitalized and bare:
        # a bare verb opening an annexed list's item: "Address" -> "addresses"
        readings.append(" ".join((_third_person(w), *particles)))
    return readings


def head_candidates(text: str, kind: str, *, window: int = 40) -> list[HeadCandidate]:
    """Every word among the first ``window`` tokens of a paragraph that could be its head verb,
    once per way of reading it, with the features that tell a head from the words around it:
    the word and its ending, its neighbours, its place in the sentence, and what precedes it."""
    toks = _tokenize(_strip_number(text or ""), window)
    words = [t.norm for t in toks]
    out: list[HeadCandidate] = []
    commas = relative = 0
    seen_lower = False
    for k, tok in enumerate(toks):
        w = words[k]
        if not tok.is_word:
            commas += w == ","
            continue
        previous = words[k - 1] if k else "<start>"
        before = words[k - 2] if k > 1 else "<start>"
        following = words[k + 1] if k + 1 < len(words) else "<end>"
        base = [
            f"w={w}", f"suffix={w[-3:]}", f"suffix2={w[-2:]}", f"prev={previous}", f"prev_suffix={previous[-3:]}",
            f"before={before}", f"next={following}", f"at={_bucket(k)}", f"commas={min(commas, 3)}",
            f"kind={kind}", f"kind_at={kind}_{_bucket(k)}", f"cap={tok.capitalized}", f"first_lower={not seen_lower}",
            f"relative_before={relative > 0}", f"known={w in _KNOWN_WORDS}", f"modal={w in _READ_MODALS}",
        ]
        for action in _readings(toks, words, k, kind):
            length = action.count(" ") + 1
            last = action.rsplit(" ", 1)[-1]
            out.append(HeadCandidate(action, [*base, f"length={length}", f"last={last[-3:]}", f"w_length={w}_{length}"]))
        if not tok.capitalized:
            seen_lower = True
        relative = 3 if w in _RELATIVE else max(0, relative - 1)
    return out


def is_modal_phrase(action: str | None) -> bool:
    """Whether an action is a treaty text's modal verb phrase ("shall adopt", "may not refuse")."""
    return bool(action) and action.split(" ", 1)[0] in _MODALS


def is_preambular_form(action: str | None) -> bool:
    """Whether an action has a preambular paragraph's form ("convinced", "bearing in mind")."""
    return bool(action) and action.split(" ", 1)[0] in _PREAMBULAR_HEADS


def _edit_distance_one(a: str, b: str) -> bool:
    """Whether b is a with one letter changed, added or left out."""
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    if len(a) > len(b):
        a, b = b, a
    return len(b) == len(a) + 1 and any(b[:k] + b[k + 1:] == a for k in range(len(b)))


@lru_cache(maxsize=4096)
def _ocr_repair(word: str, kind: str) -> str | None:
    """The head an OCR misreading stands for ("Lakes note", "Calis on", "Retterates", "Haying
    also received"): the one head of the paragraph's kind one letter away from an unknown first
    word, preferring one with the same first letter. The last letter must agree: a bare verb
    ("Promote the transfer ...") or a participle ("Proposed organization") is not a misreading.
    None when there is none or more than one."""
    if len(word) < 5 or word in _KNOWN_WORDS or word in _HANDLERS:
        return None
    heads = _PREAMBULAR_HEADS if kind == "preambular" else _OPERATIVE_HEADS
    near = [h for h in heads if h[-1] == word[-1] and _edit_distance_one(word, h)]
    if len(near) > 1:
        near = [h for h in near if h[0] == word[0]]
    return near[0] if len(near) == 1 else None


def _unknown_head(toks: list[_Tok]) -> str:
    words: list[str] = []
    for t in toks:
        if not t.is_word:
            break
        words.append(t.raw.lower().replace("’", "'"))
        if len(words) >= 3 or t.norm not in _HEAD_FUNCTION_WORDS | {
            "expresses", "expressing", "takes", "taking", "calls", "calling", "draws", "drawing",
            "pays", "paying", "looks", "looking", "remains", "remaining", "bearing", "being",
            "continues", "continuing", "keeping", "places", "placing",
        }:
            break
    return " ".join(words)


def normalize_action(text: str, kind: str) -> Action:
    """Normalize the opening of a paragraph's clean text to its canonical action.

    ``kind`` is "preambular" or "operative"; ``text`` may start with its number ("12. ",
    "(b) "). Bare plural verbs ("Recognize that ...", from annexed declarations) are read as
    third person singular only in operative paragraphs.
    """
    body = _strip_number(text or "")
    # most heads end within the first words: match over a short opening first, and over the
    # long one only when the short one ends too soon to tell
    found, end = _normalize_tokens(body, _tokenize(body, _SHORT), kind)
    # an operative paragraph opening with a participle may lead to ", we <verb>" further on
    if found.recognized and end < _SHORT - _SHORT_MARGIN and not (kind == "operative" and is_preambular_form(found.action)):
        return found
    return _normalize_tokens(body, _tokenize(body), kind)[0]


_SHORT, _SHORT_MARGIN = 20, 8


def _comma_we(m: _Matcher, start: int) -> int | None:
    """The token of a ", we" within the first 40 tokens, from ``start``."""
    return next((k for k in range(max(start, 1), min(m.n, 40)) if m.toks[k].norm == "we" and m.toks[k - 1].norm == ","), None)


def _normalize_tokens(body: str, toks: list[_Tok], kind: str) -> tuple[Action, int]:
    """The action of an opening, and the token where its head ends."""
    if not toks:
        return Action(None, False, ""), 0
    m = _Matcher(toks, kind)
    i = m.skip_mods(0)
    result: tuple[str, int, int] | None = None
    if i < m.n and m.toks[i].norm in ("the", "we"):
        result = _match_after_subject(m, i)
    else:
        r = m.match(i)
        if r is None and i < m.n and m.toks[i].capitalized:
            repaired = _ocr_repair(m.toks[i].norm, kind)
            r = m.match(i, word=repaired) if repaired else None
        if r is not None:
            result = (r[0], 0, r[1])
            if kind == "operative" and is_preambular_form(r[0]):
                # an annexed declaration's participle leads to its verb: "Building on good
                # practices, we encourage" -> "encourages" ("Recognizing ..., we:" keeps its own)
                we = _comma_we(m, r[1])
                result = (_match_after_subject(m, we) if we is not None else None) or result
        elif kind == "operative" and m.toks[0].norm in _LEAD_ADVERBS:
            # "Therefore, to realize the Agenda by 2034, we, the international community, commit"
            we = _comma_we(m, i + 1)
            result = _match_after_subject(m, we) if we is not None else None
    if result is not None and kind == "operative" and result[2] < len(toks) and toks[result[2]].norm in _MODALS:
        result = None  # "Requests shall be made in writing": a noun of the subject, not the head
    if result is not None:
        action, start, end = result
        head = body[toks[start].start:toks[end - 1].end]
        return Action(action, True, " ".join(head.lower().replace("’", "'").split())), end
    if kind == "operative":
        treaty = _treaty_phrase(body)
        if treaty is not None:
            return Action(treaty[0], True, treaty[0]), treaty[1]
    rest = toks[i:] if i < m.n else toks
    return Action(None, False, _unknown_head(rest)), len(toks)
