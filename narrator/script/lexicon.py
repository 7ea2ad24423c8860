"""Pronunciation lexicons: TOML files mapping words and patterns to what the engine should say.

Format (every table optional)::

    [words]                      # whole words; a key with a capital letter matches that
    "Rutte" = "rutta"            # exact spelling, an all-lowercase key matches any case
    "kyiv" = "keev"

    [acronyms]
    spell = ["FBI", "NHS"]       # read letter by letter; written "F.B.I." for the engine
    say = ["NATO", "UNESCO"]     # read as a word; written "Nato"

    [[patterns]]                 # Python regular expression → replacement ("\\1" allowed);
                                 # one that runs away (catastrophic backtracking) is an error
    match = "\\bCOVID-19\\b"
    say = "covid nineteen"
    ignore_case = true           # optional, default false

    [phonemes]                   # IPA, for engines that accept phonemes (Piper): the voice
    "Rutte" = "ɹˈuːtə"           # language's phonemes as eSpeak NG writes them

Later files win: the shipped default, then the voice profile's, then the run's (--lexicon).
Word matches respect word boundaries; patterns are tried before words, latest file first.
Capitalized words stay capitalized when respelled, and a key ending in "." that ends the
sentence keeps the full stop. For an engine that accepts phonemes (`for_phonemes`), a word
with a [phonemes] entry reaches the engine as [[IPA]] in place of a respelling. Unknown
capitals not listed under [acronyms] are guessed: pronounceable ones are said as words,
the rest spelled.
"""

from __future__ import annotations

import dataclasses
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import regex

from ..errors import LexiconError
from ..input_files import read_input
from ..settings import DEFAULT_LEXICON

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

_TABLES = {"words", "acronyms", "patterns", "phonemes"}
LEXICON_TABLES = frozenset(_TABLES)
"""The top-level tables a lexicon file may have; a file with only these is a lexicon."""


# A user's pattern such as "(a+)+$" can take minutes on one word. The `regex` module
# (Python's re syntax, plus a time limit) stops it; the probes catch most such patterns
# when the lexicon is loaded, before any synthesis.
PATTERN_TIMEOUT_S = 0.5
_PROBE_TIMEOUT_S = 0.2
_PROBES = ("a" * 40 + "!", "1" * 40 + "x", "aA1 " * 12 + "!", " " * 40 + "x", "ab" * 20 + "!")


@dataclass(frozen=True)
class Pattern:
    """One regular-expression entry."""

    regex: regex.Pattern[str]
    """Compiled match expression."""
    say: str
    """Replacement text (may use group references)."""
    where: str = ""
    """The entry, for errors: file, number and expression."""

    def sub(self, text: str) -> str:
        """Replace every match in text, within the time limit."""
        try:
            return self.regex.sub(self.say, text, timeout=PATTERN_TIMEOUT_S)
        except TimeoutError:
            raise LexiconError(
                f"{self.where}: took over {PATTERN_TIMEOUT_S:g} s on one sentence ({_RUNAWAY})"
            ) from None


@dataclass(frozen=True)
class Lexicon:
    """Merged pronunciation entries from one or more files."""

    words: Mapping[str, str] = field(default_factory=dict)
    """Exact-case word → respelling."""
    any_case_words: Mapping[str, str] = field(default_factory=dict)
    """Lowercase word matching any capitalization → respelling."""
    spell: frozenset[str] = frozenset()
    """Acronyms read letter by letter."""
    say: frozenset[str] = frozenset()
    """Acronyms read as words."""
    patterns: tuple[Pattern, ...] = ()
    """Pattern entries in the order they are tried."""
    phonemes: Mapping[str, str] = field(default_factory=dict)
    """Word → IPA phonemes for engines that accept them."""
    sources: tuple[Path, ...] = ()
    """Files merged into this lexicon."""

    def for_phonemes(self) -> Lexicon:
        """This lexicon for an engine that reads IPA: a word with a [phonemes] entry is "respelled" as [[IPA]].

        The IPA goes through the same single pass as respellings, so it takes their
        place exactly (case rules, full stops) before any later normalizer rule runs.
        """
        if not self.phonemes:
            return self
        blocks = {word: f"[[{ipa}]]" for word, ipa in self.phonemes.items()}
        any_case = {w for w in blocks if w == w.lower()}
        # A lowercase IPA key matches any case, so it also replaces exact-case respellings of that word.
        words = {w: said for w, said in self.words.items() if w.lower() not in any_case}
        words.update({w: block for w, block in blocks.items() if w not in any_case})
        any_case_words = {**self.any_case_words, **{w: blocks[w] for w in any_case}}
        return dataclasses.replace(self, words=words, any_case_words=any_case_words)

    def apply(self, text: str) -> str:
        """Replace pattern and word entries in text."""
        for pattern in self.patterns:
            text = pattern.sub(text)
        return self._word_regex.sub(self._respell, text) if (self.words or self.any_case_words) else text

    @cached_property
    def _word_regex(self) -> re.Pattern[str]:
        """One alternation of all word keys, longest first, bounded by non-word characters."""
        exact = [re.escape(w) for w in sorted(self.words, key=len, reverse=True)]
        any_case = [f"(?i:{re.escape(w)})" for w in sorted(self.any_case_words, key=len, reverse=True)]
        return re.compile(r"(?<![\w])(?:" + "|".join(exact + any_case or ["(?!)"]) + r")(?![\w])")

    def _respell(self, match: re.Match[str]) -> str:
        """The respelling of one matched word (exact case first)."""
        word = match.group(0)
        said = self.words.get(word) or self.any_case_words.get(word.lower(), word)
        if word[:1].isupper() and said[:1].islower():
            said = said[0].upper() + said[1:]  # rules after this one look for capitalized names
        # "etc." ending a sentence also ends it when said: keep the full stop for prosody.
        if word.endswith(".") and not said.endswith(".") and _TRAILING.fullmatch(match.string, match.end()):
            said += "."
        return said


_TRAILING = re.compile(r"[\s\"'”’)\]]*")


def load_lexicon(paths: Sequence[Path] = (), *, include_default: bool = True) -> Lexicon:
    """Merge the default lexicon (optionally) and the given files, later files winning."""
    files = [DEFAULT_LEXICON] if include_default else []
    files += [Path(p) for p in paths]
    return merge(*(_load_file(p) for p in files))


def merge(*lexicons: Lexicon) -> Lexicon:
    """Combine lexicons; entries of later ones override earlier ones."""
    words: dict[str, str] = {}
    any_case: dict[str, str] = {}
    phonemes: dict[str, str] = {}
    spell: set[str] = set()
    say: set[str] = set()
    patterns: list[Pattern] = []
    for lexicon in lexicons:
        words.update(lexicon.words)
        any_case.update(lexicon.any_case_words)
        phonemes.update(lexicon.phonemes)
        spell = (spell - lexicon.say) | lexicon.spell
        say = (say - lexicon.spell) | lexicon.say
        patterns[:0] = lexicon.patterns  # a later file's patterns are tried first
    sources = tuple(s for lexicon in lexicons for s in lexicon.sources)
    return Lexicon(words, any_case, frozenset(spell), frozenset(say), tuple(patterns), phonemes, sources)


@lru_cache(maxsize=64)
def _load_file_cached(path: Path, mtime_ns: int) -> Lexicon:
    """Parse one file (cached by path and modification time)."""
    try:
        data = tomllib.loads(read_input(path, what="lexicon", max_bytes=10_000_000, error=LexiconError).decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise LexiconError(f"lexicon {path} is not valid TOML: {error}") from error
    return parse_lexicon(data, path)


def _load_file(path: Path) -> Lexicon:
    """Parse one lexicon file or raise LexiconError naming it."""
    try:
        mtime = path.stat().st_mtime_ns
    except OSError as error:
        raise LexiconError(f"cannot read lexicon {path}: {error.strerror or error}") from error
    return _load_file_cached(path, mtime)


def parse_lexicon(data: Mapping[str, object], source: Path | str = "<lexicon>") -> Lexicon:
    """Build a Lexicon from parsed TOML, raising LexiconError that names the bad entry."""
    unknown = set(data) - _TABLES
    if unknown:
        raise LexiconError(
            f"{source}: unknown table [{sorted(unknown)[0]}] (expected one of {', '.join(sorted(_TABLES))})"
        )
    words, any_case = _parse_words(_table(data, "words", source), source)
    spell, say = _parse_acronyms(_table(data, "acronyms", source), source)
    phonemes = _string_map(_table(data, "phonemes", source), "phonemes", source)
    patterns = tuple(_parse_pattern(entry, i, source) for i, entry in enumerate(_list(data, source), 1))
    return Lexicon(words, any_case, spell, say, patterns, phonemes, (Path(source),))


def _table(data: Mapping[str, object], name: str, source: Path | str) -> Mapping[str, object]:
    """A named table, empty when absent."""
    table = data.get(name, {})
    if not isinstance(table, Mapping):
        raise LexiconError(f"{source}: [{name}] must be a table")
    return table


def _list(data: Mapping[str, object], source: Path | str) -> list[object]:
    """The [[patterns]] array, empty when absent."""
    entries = data.get("patterns", [])
    if not isinstance(entries, list):
        raise LexiconError(f"{source}: patterns must be an array of tables ([[patterns]])")
    return entries


def _string_map(table: Mapping[str, object], name: str, source: Path | str) -> dict[str, str]:
    """Check that every key and value of a table is a non-empty string."""
    entries: dict[str, str] = {}
    for key, value in table.items():
        if not key.strip() or not isinstance(value, str) or not value.strip():
            raise LexiconError(f'{source}: [{name}] entry "{key}" must map a word to a non-empty string')
        entries[key] = value
    return entries


def _parse_words(table: Mapping[str, object], source: Path | str) -> tuple[dict[str, str], dict[str, str]]:
    """Split [words] into exact-case and any-case entries."""
    entries = _string_map(table, "words", source)
    exact = {k: v for k, v in entries.items() if k != k.lower()}
    any_case = {k: v for k, v in entries.items() if k == k.lower()}
    return exact, any_case


def _parse_acronyms(table: Mapping[str, object], source: Path | str) -> tuple[frozenset[str], frozenset[str]]:
    """The spell and say lists of [acronyms]."""
    lists = []
    for name in ("spell", "say"):
        items = table.get(name, [])
        entries: list[object] = items if isinstance(items, list) else [items]
        words = [i for i in entries if isinstance(i, str) and i.strip()]
        bad = [i for i in entries if not (isinstance(i, str) and i.strip())] if entries is items else [items]
        if bad:
            raise LexiconError(f"{source}: [acronyms] {name} entry {bad[0]!r} must be a non-empty string")
        lists.append(frozenset(words))
    extra = set(table) - {"spell", "say"}
    if extra:
        raise LexiconError(f'{source}: [acronyms] has unknown key "{sorted(extra)[0]}" (expected spell or say)')
    return lists[0], lists[1]


def _parse_pattern(entry: object, number: int, source: Path | str) -> Pattern:
    """Compile one [[patterns]] entry."""
    if (
        not isinstance(entry, Mapping)
        or not isinstance(entry.get("match"), str)
        or not isinstance(entry.get("say"), str)
    ):
        raise LexiconError(f"{source}: [[patterns]] entry {number} needs string keys match and say")
    match = entry["match"]
    where = f'{source}: [[patterns]] entry {number} ("{match}")'
    flags = regex.IGNORECASE if entry.get("ignore_case", False) is True else 0
    try:
        compiled = regex.compile(match, flags | regex.VERSION0)
    except (regex.error, ValueError, OverflowError, RecursionError) as error:
        raise LexiconError(f"{where}: bad regular expression: {error}") from None
    _check_groups(compiled, entry["say"], where)
    try:
        if compiled.search("", timeout=_PROBE_TIMEOUT_S):
            raise LexiconError(f"{where} matches empty text")
        for probe in _PROBES:
            compiled.search(probe, timeout=_PROBE_TIMEOUT_S)
    except TimeoutError:
        raise LexiconError(f"{where}: takes too long on a short text ({_RUNAWAY})") from None
    return Pattern(compiled, entry["say"], where)


_RUNAWAY = "catastrophic backtracking, as in (a+)+; simplify the expression"


_GROUP_REF = re.compile(r"\\(\d+)|\\g<([^>]*)>")


def _check_groups(compiled: regex.Pattern[str], say: str, where: str) -> None:
    """Reject replacements that refer to groups the expression does not have."""
    for number, name in _GROUP_REF.findall(say):
        ref = number or name
        known = int(ref) <= compiled.groups if ref.isdigit() else ref in compiled.groupindex
        if not known:
            raise LexiconError(f"{where}: say refers to group {ref}, which the expression does not define")
