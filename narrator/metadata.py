"""Article metadata given by the user: validation, overrides and file-name slugs."""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import TypeVar

from .errors import InputError
from .models import Article
from .safe_text import clean_optional, clean_text

_Value = TypeVar("_Value", str, "str | None")
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*")


@dataclass(frozen=True)
class ArticleOverrides:
    """Metadata given on the command line, which wins over what the source says."""

    title: str | None = None
    """Headline."""
    author: str | None = None
    """Byline."""
    publication: str | None = None
    """Publication name."""
    date: str | None = None
    """ISO 8601 date."""
    language: str | None = None
    """BCP 47 language tag."""


def validated_overrides(overrides: ArticleOverrides) -> ArticleOverrides:
    """Clean the text fields (control characters, bad bytes); reject a bad date, language or title before any work."""
    given_title = overrides.title
    overrides = dataclasses.replace(
        overrides,
        title=None if overrides.title is None else clean_text(overrides.title, one_line=True),
        author=clean_optional(overrides.author),
        publication=clean_optional(overrides.publication),
        date=clean_optional(overrides.date),
        language=clean_optional(overrides.language),
    )
    if overrides.date and not is_iso_date(overrides.date):
        raise InputError(f"date {overrides.date!r} is not a date; use YYYY-MM-DD")
    if overrides.language and not _LANGUAGE.fullmatch(overrides.language):
        raise InputError(f"language {overrides.language!r} is not a language tag such as en or en-US")
    if overrides.title is not None and not overrides.title.strip():
        unreadable = given_title is not None and given_title.strip()
        raise InputError(
            "the title holds no readable text (only undecodable bytes or control characters)"
            if unreadable
            else "the title is empty"
        )
    return overrides


def is_iso_date(text: str) -> bool:
    """True for YYYY, YYYY-MM or YYYY-MM-DD naming a real day."""
    if not _DATE.fullmatch(text):
        return False
    parts = [int(p) for p in text.split("-")] + [1, 1]
    try:
        datetime.date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return True


def apply_overrides(article: Article, overrides: ArticleOverrides) -> Article:
    """Replace article metadata with what the user gave."""
    replaced = dataclasses.replace(
        article,
        title=_given(overrides.title, article.title),
        byline=_given(overrides.author, article.byline),
        publication=_given(overrides.publication, article.publication),
        date=_given(overrides.date, article.date),
        language=_given(overrides.language, article.language),
    )
    return dataclasses.replace(replaced, title_guessed=False) if overrides.title else replaced


def _given(override: str | None, value: _Value) -> str | _Value:
    """The override, stripped, if one was given; else the article's value."""
    return override.strip() if override else value


def slugify(title: str, limit: int = 80) -> str:
    """A safe file name stem from a title ("U.S. Vote: 5-4!" → "u-s-vote-5-4")."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:limit].rstrip("-")
    letters = sum(ch.isalnum() for ch in title)
    if not slug or sum(ch.isalnum() for ch in slug) < letters * 2 / 3:
        # Titles in other scripts lose their letters: a hash keeps their names apart.
        digest = hashlib.sha256(title.strip().encode()).hexdigest()[:8]
        slug = f"{slug or 'narration'}-{digest}"
    return slug
