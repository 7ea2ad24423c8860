"""Wire the stages: read → script → synthesize → master → publish."""

from __future__ import annotations

import dataclasses
import os
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .errors import InputError, OutputError
from .models import Article, Narration, Script, VoiceProfile

DEFAULT_OUTPUT_FOLDER = Path("output")


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


@dataclass(frozen=True)
class NarrationResult:
    """What one narration produced."""

    audio: Path
    """The MP3 written."""
    duration_ms: int
    """Its length."""
    segments: int
    """How many segments were spoken."""
    title: str
    """The title it was tagged with."""


def narrate(
    source: str | os.PathLike[str],
    output: str | os.PathLike[str] | None = None,
    *,
    voice: str | os.PathLike[str] = "default",
    title: str | None = None,
    author: str | None = None,
    publication: str | None = None,
    date: str | None = None,
    language: str | None = None,
    lexicons: Sequence[str | os.PathLike[str]] = (),
    spoken_disclosure: bool = True,
    cache_dir: str | os.PathLike[str] | None = None,
) -> NarrationResult:
    """Narrate one article (path, URL or "-") to a tagged MP3 and return where it went."""
    from .profiles import load_profile

    overrides = validated_overrides(ArticleOverrides(title, author, publication, date, language))
    profile = load_profile(voice)
    _check_output_target(output)
    return narrate_article(
        lambda: apply_overrides(_read(str(source)), overrides),
        output,
        profile=profile,
        lexicons=[Path(p) for p in lexicons],
        spoken_disclosure=spoken_disclosure,
        cache_dir=Path(cache_dir) if cache_dir else None,
    )


def narrate_article(
    article: Article | Callable[[], Article],
    output: str | os.PathLike[str] | None,
    *,
    profile: VoiceProfile,
    lexicons: Sequence[Path] = (),
    spoken_disclosure: bool = True,
    cache_dir: Path | None = None,
) -> NarrationResult:
    """Narrate an Article (or a function reading one, called once the engine is ready)."""
    from .engines import load_engine

    with load_engine(profile.engine) as engine:
        engine.check_voice(profile)
        article = article() if callable(article) else article
        script = build_script(article, profile, lexicons, spoken_disclosure)
        target = output_path(output, article.title)
        narration = speak(script, profile, engine, cache_dir=cache_dir)
        write_audio(narration, target, article, script, profile, neural=engine.neural)
    return NarrationResult(target, narration.duration_ms, len(script.segments), article.title)


def _read(source: str) -> Article:
    """Read and extract the article."""
    from .read import read_article

    return read_article(source)


def build_script(article: Article, profile: VoiceProfile, lexicons: Sequence[Path], spoken_disclosure: bool) -> Script:
    """Split and normalize the article with the profile's and the run's lexicons."""
    from .script import load_lexicon, make_script

    paths = [p for p in (profile.lexicon, *lexicons) if p is not None]
    lexicon = load_lexicon(paths)
    disclosure = profile.disclosure if spoken_disclosure and profile.disclosure else None
    return make_script(article, profile, lexicon=lexicon, disclosure=disclosure)


def speak(script: Script, profile: VoiceProfile, engine, *, cache_dir: Path | None = None) -> Narration:  # noqa: ANN001
    """Synthesize every segment (through the clip cache) and stitch them."""
    from .master import stitch
    from .synthesize import ClipCache, synthesize_script

    clips = synthesize_script(script, profile, engine, cache=ClipCache(cache_dir))
    return stitch(script, clips)


def write_audio(narration: Narration, target: Path, article: Article, script: Script, profile: VoiceProfile, *, neural: bool) -> None:
    """Encode and tag to a temporary file beside `target`, then rename it into place."""
    from .master import EncodeSettings, TagSet, encode_mp3, temporary_path, write_tags

    temp = temporary_path(target)
    try:
        encode_mp3(narration, temp, EncodeSettings())
        write_tags(temp, tags_for(article, script, profile, neural=neural))
        os.replace(temp, target)
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from exc
    finally:
        temp.unlink(missing_ok=True)


def tags_for(article: Article, script: Script, profile: VoiceProfile, *, neural: bool) -> TagSet:  # noqa: F821
    """The ID3 tag content for a narration."""
    from .master import TagSet

    transcript = "\n\n".join(article.paragraphs)
    return TagSet(
        title=article.title,
        artist=article.byline,
        album=article.publication,
        date=article.date,
        language=article.language,
        encoder=f"narrator {__version__} ({profile.engine} voice {profile.name})",
        transcript=f"{article.title}\n\n{transcript}",
        neural=neural,
    )


def apply_overrides(article: Article, overrides: ArticleOverrides) -> Article:
    """Replace article metadata with what the user gave."""
    changes = {
        "title": overrides.title,
        "byline": overrides.author,
        "publication": overrides.publication,
        "date": overrides.date,
        "language": overrides.language,
    }
    return dataclasses.replace(article, **{k: v for k, v in changes.items() if v})


_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*")


def validated_overrides(overrides: ArticleOverrides) -> ArticleOverrides:
    """Reject a malformed --date or --language before any work starts."""
    if overrides.date and not (_DATE.fullmatch(overrides.date) and _valid_date(overrides.date)):
        raise InputError(f"date {overrides.date!r} is not a date; use YYYY-MM-DD")
    if overrides.language and not _LANGUAGE.fullmatch(overrides.language):
        raise InputError(f"language {overrides.language!r} is not a language tag such as en or en-US")
    if overrides.title is not None and not overrides.title.strip():
        raise InputError("the title is empty")
    return overrides


def _valid_date(text: str) -> bool:
    """True if an ISO date (YYYY, YYYY-MM or YYYY-MM-DD) names a real day."""
    import datetime

    parts = [int(p) for p in text.split("-")] + [1, 1]
    try:
        datetime.date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return True


def slugify(title: str, limit: int = 80) -> str:
    """A safe file name stem from a title ("U.S. Vote: 5-4!" → "u-s-vote-5-4")."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    return slug[:limit].rstrip("-") or "narration"


def output_path(output: str | os.PathLike[str] | None, title: str) -> Path:
    """Where the MP3 goes: `output` if a file name, inside it if a folder, else output/<slug>.mp3."""
    if output is None:
        folder = DEFAULT_OUTPUT_FOLDER
        folder.mkdir(exist_ok=True)
        return folder / f"{slugify(title)}.mp3"
    path = Path(output)
    if path.is_dir():
        return path / f"{slugify(title)}.mp3"
    return path


def _check_output_target(output: str | os.PathLike[str] | None) -> None:
    """Fail before any synthesis if the output cannot be written."""
    if output is None:
        return
    path = Path(output)
    if path.is_dir():
        folder = path
    else:
        if path.suffix.lower() != ".mp3":
            raise OutputError(f"output {path} must end in .mp3")
        folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"output folder {folder} does not exist")
    from .master import temporary_path

    temporary_path(folder / "probe.mp3").unlink()  # raises OutputError when not writable
