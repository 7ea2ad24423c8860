"""Bylines: the credited author in a "By ..." line or an author metadata field."""

from __future__ import annotations

import re

# "By" in the languages we guess: a generic byline shape, not a site's wording.
_BYLINE = re.compile(r"^(?:by|von|par|por|door|di|da|av|af|od|от|από|tekst|text)[:\s]\s*(?=[^\W\d_])(.+)$", re.I)
# Names carry no digits: a byline ends where a date, time or comment count begins.
_BYLINE_END = re.compile(r"\s*(?:[|•·—–]|,\s*(?:updated|published)|[,\s]\S*\d).*$", re.I)
# Credentials extractors keep as separate authors ("Jane Doe; MS; RDN").
_CREDENTIAL = re.compile(r"^[A-Z.]{1,5}$")


def parse_byline(text: str) -> str | None:
    """The credited name(s) in a "By ..." line, or None when text is not a byline."""
    if len(text.split()) > 14:
        return None
    match = _BYLINE.match(text)
    if not match:
        return None
    name = _BYLINE_END.sub("", match.group(1)).strip(" ,;:")
    words = name.split()
    if not 1 <= len(words) <= 10 or not words[0][0].isupper():
        return None
    return name


def clean_byline(text: str | None) -> str | None:
    """Tidy an author field: no leading "By", no dates, credentials dropped, names comma-joined."""
    if not text:
        return None
    names = []
    for part in text.split(";"):
        part = " ".join(part.split())
        if not part or _CREDENTIAL.match(part):
            continue
        name = parse_byline(part) or parse_byline("By " + part) or part
        if name not in names:
            names.append(name)
    return ", ".join(names) or None
