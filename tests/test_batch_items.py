"""Collecting batch items from files, folders and manifests."""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath

from narrator.batch import collect_items
from narrator.batch.plan import plan_outputs


def test_folders_are_walked_recursively_by_type(tmp_path: Path) -> None:
    (tmp_path / "news" / "world").mkdir(parents=True)
    (tmp_path / "news" / "a.md").write_text("# A\n\nText.")
    (tmp_path / "news" / "world" / "B Story.html").write_text("<p>x</p>")
    (tmp_path / "news" / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / "news" / ".hidden").mkdir()
    (tmp_path / "news" / ".hidden" / "c.txt").write_text("x")
    items = collect_items([str(tmp_path / "news")])
    assert [i.output for i in items] == [PurePosixPath("a.mp3"), PurePosixPath("world/b-story.mp3")]


def test_csv_manifest_rows_with_errors_named_by_line(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text("Title\n\nBody.")
    manifest = tmp_path / "list.csv"
    manifest.write_text(
        "source,title,author,date,voice,output\n"
        "one.txt,First,Ann,2026-11-01,,first\n"
        ",No Source,,,,\n"
        "one.txt,Bad Date,,2026-02-31,,bad\n"
        "one.txt,Bad Voice,,,nosuchvoice,voice\n",
        encoding="utf-8",
    )
    items = collect_items([str(manifest)])
    assert (
        items[0].error is None and items[0].overrides.title == "First" and items[0].output == PurePosixPath("first.mp3")
    )
    assert items[0].source == str(tmp_path / "one.txt")
    assert items[1].error == "line 3: missing source"
    assert items[2].error.startswith("line 4: date '2026-02-31'")
    assert items[3].error.startswith("line 5: unknown voice 'nosuchvoice'")


def test_jsonl_manifest(tmp_path: Path) -> None:
    manifest = tmp_path / "list.jsonl"
    rows = [{"source": "a.txt", "title": "A"}, "not an object", {"source": "b.txt", "colour": "red"}]
    manifest.write_text("\n".join(json.dumps(r) for r in rows) + "\n{broken\n", encoding="utf-8")
    items = collect_items([str(manifest)])
    assert items[0].error is None
    assert items[1].error == "line 2: not a JSON object"
    assert items[2].error == "line 3: unknown column 'colour'"
    assert items[3].error.startswith("line 4: not valid JSON")


def test_a_name_given_twice_fails_the_later_item(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("A\n\nBody.")
    (tmp_path / "b.txt").write_text("B\n\nBody.")
    manifest = tmp_path / "list.csv"
    manifest.write_text("source,output\na.txt,same\nb.txt,same.mp3\n")
    items = collect_items([str(manifest)])
    assert items[0].error is None and items[0].named
    assert "already used" in items[1].error


def test_made_up_names_that_clash_are_numbered_apart_by_the_plan(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "a.txt").write_text("A\n\nBody.")
    (tmp_path / "x" / "a.txt").write_text("A\n\nBody.")
    items = collect_items([str(tmp_path / "a.txt"), str(tmp_path / "x" / "a.txt")])
    assert [i.error for i in items] == [None, None]
    planned = plan_outputs(items, tmp_path / "out")
    assert [str(i.output) for i in planned] == ["a.mp3", "a-2.mp3"]
    assert planned[0].reserved == {"a-2.mp3"} and planned[1].reserved == {"a.mp3"}


def test_hostile_output_names_stay_inside(tmp_path: Path) -> None:
    manifest = tmp_path / "list.jsonl"
    manifest.write_text(json.dumps({"source": "a.txt", "output": "../../etc/passwd"}) + "\n")
    [item] = collect_items([str(manifest)])
    assert item.output == PurePosixPath("etc-passwd.mp3")


def test_missing_input(tmp_path: Path) -> None:
    [item] = collect_items([str(tmp_path / "nope")])
    assert "no such file" in item.error


def test_row_voice_profile_paths_are_resolved_beside_the_manifest(tmp_path: Path) -> None:
    (tmp_path / "voices").mkdir()
    (tmp_path / "voices" / "mine.toml").write_text('engine = "tone"\n')
    manifest = tmp_path / "list.jsonl"
    manifest.write_text(json.dumps({"source": "a.txt", "voice": "voices/mine.toml"}) + "\n")
    [item] = collect_items([str(manifest)])
    assert item.error is None and item.voice == str(tmp_path / "voices" / "mine.toml")


def test_pause_overrides_survive_a_row_voice() -> None:
    from narrator.settings import NarrationSettings
    from narrator.voices import load_profile

    settings = NarrationSettings(voice=load_profile("default"), pauses=(("sentence_pause_ms", 123),))
    assert settings.with_voice(load_profile("fast")).voice.sentence_pause_ms == 123
    assert settings.with_voice(load_profile("fast")).voice.rate == load_profile("fast").rate


def test_a_folder_without_articles_and_an_empty_manifest_fail(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / "list.csv").write_text("source,title\n", encoding="utf-8")
    (tmp_path / "list.jsonl").write_text("\n\n", encoding="utf-8")
    items = collect_items([str(tmp_path / "empty"), str(tmp_path / "list.csv"), str(tmp_path / "list.jsonl")])
    assert [item.error for item in items] == [
        f"{tmp_path / 'empty'}: no articles in this folder (.htm, .html, .markdown, .md, .txt, .xhtml)",
        f"{tmp_path / 'list.csv'}: the manifest has no rows",
        f"{tmp_path / 'list.jsonl'}: the manifest has no rows",
    ]


def test_manifest_sources_stay_inside_the_manifest_folder(tmp_path: Path) -> None:
    secret = tmp_path / "secret" / "private.txt"
    secret.parent.mkdir()
    secret.write_text("A Secret\n\nThe password is swordfish.\n", encoding="utf-8")
    folder = tmp_path / "site" / "lists"
    folder.mkdir(parents=True)
    (folder / "ok.md").write_text("# Fine\n\nA story.\n", encoding="utf-8")
    (folder / "link.md").symlink_to(secret)
    manifest = folder / "list.csv"
    manifest.write_text(f"source\nok.md\n../../secret/private.txt\n{secret}\nlink.md\n", encoding="utf-8")
    items = collect_items([str(manifest)])
    assert items[0].error is None
    for item, shown in zip(items[1:], ("../../secret/private.txt", str(secret), "link.md"), strict=False):
        assert (
            item.error
            == f"line {items.index(item) + 2}: source {shown} is outside the manifest's folder (allow its folder with --allow-sources DIR)"
        )
    allowed = collect_items([str(manifest)], allowed_roots=[secret.parent])
    assert [item.error is None for item in allowed] == [
        True,
        True,
        True,
        True,
    ]  # the third shares the second's name: plan_outputs numbers it apart
    assert Path(allowed[1].source).resolve() == secret
