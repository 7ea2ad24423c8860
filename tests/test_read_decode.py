"""Decoding: BOMs, declared charsets, fallbacks, binary and oversized input."""

from __future__ import annotations

import gzip
import io
import zipfile

import pytest

from narrator.errors import InputError
from narrator.read import read_article, read_bytes
from narrator.read.decode import decode_bytes
from narrator.read.detect import detect_kind

BODY = (
    "Le café du village a rouvert ses portes lundi après trois mois de travaux, "
    "et les habitants se sont réjouis de retrouver leur terrasse préférée au soleil."
)


def test_utf8_with_and_without_bom() -> None:
    assert decode_bytes(BODY.encode("utf-8")) == BODY
    assert decode_bytes(b"\xef\xbb\xbf" + BODY.encode("utf-8")) == BODY


def test_utf16_with_bom(tmp_path) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(BODY.encode("utf-16"))  # Python writes a BOM
    article = read_article(str(path))
    assert article.paragraphs == [BODY]
    assert article.language == "fr"


def test_utf16_without_bom() -> None:
    assert decode_bytes(BODY.encode("utf-16-le")) == BODY


def test_cp1252_file_falls_back_sensibly(tmp_path) -> None:
    text = "The café’s owner said the “new” menu costs €12 — a bargain, he insisted, compared with last year’s prices."
    path = tmp_path / "cp1252.txt"
    path.write_bytes(text.encode("cp1252"))
    assert read_article(str(path)).paragraphs == [text]


def test_html_meta_charset_is_honoured() -> None:
    html = (
        f'<html><head><meta charset="iso-8859-1"><title>Caf\xe9</title></head><body><p>{BODY}</p></body></html>'
    ).encode("latin-1")
    assert "café" in decode_bytes(html)


def test_header_charset_beats_guessing() -> None:
    assert decode_bytes("naïve".encode("cp1252"), content_type="text/plain; charset=windows-1252") == "naïve"


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (gzip.compress(b"hello world " * 20), "gzip"),
        (b"\x00\x01\x02\x03binary\x00stuff" * 10, "binary"),
    ],
)
def test_binary_input_is_refused(data: bytes, kind: str) -> None:
    with pytest.raises(InputError, match=r"x\.bin looks like binary data") as error:
        read_bytes(data, source="x.bin")
    assert kind in str(error.value) or kind == "binary"


def test_zip_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", "hello")
    with pytest.raises(InputError, match="zip archive"):
        read_bytes(buffer.getvalue(), source="a.zip")


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  ", "\ufeff".encode("utf-8"), b"\n\n\n"])
def test_empty_input_is_refused(data: bytes) -> None:
    with pytest.raises(InputError, match="is empty"):
        read_bytes(data, source="empty.txt")


def test_empty_stdin_is_refused() -> None:
    with pytest.raises(InputError, match="standard input is empty"):
        read_article("-", stdin=io.BytesIO(b""))


def test_missing_file_is_refused(tmp_path) -> None:
    with pytest.raises(InputError, match=r"no such file$"):
        read_article(str(tmp_path / "missing.txt"))
    with pytest.raises(InputError, match="give its http:// or https:// address"):
        read_article("example.com/news/story")


def test_oversized_input_names_the_limit(tmp_path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(BODY.encode() * 10)
    with pytest.raises(InputError, match="1,000-byte limit"):
        read_article(str(path), max_bytes=1000)
    with pytest.raises(InputError, match="1,000-byte limit"):
        read_article("-", stdin=io.BytesIO(BODY.encode() * 10), max_bytes=1000)


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("<!DOCTYPE html><html><body><p>Hi</p></body></html>", "story.txt", "html"),
        ("<div><p>One</p>\n<p>Two</p></div>", "", "html"),
        ("---\ntitle: T\n---\n\n# Heading\n\nSome [link](http://x.org) text.", "notes.txt", "markdown"),
        ("# Heading\n\nText with a [link](https://example.org).\n\n## More\n\nDone.", "", "markdown"),
        ("Just a plain story.\n\nWith two paragraphs.", "story.md", "markdown"),
        ("Skip to content\n* indicates required\nSubscribe\nThe body is here.", "", "text"),
    ],
)
def test_kind_is_sniffed_from_content(text: str, name: str, kind: str) -> None:
    assert detect_kind(text, name) == kind


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("Café naïve “quoted” € 12 — done", "cp1252"),
        ("Die Straße war gesperrt, sagte der Bürgermeister am Montag.", "cp1252"),
        ("Zażółć gęślą jaźń, powiedział burmistrz w poniedziałek w Krakowie.", "cp1250"),
        ("Съешь же ещё этих мягких французских булок, да выпей чаю.", "cp1251"),
    ],
)
def test_legacy_codepages_are_detected(text: str, codec: str) -> None:
    assert decode_bytes(text.encode(codec)) == text


def test_a_byte_order_mark_on_invalid_text_is_an_error() -> None:
    from narrator.errors import InputError
    from narrator.read.decode import decode_bytes

    with pytest.raises(InputError, match="byte-order mark but is not valid utf-16-le"):
        decode_bytes(b"\xff\xfe\x00garbag", source="bad.md")  # an odd number of UTF-16 bytes


ENGLISH = "The council approved the budget on Tuesday after a long debate about roads and schools. " * 4


def test_damaged_utf8_keeps_its_text_not_a_legacy_reading() -> None:
    damaged = ("Zürich’s " + ENGLISH).encode()[:120] + b"\xff\xfe" + ("Zürich’s " + ENGLISH).encode()[120:]
    article = read_bytes(damaged, source="damaged.txt")
    assert article.paragraphs[0].startswith("Zürich’s The council approved")
    assert "\ufffd" not in " ".join(article.paragraphs) and "ÿ" not in " ".join(article.paragraphs)


def test_invalid_bytes_are_not_read_as_cyrillic() -> None:
    import random

    noise = random.Random(5)
    data = bytearray(ENGLISH.encode())
    for _ in range(60):  # about one byte in six is not text in any encoding
        data.insert(noise.randrange(len(data)), noise.randrange(0x80, 0x100))
    with pytest.raises(InputError, match="is not UTF-8 text, and no other encoding reads it as a language"):
        read_bytes(bytes(data), source="noise.txt")
    legacy = ("Городской совет утвердил бюджет поздно вечером во вторник после долгих дебатов. " * 3).encode("cp1251")
    assert read_bytes(legacy, source="ru.txt").paragraphs[0].startswith("Городской совет")
