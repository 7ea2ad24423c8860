"""Cover art: JPEG and PNG recognized by their bytes, sized from their headers, advice as warnings."""

from __future__ import annotations

from pathlib import Path

import pytest
from images import jpeg_bytes, lying_jpeg_bytes, png_bytes

from narrator.errors import InputError
from narrator.master import check_cover


def test_square_png_of_1400_px_has_no_warnings(tmp_path: Path) -> None:
    path = tmp_path / "c.png"
    path.write_bytes(png_bytes(1400, 1400))
    cover = check_cover(path)
    assert (cover.mime, cover.width, cover.height, cover.warnings) == ("image/png", 1400, 1400, ())
    assert cover.data == path.read_bytes()


def test_jpeg_size_is_read_from_its_frame_header(tmp_path: Path) -> None:
    path = tmp_path / "c.jpg"
    path.write_bytes(jpeg_bytes(3000, 2000))
    cover = check_cover(path)
    assert (cover.mime, cover.width, cover.height) == ("image/jpeg", 3000, 2000)
    assert any("not square" in w for w in cover.warnings)


def test_small_cover_is_warned_about(tmp_path: Path) -> None:
    path = tmp_path / "c.png"
    path.write_bytes(png_bytes(600, 600))
    assert any("under 1400" in w for w in check_cover(path).warnings)


@pytest.mark.parametrize("content", [b"hello, not an image", b"", b"\xff\xd8\xff\xe0\x00"])
def test_not_an_image_is_a_one_line_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "c.jpg"
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        check_cover(path)
    assert "\n" not in str(info.value) and "c.jpg" in str(info.value)


def test_missing_cover_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"cover .*none\.png: no such file"):
        check_cover(tmp_path / "none.png")


@pytest.mark.parametrize(("width", "height"), [(60000, 60000), (1400, 1400)])
def test_a_header_that_lies_about_the_image_is_refused(tmp_path: Path, width: int, height: int) -> None:
    path = tmp_path / "c.jpg"
    path.write_bytes(lying_jpeg_bytes(width, height))
    with pytest.raises(
        InputError,
        match="says it is 60000x60000 px; narrator takes at most 10000" if width > 10000 else "is a damaged JPEG",
    ) as info:
        check_cover(path)
    assert "\n" not in str(info.value)


def test_a_png_cut_short_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "c.png"
    data = png_bytes(1400, 1400)
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError, match=r"cover c\.png is a damaged PNG"):
        check_cover(path)
