"""Roman numerals where context says so: "Charles III", "World War II", "Part IV"."""

from __future__ import annotations

import re

from .words import cardinal, ordinal

_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
# Words after which a numeral is a number ("World War two", "Part four").
_COUNTED = (
    "War",
    "Part",
    "Chapter",
    "Volume",
    "Vol.",
    "Book",
    "Act",
    "Scene",
    "Phase",
    "Title",
    "Article",
    "Section",
    "Stage",
    "Level",
    "Class",
    "Type",
    "Category",
    "Round",
    "Bowl",
    "Apollo",
    "Grade",
    "Annex",
    "Appendix",
    "Schedule",
    "Division",
    "Vatican",
    "Table",
    "Figure",
    "Tier",
    "Series",
    "Mark",
    "Mk",
    "Episode",
    "Season",
    "Canto",
    "Psalm",
    "Rocky",
    "Gen",
    "Version",
    "Vatican",
)
# Names a lone "I", "V" or "X" may follow as a numeral ("Elizabeth I", "Henry V"); elsewhere
# "I" is the pronoun and "V" or "X" a letter ("Plan B", "Model X").
_REGNAL_I = frozenset(
    [
        "Elizabeth",
        "Charles",
        "James",
        "Mary",
        "Anne",
        "Victoria",
        "Henry",
        "Edward",
        "George",
        "William",
        "Richard",
        "Louis",
        "John",
        "Stephen",
        "Napoleon",
        "Peter",
        "Ivan",
        "Alexander",
        "Nicholas",
        "Catherine",
        "Frederick",
        "Frederik",
        "Wilhelm",
        "Francis",
        "Ferdinand",
        "Leopold",
        "Philip",
        "Felipe",
        "Carlos",
        "Carol",
        "Harald",
        "Olav",
        "Haakon",
        "Gustaf",
        "Carl",
        "Christian",
        "Margrethe",
        "Willem",
        "Albert",
        "Baudouin",
        "Leo",
        "Pius",
        "Benedict",
        "Gregory",
        "Innocent",
        "Clement",
        "Urban",
        "Boniface",
        "Paul",
        "Sixtus",
        "Julius",
        "Rama",
        "Selim",
        "Suleiman",
        "Mehmed",
        "Constantine",
        "Justinian",
        "Ramesses",
        "Ahmed",
        "Farouk",
        "Hussein",
        "Abdullah",
        "Mohammed",
        "Faisal",
        "Fahd",
        "Salman",
    ]
)
_NUMERAL = r"(?P<numeral>(?:XL|L?X{0,3})(?:IX|IV|V?I{0,3}))"
_COUNTED_RE = re.compile(
    r"\b(?P<word>" + "|".join(re.escape(w) for w in _COUNTED) + r") " + _NUMERAL + r"\b(?!['’]\w|-\w)"
)
# "XXI century": a numeral before "century" or "dynasty" is an ordinal.
_CENTURY_RE = re.compile(r"\b" + _NUMERAL + r" (?P<word>century|centuries|dynasty|millennium)\b")
_NAMED_RE = re.compile(r"\b(?P<name>[A-Z][a-z]+(?:-[A-Z][a-z]+)?) " + _NUMERAL + r"\b(?!['’]\w|-\w|\.\w)")
# Capitalized words before a numeral that are not names.
_NOT_NAMES = frozenset(
    [
        "The",
        "A",
        "An",
        "And",
        "But",
        "Or",
        "If",
        "So",
        "Then",
        "When",
        "While",
        "Where",
        "What",
        "Who",
        "Why",
        "How",
        "This",
        "That",
        "These",
        "Those",
        "There",
        "Here",
        "It",
        "He",
        "She",
        "We",
        "They",
        "You",
        "I",
        "In",
        "On",
        "At",
        "By",
        "For",
        "From",
        "With",
        "Without",
        "To",
        "Of",
        "As",
        "Is",
        "Was",
        "Were",
        "Are",
        "Be",
        "Been",
        "Do",
        "Did",
        "Does",
        "Have",
        "Has",
        "Had",
        "Not",
        "No",
        "Yes",
        "Also",
        "Only",
        "Just",
        "Still",
        "Even",
        "Now",
        "Today",
        "Yesterday",
        "Tomorrow",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
    ]
)


def apply(text: str, lang: str = "en") -> str:
    """Read numerals after counted words as numbers and after names as regnal ordinals."""
    if not any(ch in text for ch in "IVXL"):
        return text
    text = _CENTURY_RE.sub(
        lambda m: f"{ordinal(value(m['numeral']), lang)} {m['word']}" if m["numeral"] else m.group(0), text
    )
    text = _COUNTED_RE.sub(lambda m: _counted(m, lang), text)
    return _NAMED_RE.sub(lambda m: _named(m, lang), text)


def value(numeral: str) -> int:
    """The integer value of a well-formed numeral (0 for an empty one)."""
    total = 0
    for i, ch in enumerate(numeral):
        v = _VALUES[ch]
        total += -v if i + 1 < len(numeral) and _VALUES[numeral[i + 1]] > v else v
    return total


def _counted(match: re.Match[str], lang: str) -> str:
    """ "World War II" → "World War two"."""
    numeral = match["numeral"]
    if not numeral:
        return match.group(0)
    return f"{match['word']} {cardinal(value(numeral), lang)}"


def _named(match: re.Match[str], lang: str) -> str:
    """ "Charles III" → "Charles the third"; "Sam and I" is untouched."""
    name, numeral = match["name"], match["numeral"]
    if not numeral or name in _NOT_NAMES or (numeral == "I" and name not in _REGNAL_I):
        return match.group(0)
    if numeral in ("V", "X", "L") and name not in _REGNAL_I:
        return match.group(0)  # a lone V or X after a word is more often a letter ("Plan B", "Model X")
    return f"{name} the {ordinal(value(numeral), lang)}"
