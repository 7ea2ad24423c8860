"""The master stage: stitch clips, shape the sound, encode and tag the MP3."""

from .encode import EncodeSettings, encode_mp3, temporary_path
from .stitch import stitch
from .tags import AI_DISCLOSURE, TagSet, write_tags

__all__ = ["AI_DISCLOSURE", "EncodeSettings", "TagSet", "encode_mp3", "stitch", "temporary_path", "write_tags"]
