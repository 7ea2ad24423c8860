"""A cluster item's input is hashed once, by the client: the worker records the hash it was shipped."""

from __future__ import annotations

import hashlib
from pathlib import Path, PurePosixPath

import pytest

from narrator import pipeline
from narrator.batch import BatchItem
from narrator.batch.cluster import FinishedFiles, ShippedItem, _prepared, narrate_shipped
from narrator.settings import NarrationSettings
from narrator.voices import load_profile


def test_the_worker_records_the_clients_input_hash_without_hashing_again(
    tmp_path: Path, tone_profile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = tmp_path / "story.txt"
    article.write_text("Headline\n\nThe council met on Monday. It voted to approve the plan.\n", encoding="utf-8")
    item = BatchItem(str(article), str(article), PurePosixPath("story.mp3"))
    settings = NarrationSettings(voice=load_profile(str(tone_profile)))
    shipped = _prepared(item, tmp_path / "out", settings, force=False)
    assert isinstance(shipped, ShippedItem)
    assert shipped.input_sha256 == hashlib.sha256(article.read_bytes()).hexdigest()

    def rehashed(*args: object) -> str:
        raise AssertionError("the worker hashed the input again")

    monkeypatch.setattr(pipeline, "_article_sha", rehashed)
    finished = narrate_shipped(shipped)
    assert isinstance(finished, FinishedFiles), finished
    assert finished.manifest.input_sha256 == shipped.input_sha256
    assert finished.manifest.settings_sha256 == shipped.settings_sha256
