"""Rules around Punkt: what to hide from it, where to force a break, which breaks to undo."""

from __future__ import annotations

import re

from ..references import marker_end, marker_spans
from .abbreviation_classes import (
    BEFORE_NUMBER,
    CITY_INITIALISMS,
    COMPANY_SUFFIXES,
    KNOWN_ABBREVIATIONS,
    LINKING,
    NAME_HEADS,
    PERSONAL_SUFFIXES,
    PLACE_INITIALISMS,
    STATES,
    UNITS,
    news_lowercase_words,
)
from .punkt_params import ABBREVIATIONS, SENTENCE_STARTERS, TITLES

MASK = "\ue000"  # stands in for punctuation Punkt must not see; same length keeps offsets
# A quotation longer than this is more likely a stray quote mark pairing with a far one
# (or an apostrophe); splitting inside a real long quotation costs less than merging a paragraph.
_MAX_QUOTE = 600
_MAX_SINGLE_QUOTE = 300

_PAIRS = (
    re.compile(r'"[^"\n]*"'),
    re.compile(r"“[^“”\n]*”"),
    re.compile(r"\([^()\n]*\)"),
    re.compile(r"\[[^\[\]\n]*\]"),
)
_ELLIPSIS = re.compile(r"\.\.\.+|(?:\.[ \u00a0]){2,}\.|…")
_REPEATED_END = re.compile(r"[!?]{2,}|[!?]\.")
_FINAL_PUNCT = re.compile(r"[.!?…]+$")
_MARKER = re.compile(
    r"(?:(?<=\s)|^|(?<=[•⁃‣▪◦●]))"
    r"(?P<marker>\((?P<pv>\d{1,2}|[a-zA-Z]|[ivxIVX]{1,5})\)|(?P<v>\d{1,2}|[a-z]|[ivx]{1,5})(?P<style>\.\)|\)|\.))"
    r"(?=\s)"
)
# A piece that is only a marker or a label ("2.", "b)", "Q.", "A.") heads the sentence after it.
_MARKER_ONLY = re.compile(
    r"[•⁃‣▪◦●-]?\s*(?:\((?:\d{1,2}|[a-zA-Z]|[ivxIVX]{1,5})\)|(?:\d{1,2}|[a-zA-Z]|[ivx]{1,5})(?:\.\)|\)|\.))"
)
_BULLETS = "•⁃‣▪◦●"
_BULLET = re.compile(r"(?<=\s)[•⁃‣▪◦●]")
_INITIALISM = re.compile(r"(?:\b[A-Za-z]\.){2,}$")
_FOOTNOTE = re.compile(r"(?<=[a-z)\]\"”'’%][.!?])\d{1,3}(?: \d{1,3})*\s+(?=[A-Z])")
# Reference markers after the full stop belong to the sentence they close: "reported.[12] The",
# "disputed.[citation needed] Other", "by half.³ Later"; the next sentence starts after them.
_STOP_BEFORE = re.compile(r"[.!?][\"”'’)]?$")
_NEXT_SENTENCE = re.compile(r"\s+(?=[^\sa-z])")
# Sentence ends of other scripts and full-width forms, which Punkt does not know.
# A closing quote right after one goes on the sentence unless a space follows (「…。」と彼は言った).
_WIDE_END = re.compile(
    r"[。！？｡‼⁇⁈⁉؟।۔։።፧]+(?:[」』”’\"'）)]+\s+|\s*)(?=[^\s」』”’\"'）)])"
    r"|．[」』”’\"'）)]*\s+(?=[^\sa-z])"
)
_MIXED_CASE = re.compile(r"[a-z]+[A-Z]")  # "iPhone", "eBay": a brand may start a sentence
_ZIP = re.compile(r"\d{5}(?:-\d{4})?\b")
_CLOSING = re.compile(r"(?<![\w.])(?P<word>[A-Za-z]{1,5})\.\s+(?=[\"“'‘(]?[A-Z])")
_NUMBER_BEFORE = re.compile(r"\d ?$")
_INITIALISM_BEFORE_CAPITAL = re.compile(r"(?<![\w.])(?:[A-Za-z]\.){2,}\s+(?=[\"“‘(]?[A-Z])")  # weighed by is_vetoed
_CAPITALIZED = re.compile(r"[\"“‘(]?([A-Z][a-z]+)\b")
_QUOTE_CLOSED = re.compile(r"\.[\"”’']\s+(?=[\"“‘]?[A-Z])")
_CLOSING_WORD = re.compile(r"(?i:" + "|".join(sorted(COMPANY_SUFFIXES | {"jr", "sr", "esq"})) + r")\.?(?:\s|[,;:]|$)")
_VOWEL = re.compile(r"[aeiouy]")
_PERSONAL_INITIALS = re.compile(r"[A-Z]\.[A-Z]\.")  # "E.B." may be a person; "F.T.C." is a body
_ACRONYM = re.compile(r"[\"“'‘(]?[A-Z]{2,}\b")
_FORCED = (
    re.compile(r"(?<![\s.…])(?:\.{3,}|…)\s+(?=[A-Z])"),  # "slowly... And": unspaced ellipsis before a capital
    re.compile(r"(?<=\s)\.(?: \.){3}\s+(?=[A-Z])"),  # ". . . . Next": ellipsis plus the full stop
    re.compile(r"(?<=\w\.) (?=\. \. \.\s+[A-Z])"),  # "compounds. . . . The": full stop, then an ellipsis opens
    re.compile(r"(?:--|—)[\"”'’]\s+(?=[A-Z])"),  # speech broken off: "to--" At this moment
)
# "6 p.m. Travelers": a time of day before a capital usually ends the sentence...
_CLOCK_END = re.compile(
    r"\b[AaPp]\.[Mm]\.\s+(?=[A-Z])"
    r"(?!(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b"
    r"|[A-Z]{2,4}\b|Eastern|Central|Pacific|Mountain|Greenwich|[A-Z][a-z]+ time\b)"
)
# ...unless the time opens the sentence: "At 5 a.m. Mr. Smith went out."
_OPENING_TIME = re.compile(
    r"(?:^|[.!?]\s+)(?:(?:At|By|Around|About|Until|Till|Before|After|From|Since|On|Shortly|Just"
    r"|Today|Tomorrow|Yesterday|Tonight)\s+)?(?:\w+\s+){0,2}[\d:.]+\s*[AaPp]\.[Mm]\.\s+$"
)
# "world.Today" or "1,000.That": a full stop with no space after it, before a capitalized word.
_GLUED_STOP = re.compile(r"(?:(?<=[a-z]{2}[.!?])|(?<=\d\.))(?=[A-Z][a-z])")
_ADDRESS_TOKEN = re.compile(r"://|www\.|@|\.(?:com|org|net|gov|edu|io|co|uk|de|fr|info|html?|php|txt|pdf)\b", re.I)
_LOOKBACK = 120
_PLURAL = re.compile(r"[A-Z][a-z]{2,}[^suiy'’]s")  # "Delegates", not "Ross", "Marcus", "Davis", "Keys"
_SECOND_WORD = re.compile(r"\S+\s+([a-z]+)\b")
_JOINING_WORD = re.compile(r"(?<![\w-])(?:and|or)$")
_ROMAN = {
    "i": 1,
    "ii": 2,
    "iii": 3,
    "iv": 4,
    "v": 5,
    "vi": 6,
    "vii": 7,
    "viii": 8,
    "ix": 9,
    "x": 10,
    "xi": 11,
    "xii": 12,
}


def mask(block: str) -> str:
    """A same-length copy with punctuation hidden inside quotes, brackets and ellipses."""
    chars = list(block)
    for pattern in _PAIRS:
        for match in pattern.finditer(block):
            if match.end() - match.start() <= _MAX_QUOTE:
                _mask_inside(chars, match.start() + 1, match.end() - 1)
    for start, end in _single_quote_spans(block):
        if end - start <= _MAX_SINGLE_QUOTE:
            _mask_inside(chars, start + 1, end - 1)
    for match in _ELLIPSIS.finditer(block):
        _mask_range(chars, match.start(), match.end())
    for match in _REPEATED_END.finditer(block):
        _mask_range(chars, match.start(), match.end() - 1)
    return "".join(chars)


def _mask_inside(chars: list[str], start: int, end: int) -> None:
    """Hide sentence punctuation in chars[start:end] except the run that ends the quote."""
    inner = "".join(chars[start:end])
    final = _FINAL_PUNCT.search(inner)
    stop = start + (final.start() if final else len(inner))
    _mask_range(chars, start, stop)


def _mask_range(chars: list[str], start: int, end: int) -> None:
    """Hide sentence punctuation in chars[start:end]."""
    for i in range(start, end):
        if chars[i] in ".!?":
            chars[i] = MASK


_POSSESSIVE = re.compile(r"s['’] [a-z]")  # "the workers' union" closes no quotation
_ELISION = re.compile(r"(?:em|til|tis|twas|round|cause|n|bout|nother)\b", re.I)


def _single_quote_spans(block: str) -> list[tuple[int, int]]:
    """Spans of 'single-quoted' text, telling quote marks from apostrophes ("they'll")."""
    spans, opening = [], -1
    for i, ch in enumerate(block):
        if ch not in "'‘’":
            continue
        before = block[i - 1] if i else " "
        after = block[i + 1] if i + 1 < len(block) else " "
        if (
            opening < 0
            and (before.isspace() or before in '([{"“—-')
            and (after.isalpha() or after in '"“_')
            and not _ELISION.match(block, i + 1)
        ):
            opening = i
        elif opening >= 0 and not before.isspace() and not after.isalnum() and not _POSSESSIVE.match(block, i - 1):
            spans.append((opening, i + 1))
            opening = -1
    return spans


def forced_cuts(block: str) -> set[int]:
    """Offsets where a sentence must start whatever Punkt says (lists, footnotes, ellipses)."""
    cuts = {m.start() for m in _BULLET.finditer(block)}
    cuts.update(m.end() for pattern in (_FOOTNOTE, _WIDE_END, *_FORCED) for m in pattern.finditer(block))
    cuts.update(_reference_cuts(block))
    cuts.update(list_item_starts(block))
    cuts.update(
        m.end() for m in _CLOCK_END.finditer(block) if not _OPENING_TIME.search(block, max(0, m.start() - 60), m.end())
    )
    cuts.update(
        m.start() for m in _GLUED_STOP.finditer(block) if not _ADDRESS_TOKEN.search(_token_at(block, m.start()))
    )
    # A list marker right after a bullet belongs to the bullet's item.
    return {c for c in cuts if 0 < c < len(block) and _char_before(block, c) not in _BULLETS}


def _reference_cuts(block: str) -> list[int]:
    """Starts of the sentences after reference markers that follow a sentence's end ("done.[3] Next")."""
    cuts = []
    for start, end in marker_spans(block):
        following = _NEXT_SENTENCE.match(block, end)
        if following and _STOP_BEFORE.search(block, max(0, start - 2), start):
            cuts.append(following.end())
    return cuts


def _char_before(block: str, offset: int) -> str:
    """The last non-space character before offset ("" at the start)."""
    end = _text_end(block, offset)
    return block[end - 1] if end else ""


def _text_end(block: str, offset: int) -> int:
    """The offset just after the last non-space character before offset."""
    while offset > 0 and block[offset - 1].isspace():
        offset -= 1
    return offset


def _token_at(block: str, offset: int) -> str:
    """The whitespace-delimited token around offset."""
    start = block.rfind(" ", 0, offset) + 1
    end = block.find(" ", offset)
    return block[start : end if end >= 0 else len(block)]


def list_item_starts(block: str) -> list[int]:
    """Offsets of list markers ("1.", "b)", "(iii)") that belong to a numbered series."""
    markers = [(m.start(), key) for m in _MARKER.finditer(block) for key in _marker_keys(m)]
    present = {key for _, key in markers}
    return [
        start
        for start, (style, kind, value) in markers
        if ((style, kind, value - 1) in present or (style, kind, value + 1) in present)
        and not _inline_item(block, start)
        and not _referenced_number(block, start)
    ]


def _referenced_number(block: str, start: int) -> bool:
    """True for a number after a reference word ("No. 1.", "Fig. 2."): it belongs to the word."""
    before = block[max(0, start - 12) : start].rstrip()
    return block[start : start + 1].isdigit() and before.endswith(".") and _last_word(before).lower() in BEFORE_NUMBER


def _inline_item(block: str, start: int) -> bool:
    """True for a list marker inside a sentence: "options are: 1. sell, 2. hold, or 3. buy" numbers
    short items of one sentence (lowercase, joined by commas, "and" or "or"), not sentences; items
    ending in ";" or at line starts ("(a) the Buyer shall pay; (b) ...") are clauses read apart."""
    marker = _MARKER.match(block, start)
    if marker is None or not _starts_lowercase(block[marker.end() : marker.end() + 40]):
        return False
    gap = block[max(0, start - 40) : start]
    if "\n" in gap[len(gap.rstrip()) :] or _char_before(block, start) in ".!?…":
        return False
    following = _MARKER.search(block, marker.end(), marker.end() + _LOOKBACK)
    return _joined(block, start) or (following is not None and _joined(block, following.start()))


def _joined(block: str, start: int) -> bool:
    """True when the list item at start is joined to the one before by a comma, "and" or "or"."""
    before = block[max(0, start - 8) : start].rstrip()
    return before.endswith(",") or _JOINING_WORD.search(before) is not None


def _marker_keys(match: re.Match[str]) -> list[tuple[str, str, int]]:
    """Possible (style, kind, value) readings of one list marker; "i" may be a letter or a numeral."""
    raw = match.group("pv") or match.group("v")
    style = "()" if match.group("pv") else match.group("style")
    if raw.isdigit():
        return [(style, "number", int(raw))]
    keys = []
    if len(raw) == 1:
        keys.append((style, "upper" if raw.isupper() else "letter", ord(raw.lower())))
    if raw.lower() in _ROMAN:
        keys.append((style, "roman", _ROMAN[raw.lower()]))
    return keys


def is_vetoed(block: str, previous: int, cut: int, following: int) -> bool:
    """True when a Punkt break at cut should be undone (the sentence goes on)."""
    # Only the end of a long left part matters; bounding it keeps splitting linear.
    left = block[max(previous, cut - _LOOKBACK) : cut].rstrip()
    right = block[cut:following].strip()
    if not right or not any(ch.isalnum() for ch in right):
        return True
    if cut - previous <= _LOOKBACK and _MARKER_ONLY.fullmatch(left):
        return True
    marker = left.rsplit(None, 1)[-1] if left else ""
    if _MARKER_ONLY.fullmatch(marker) and _inline_item(block, _text_end(block, cut) - len(marker)):
        return True  # "rank them i. cost, ii. speed": an inline list marker is no sentence end
    if cut < len(block) and marker_end(block, cut) > cut and left[-1:] in ".!?\"”'’)":
        return True  # the footnote closes the sentence before it; the cut moves past it
    # After "!", "?", a closing quote or an abbreviation a lowercase word goes on the sentence;
    # after a plain word's full stop it may start one ("in the city. features").
    if (
        _starts_lowercase(right)
        and not _MARKER.match(right)
        and not _MIXED_CASE.match(_first_word(right))
        and (left[-1:] != "." or not right[0].isalpha() or _is_abbreviation(_last_word(left)))
    ):
        return True
    if _CLOSING_WORD.match(right):
        return True  # "Yahoo! Inc. was sold": a company suffix or "Jr." never opens a sentence
    initialism = _INITIALISM.search(left)
    if initialism and not _initialism_ends(initialism.group(0), right):
        return True
    if left.endswith(".") and _abbreviation_holds(_last_word(left), right):
        return True
    return right.startswith("(") and left[-1:] in "'’\"”"


def _initialism_ends(initialism: str, right: str) -> bool:
    """True when the capitalized word after an initialism (the start of right) starts a new sentence.

    "the U.S. He said" and "the F.T.C. Shareholders vote" end; "the U.S. Government" and "an i.v.
    in his arm" go on. Beyond the frequent sentence starters, a word that news writes lowercase and
    never capitalizes mid-sentence starts one (Punkt's orthographic heuristic, with statistics from
    news), except after what may be a person's initials ("E.B. White"). So does a plural common noun
    standing alone before a lowercase word ("the U.N. Observers arrived"): a name continuing the
    initialism would be a known head ("U.S. Marines") or go on capitalized ("U.N. Security Council").
    """
    following = _first_word(right)
    if not following[:1].isupper():
        return False
    word = following.lower().rstrip(",;:")
    if word in SENTENCE_STARTERS:
        return True
    key = initialism.lower().rstrip(".")
    if word in NAME_HEADS or (_PERSONAL_INITIALS.fullmatch(initialism) and key not in PLACE_INITIALISMS):
        return False
    return word in news_lowercase_words() or (key not in CITY_INITIALISMS and _lone_plural(following, right))


def _lone_plural(word: str, right: str) -> bool:
    """True for a capitalized plural common noun followed by a lowercase word ("Observers arrived")."""
    after = _SECOND_WORD.match(right)
    return _PLURAL.fullmatch(word) is not None and after is not None


def _last_word(left: str) -> str:
    """The word before the final full stop, without brackets or quotes ("Fig", "e.g")."""
    return left.rsplit(None, 1)[-1].lstrip("(\"'“‘[").rstrip(".") if left else ""


def _abbreviation_holds(word: str, right: str) -> bool:
    """True when the abbreviation before the full stop says the sentence goes on."""
    lower = word.lower()
    if lower in LINKING and (word.islower() or (len(word) > 1 and word[1:].islower())):
        return True  # "cf. the report", "vs. Chelsea", "e.g. Mr. Smith"
    if right[:1].isdigit() and (
        (lower in BEFORE_NUMBER and (len(word) > 1 or word.islower())) or (lower in STATES and _ZIP.match(right))
    ):
        return True  # "para. 1", "Fig. 3b", "Springfield, Ill. 62701"
    return lower in TITLES and _first_word(right).lower() not in SENTENCE_STARTERS


def _is_abbreviation(word: str) -> bool:
    """True for a known abbreviation, an initialism, or a short word without vowels ("bn", "pct")."""
    lower = word.lower()
    return lower in KNOWN_ABBREVIATIONS or "." in lower or (len(lower) <= 4 and not _VOWEL.search(lower))


def closing_cuts(block: str) -> set[int]:
    """Breaks Punkt misses after a closing abbreviation before a capital ("Co. Buffett", "18 hrs. Free"),
    after an initialism ("the F.T.C. Shareholders"), or after a quotation closed after a full stop."""
    cuts = {m.end() for pattern in (_QUOTE_CLOSED, _INITIALISM_BEFORE_CAPITAL) for m in pattern.finditer(block)}
    for match in _CLOSING.finditer(block):
        word = match["word"].lower()
        after_number = _NUMBER_BEFORE.search(block, max(0, match.start() - 2), match.start()) is not None
        closes = (
            word in COMPANY_SUFFIXES
            or word in PERSONAL_SUFFIXES
            or (word in UNITS and after_number)
            or (word in ABBREVIATIONS and word not in TITLES and _news_lowercase_after(block, match.end()))
        )
        if closes and not _ACRONYM.match(block, match.end()):
            cuts.add(match.end())
    return cuts


def _news_lowercase_after(block: str, offset: int) -> bool:
    """True when the capitalized word at offset is one news writes lowercase ("in Jan. Prices rose")."""
    word = _CAPITALIZED.match(block, offset)
    return word is not None and word.group(1).lower() in news_lowercase_words()


def _first_word(text: str) -> str:
    """The first word of text without quotes or brackets."""
    return text.split(None, 1)[0].strip("\"'“‘([") if text.strip() else ""


def _starts_lowercase(text: str) -> bool:
    """True when the first letter, after quotes, dashes and brackets, is lowercase."""
    for ch in text:
        if ch.isalpha():
            return ch.islower()
        if ch.isdigit():
            return False
    return False
