"""Bylines: the credited author in a "By ..." line or an author metadata field."""

from __future__ import annotations

import re

# "By" in the languages we guess: a generic byline shape, not a site's wording.
_BYLINE = re.compile(r"^(?:by|von|par|por|door|di|da|av|af|od|от|από|tekst|text)[:\s]\s*(?=[^\W\d_])(.+)$", re.I)
# Names carry no digits: a byline ends where a date, time, comment count or role ("- Staff Writer") begins.
_BYLINE_END = re.compile(r"\s*(?:[|•·—–]|\s-\s|,\s*(?:updated|published)|[,\s]\S*\d).*$", re.I)
# Credentials extractors keep as separate authors ("Jane Doe; MS; RDN").
_CREDENTIAL = re.compile(r"^[A-Z.]{1,5}$")
# Separators between credited names.
_NAME_SEPARATOR = re.compile(r"\s*(?:[;,&]|\band\b|\bund\b|\bet\b)\s*", re.I)
# A domain name, as written ("cleveland.com") or as extractors leave it ("Cleveland com").
_DOMAIN = re.compile(r"\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|co\.uk|news|info|io|tv)\b|\b\w+\s(?:com|org|net)$", re.I)
# Words a page puts after the name: a date's month or weekday, "Published", a social handle.
_TRAILING_NOISE = re.compile(
    r"(?:\s+|@\S*|\b)(?:@\S+|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|published|updated|posted)\.?\s*$",
    re.I,
)


def parse_byline(text: str) -> str | None:
    """The credited name(s) in a "By ..." line, or None when text is not a byline."""
    if len(text.split()) > 14:
        return None
    match = _BYLINE.match(text)
    if not match:
        return None
    name = _BYLINE_END.sub("", match.group(1)).strip(" ,;:-")
    words = name.split()
    if not 1 <= len(words) <= 10 or not words[0][0].isupper():
        return None
    return tidy_names(name)


def clean_byline(text: str | None) -> str | None:
    """Tidy an author field: no leading "By", no dates, credentials dropped, names comma-joined."""
    if not text:
        return None
    names = []
    for part in text.split(";"):
        part = " ".join(part.split())
        if not part or _CREDENTIAL.match(part):
            continue
        names.append(parse_byline(part) or parse_byline("By " + part) or part)
    return tidy_names(", ".join(names))


def tidy_names(text: str) -> str | None:
    """Credited names: each person once, no domain names, no trailing dates or handles.

    The text is kept as written ("A and B") unless something had to go; then names are comma-joined.
    """
    parts = _NAME_SEPARATOR.split(text)
    kept: dict[str, str] = {}
    for part in parts:
        name = _tidy_name(part)
        key = _name_key(name)
        if key and not _DOMAIN.search(name) and key not in kept:
            kept[key] = name
    if list(kept.values()) == [" ".join(p.split()) for p in parts]:
        return " ".join(text.split()).strip(" ,;")
    return ", ".join(kept.values()) or None


def _tidy_name(part: str) -> str:
    """One name without trailing date words and handles, and in title case if shouted."""
    name = " ".join(part.split()).strip(" -–—:")
    while True:
        shorter = _TRAILING_NOISE.sub("", name).strip(" -–—:,")
        if shorter == name:
            break
        name = shorter  # empty when the part was only a date word: dropped
    words = name.split()
    shouted = [w for w in words if len(w) >= 3 and w.isupper()]
    if len(shouted) >= 2:  # "LISA MASCARO": speech engines would spell it out
        name = " ".join(w.title() if w in shouted else w for w in words)
    return name


def _name_key(name: str) -> str:
    """A name without initials, case or punctuation: "Troy L. Smith" and "Troy Smith" are one person."""
    return " ".join(w for w in re.findall(r"[^\W\d_]+", name.lower()) if len(w) > 1)
