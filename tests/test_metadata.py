"""User-given metadata: dates, languages, overrides and file-name slugs."""

from __future__ import annotations

import pytest

from narrator.errors import InputError
from narrator.metadata import ArticleOverrides, is_iso_date, slugify, validated_overrides


def test_slugs_of_latin_titles_are_readable() -> None:
    assert slugify("U.S. Vote: 5-4!") == "u-s-vote-5-4"
    assert slugify("Café Owners Protest") == "cafe-owners-protest"


def test_titles_in_other_scripts_get_distinct_names() -> None:
    first, second = slugify("Путин и Трамп"), slugify("東京の天気")
    assert first.startswith("narration-") and second.startswith("narration-") and first != second


def test_dates_and_languages_are_checked() -> None:
    assert is_iso_date("2026-11-23") and is_iso_date("2026") and not is_iso_date("2026-02-30")
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        validated_overrides(ArticleOverrides(date="23/11/2026"))
    with pytest.raises(InputError, match="language tag"):
        validated_overrides(ArticleOverrides(language="english please"))
    with pytest.raises(InputError, match="title is empty"):
        validated_overrides(ArticleOverrides(title="  "))
