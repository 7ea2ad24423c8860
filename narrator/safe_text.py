"""Text safe for a terminal, a tag, a caption or a feed: applied where metadata and article text enter.

A title can arrive with bytes that are not UTF-8 (a command-line argument, which
Python hands over as lone surrogates), a lone surrogate from JSON ("\\ud800"),
terminal escapes (ESC [ ...), other control characters, or invisible bidi
overrides that make text read differently from what it is. None of these can be
spoken, and each breaks something downstream: mutagen cannot encode a surrogate,
a VTT cue ends at a carriage return, XML forbids most controls, and a terminal
obeys escapes.
"""

from __future__ import annotations

import re

# C0 controls but tab, line feed and carriage return; DEL and C1 controls; bidi embeddings,
# overrides and isolates; the replacement character (what undecodable bytes became);
# and the two non-characters XML forbids.
_UNSAFE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffd\ufffe\uffff]")
# Terminal escape sequences go whole (ESC [ 31 m, ESC ] 0 ; title BEL), not just their ESC.
_ESCAPE_SEQUENCE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]{0,1000}(?:\x07|\x1b\\)?|[@-~])")
_CARRIAGE_RETURNS = re.compile("\r\n?")
_OTHER_LINE_BREAKS = re.compile("[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_SPACES = re.compile(r"\s+")


def clean_text(text: str, *, one_line: bool = False, keep_cr: bool = False) -> str:
    """`text` without undecodable bytes, lone surrogates and control characters.

    Line breaks of every kind become "\\n" (unless `keep_cr`, which keeps "\\r" as
    written, for formats that carry it); with `one_line`, every run of white space
    becomes one space and the ends are trimmed.
    """
    if "\x1b" in text:
        text = _ESCAPE_SEQUENCE.sub("", text)
    text = _OTHER_LINE_BREAKS.sub("\n", text)
    if not keep_cr or one_line:
        text = _CARRIAGE_RETURNS.sub("\n", text)
    # Surrogates (from undecodable argv bytes or JSON escapes) become U+FFFD, removed below.
    text = text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    text = _UNSAFE.sub("", text)
    return _SPACES.sub(" ", text).strip() if one_line else text


def clean_optional(text: str | None, *, one_line: bool = True) -> str | None:
    """clean_text for an optional field; None stays None, and so does text that cleans to nothing."""
    if text is None:
        return None
    return clean_text(text, one_line=one_line) or None
