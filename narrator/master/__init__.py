"""The master stage: stitch clips, shape the sound, add bumpers and chapters, encode and tag the MP3."""

from .bumpers import add_bumpers, check_bumper, join_bumpers, load_bumper
from .chapters import make_chapters
from .cover import CoverImage, check_cover
from .encode import EncodeReport, EncodeSettings, decoded_true_peak, encode_mp3, encode_mp3_checked
from .loudness import LoudnessSettings, master_loudness, measure_loudness, validate_loudness_target
from .stitch import stitch
from .tags import AI_DISCLOSURE, TagSet, write_tags
from .true_peak import measure_true_peak

__all__ = [
    "AI_DISCLOSURE",
    "CoverImage",
    "EncodeReport",
    "EncodeSettings",
    "LoudnessSettings",
    "TagSet",
    "add_bumpers",
    "check_bumper",
    "check_cover",
    "decoded_true_peak",
    "encode_mp3",
    "encode_mp3_checked",
    "join_bumpers",
    "load_bumper",
    "make_chapters",
    "master_loudness",
    "measure_loudness",
    "measure_true_peak",
    "stitch",
    "validate_loudness_target",
    "write_tags",
]
