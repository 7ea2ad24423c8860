"""Footnote and citation markers ("war.[12]", "[citation needed]", "half.³"): never read aloud.

Shared by the read stage (which removes them from the Article, so transcripts do not show them)
and the script stage (which keeps a marker on the sentence it closes and never speaks one, for text
that reaches it directly). A marker is glued to what it annotates: a bracket or superscript right
after a word or punctuation, with no space before it. Editorial brackets a reader must hear
("[the president] said", "want[s]") are told apart by what is inside and what is around them.
"""

from __future__ import annotations

import re

# A run of bracketed candidates glued to the character before ("war.[12][13]", "Smith[a]").
# A page number may follow a citation: "[4]:23", "[4]: 23–25".
_BRACKETS = re.compile(r"(?<=[^\s\[\](“‘])(?:\[[^\[\]\n]{1,40}\])+(?::\s?\d{1,4}(?:[–-]\d{1,4})?)?(?![A-Za-z0-9])")
_BRACKET = re.compile(r"\[([^\[\]\n]{1,40})\]")
_NUMBERS = re.compile(r"\d{1,3}(?:\s?[,–—-]\s?\d{1,3})*")  # "12", "4, 5", "12–14"
_NOTE = re.compile(r"(?:[Nn]ote|[Nn][Bb]|[Nn]|fn|[A-Za-z]) ?\d{1,3}")  # "note 3", "n 2", "A 1"
_LETTER = re.compile(r"[a-z]|[ivx]{2,4}")  # "[a]", "[iv]"
# Wikipedia-style cleanup tags: lowercase words with a space or a question ("citation needed", "who?").
_TAG = re.compile(r"[A-Za-z][a-z'’]*(?:[ –-]{1,3}[a-z'’]+){0,5}\??")
# Superscript digits: a footnote after punctuation or a word; an exponent after a number, a unit
# or a variable ("10⁶", "km²", "mc²"), so they count only after a word of three letters or more.
_SUPERSCRIPTS = re.compile(
    r"(?:(?<=[.!?,;:)\]”’\"'])|(?<=[A-Za-z]{3}))[⁰¹²³⁴⁵⁶⁷⁸⁹]+(?:[,⁻–][⁰¹²³⁴⁵⁶⁷⁸⁹]+)*(?![\w⁰¹²³⁴⁵⁶⁷⁸⁹])"
)
# Plain digits glued after a word's full stop before the next sentence ("the war.12 Later").
_GLUED_DIGITS = re.compile(r"(?<=[a-z]{3}[.!?])\d{1,3}(?:,\d{1,3})*(?=\s+[\"“‘(]?[A-Z]|\s*$)")
# Letters a quotation's editor adds to a word ("want[s]", "use[d]"): not footnotes.
_INFLECTIONS = frozenset("sdn")
_OPENERS = "\"'"


def marker_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every run of reference markers in text, in order."""
    spans = [m.span() for m in _SUPERSCRIPTS.finditer(text)]
    spans.extend(m.span() for m in _GLUED_DIGITS.finditer(text))
    for run in _BRACKETS.finditer(text):
        spans.extend(_marker_prefix(text, run))
    return sorted(spans)


def _marker_prefix(text: str, run: re.Match[str]) -> list[tuple[int, int]]:
    """The span of the leading brackets of run that are all reference markers (none when the first is not)."""
    before = text[run.start() - 1]
    if before in _OPENERS and (run.start() < 2 or text[run.start() - 2].isspace()):
        return []  # "[T]he" after an opening quote is an editor's change, read aloud
    end = run.start()
    for bracket in _BRACKET.finditer(text, run.start(), run.end()):
        if not _is_marker(bracket.group(1), before if end == run.start() else "]"):
            break
        end = bracket.end()
    else:
        end = run.end()  # every bracket is a marker: a page number after them goes too
    return [(run.start(), end)] if end > run.start() else []


def _is_marker(inside: str, before: str) -> bool:
    """True when a bracket's content, after the character before, is a reference marker."""
    if _NUMBERS.fullmatch(inside) or _NOTE.fullmatch(inside):
        return True
    if _LETTER.fullmatch(inside):
        return not (before.isalpha() and inside in _INFLECTIONS)
    if inside == "sic":
        return True
    return bool(_TAG.fullmatch(inside)) and (" " in inside or inside.endswith("?")) and inside[1:] == inside[1:].lower()


def strip_references(text: str) -> str:
    """text without its reference markers ("war.[12] The" → "war. The"); linear in len(text)."""
    spans = marker_spans(text)
    if not spans:
        return text
    pieces, last = [], 0
    for start, end in spans:
        if start >= last:
            pieces.append(text[last:start])
            last = end
    pieces.append(text[last:])
    return "".join(pieces)


def marker_end(text: str, offset: int) -> int:
    """The end of the run of reference markers starting at offset, or offset when none starts there."""
    # A bounded window keeps callers linear; four characters before give the look-behinds their context.
    window = max(0, offset - 4)
    end = offset
    for start, stop in marker_spans(text[window : offset + 200]):
        if start + window == end:
            end = stop + window
    return end
