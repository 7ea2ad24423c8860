"""Minimal YAML front matter reader for Markdown metadata (title, author, date...)."""

from __future__ import annotations

import re

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$")
_TOML_FRONT = re.compile(r"\A\+\+\+[ \t]*\n(.*?)\n\+\+\+[ \t]*(?:\n|\Z)", re.S)
_TOML_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*=\s*(.*)$")


def _scalar(value: str) -> str:
    """Unquote a YAML/TOML scalar and drop a trailing comment."""
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return re.sub(r"\s+#.*$", "", value)


def _value(raw: str, following: list[str]) -> str | list[str]:
    """A scalar, a flow list [a, b], or a block list of "- item" lines."""
    raw = raw.strip()
    if raw.startswith("[") and raw.endswith("]"):
        return [_scalar(v) for v in raw[1:-1].split(",") if v.strip()]
    if raw in ("", "|", ">"):
        items = [_scalar(line.strip()[1:]) for line in following if line.strip().startswith("- ")]
        if items:
            return items
        return " ".join(line.strip() for line in following)
    return _scalar(raw)


def split_front_matter(text: str) -> tuple[dict[str, str | list[str]], str]:
    """Split text into (front matter fields, rest); empty dict when there is none."""
    match = _FRONT_MATTER.match(text)
    key_pattern = _KEY
    if not match:
        match = _TOML_FRONT.match(text)
        key_pattern = _TOML_KEY
    if not match:
        return {}, text
    fields: dict[str, str | list[str]] = {}
    lines = match.group(1).split("\n")
    for i, line in enumerate(lines):
        found = key_pattern.match(line)
        if not found:
            continue
        following = []
        for nxt in lines[i + 1 :]:
            if key_pattern.match(nxt):
                break
            following.append(nxt)
        fields[found.group(1).lower()] = _value(found.group(2), following)
    return fields, text[match.end() :]


def field(fields: dict[str, str | list[str]], *names: str) -> str | None:
    """The first present field among names, lists joined with commas."""
    for name in names:
        value = fields.get(name)
        if isinstance(value, list):
            value = ", ".join(v for v in value if v)
        if value:
            return str(value)
    return None
