"""Errors narrator raises; the CLI turns each into a one-line message."""

from __future__ import annotations


class NarratorError(Exception):
    """Base class for every error a user can cause or fix."""


class InputError(NarratorError):
    """The input cannot be read or holds nothing to narrate."""


class NoArticleError(InputError):
    """The input was read but holds no article text."""


class FetchError(InputError):
    """A URL could not be fetched."""


class VoiceError(NarratorError):
    """A voice profile or engine voice is unknown or invalid."""


class EngineError(NarratorError):
    """A speech engine failed, is missing, or produced unusable audio."""


class LexiconError(NarratorError):
    """A pronunciation lexicon file is invalid."""


class AudioError(NarratorError):
    """Audio could not be decoded, mastered or encoded."""


class OutputError(NarratorError):
    """An output file or folder cannot be written."""


class FeedError(NarratorError):
    """A podcast feed cannot be built or fails its checks."""


class SettingError(NarratorError):
    """An environment variable or setting has a value narrator cannot use."""


class Terminated(KeyboardInterrupt):
    """SIGTERM arrived; raised like Ctrl-C's KeyboardInterrupt so the same clean-up runs."""
