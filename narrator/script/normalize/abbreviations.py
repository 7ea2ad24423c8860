"""Abbreviated titles and places: "Gen." → "General", "St. Louis" → "Saint Louis", "No. 10"."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .patterns import ends_text, keep_period
from .words import cardinal

# Titles before a capitalized name.
TITLES = {
    "Mr": "Mister",
    "Mrs": "Misses",
    "Ms": "Miz",
    "Messrs": "Messieurs",
    "Dr": "Doctor",
    "Prof": "Professor",
    "Gen": "General",
    "Lt": "Lieutenant",
    "Col": "Colonel",
    "Maj": "Major",
    "Capt": "Captain",
    "Cpt": "Captain",
    "Cmdr": "Commander",
    "Adm": "Admiral",
    "Sgt": "Sergeant",
    "Cpl": "Corporal",
    "Pvt": "Private",
    "Brig": "Brigadier",
    "Gov": "Governor",
    "Sen": "Senator",
    "Rep": "Representative",
    "Reps": "Representatives",
    "Sens": "Senators",
    "Pres": "President",
    "Rev": "Reverend",
    "Fr": "Father",
    "Hon": "Honorable",
    "Supt": "Superintendent",
    "Insp": "Inspector",
    "Det": "Detective",
    "Amb": "Ambassador",
    "Atty": "Attorney",
    "Sec": "Secretary",
    "Msgr": "Monsignor",
    "Sr": "Sister",
    "St": "Saint",
    "Mt": "Mount",
    "Ft": "Fort",
    "Pt": "Point",
    "Lt.Gen": "Lieutenant General",
    "Gens": "Generals",
}
# Abbreviations before a number.
NUMBERED = {
    "No": "number",
    "no": "number",
    "Nos": "numbers",
    "nos": "numbers",
    "Vol": "volume",
    "vol": "volume",
    "p": "page",
    "pp": "pages",
    "Fig": "figure",
    "fig": "figure",
    "Art": "article",
    "Ch": "chapter",
    "ch": "chapter",
    "Sec": "section",
    "Para": "paragraph",
    "Ex": "exhibit",
    "Rt": "route",
    "Rte": "route",
    "Apt": "apartment",
    "Ste": "suite",
    "Bldg": "building",
    "#": "number",
    "№": "number",
    "Nr": "number",
}
# Abbreviations after a capitalized word (or a number) in an address.
STREETS = {
    "St": "Street",
    "Ave": "Avenue",
    "Av": "Avenue",
    "Blvd": "Boulevard",
    "Rd": "Road",
    "Hwy": "Highway",
    "hwy": "Highway",
    "Pkwy": "Parkway",
    "Ln": "Lane",
    "Dr": "Drive",
    "Ct": "Court",
    "Pl": "Place",
    "Sq": "Square",
    "Cres": "Crescent",
    "Tce": "Terrace",
    "Ter": "Terrace",
    "Expy": "Expressway",
    "Fwy": "Freeway",
    "Cir": "Circle",
    "Trl": "Trail",
    "Hts": "Heights",
    "Ctr": "Center",
    "Plz": "Plaza",
    "Aly": "Alley",
    "Xing": "Crossing",
    "Tpke": "Turnpike",
    "Jr": "Junior",
    "Sr": "Senior",
    "Bros": "Brothers",
}
_COMPASS = {
    "N": "North",
    "S": "South",
    "E": "East",
    "W": "West",
    "NE": "Northeast",
    "NW": "Northwest",
    "SE": "Southeast",
    "SW": "Southwest",
}
# AP-style state abbreviations, as used after a city or a party letter: "(D-Calif.)".
STATES = {
    "Ala": "Alabama",
    "Ariz": "Arizona",
    "Ark": "Arkansas",
    "Calif": "California",
    "Colo": "Colorado",
    "Conn": "Connecticut",
    "Del": "Delaware",
    "Fla": "Florida",
    "Ga": "Georgia",
    "Ill": "Illinois",
    "Ind": "Indiana",
    "Kan": "Kansas",
    "Ky": "Kentucky",
    "La": "Louisiana",
    "Md": "Maryland",
    "Mass": "Massachusetts",
    "Mich": "Michigan",
    "Minn": "Minnesota",
    "Miss": "Mississippi",
    "Mo": "Missouri",
    "Mont": "Montana",
    "Neb": "Nebraska",
    "Nev": "Nevada",
    "Okla": "Oklahoma",
    "Ore": "Oregon",
    "Pa": "Pennsylvania",
    "Tenn": "Tennessee",
    "Tex": "Texas",
    "Va": "Virginia",
    "Vt": "Vermont",
    "Wash": "Washington",
    "Wis": "Wisconsin",
    "Wyo": "Wyoming",
    "N.H": "New Hampshire",
    "N.J": "New Jersey",
    "N.M": "New Mexico",
    "N.Y": "New York",
    "N.C": "North Carolina",
    "N.D": "North Dakota",
    "R.I": "Rhode Island",
    "S.C": "South Carolina",
    "S.D": "South Dakota",
    "W.Va": "West Virginia",
}
POSTAL = {
    "AL": "Alabama",
    "AK": "Alaska",
    "AZ": "Arizona",
    "AR": "Arkansas",
    "CA": "California",
    "CO": "Colorado",
    "CT": "Connecticut",
    "DE": "Delaware",
    "FL": "Florida",
    "GA": "Georgia",
    "HI": "Hawaii",
    "ID": "Idaho",
    "IL": "Illinois",
    "IN": "Indiana",
    "IA": "Iowa",
    "KS": "Kansas",
    "KY": "Kentucky",
    "LA": "Louisiana",
    "ME": "Maine",
    "MD": "Maryland",
    "MA": "Massachusetts",
    "MI": "Michigan",
    "MN": "Minnesota",
    "MS": "Mississippi",
    "MO": "Missouri",
    "MT": "Montana",
    "NE": "Nebraska",
    "NV": "Nevada",
    "NH": "New Hampshire",
    "NJ": "New Jersey",
    "NM": "New Mexico",
    "NY": "New York",
    "NC": "North Carolina",
    "ND": "North Dakota",
    "OH": "Ohio",
    "OK": "Oklahoma",
    "OR": "Oregon",
    "PA": "Pennsylvania",
    "RI": "Rhode Island",
    "SC": "South Carolina",
    "SD": "South Dakota",
    "TN": "Tennessee",
    "TX": "Texas",
    "UT": "Utah",
    "VT": "Vermont",
    "VA": "Virginia",
    "WA": "Washington",
    "WV": "West Virginia",
    "WI": "Wisconsin",
    "WY": "Wyoming",
}
_PARTIES = {"D": "Democrat", "R": "Republican", "I": "Independent"}


def _alternation(words: Iterable[str]) -> str:
    """Regex alternation of the keys, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# British style drops the period after these; the others need it ("Gen Z" is not a general).
_BARE_TITLES = ("Mr", "Mrs", "Ms", "Dr", "St", "Mt")
_TITLE = re.compile(
    r"(?<![\w.])(?:(?P<abbr>" + _alternation(TITLES) + r")\.|(?P<bare>" + "|".join(_BARE_TITLES) + "))"
    r"(?= (?:[A-Z]|\d+(?:st|nd|rd|th)\b))"
)
_NUMBERED = re.compile(
    r"(?<![\w.])(?:(?P<abbr>" + _alternation(NUMBERED) + r")\. ?|(?P<bare>No|#|№|Apt|Ste|Bldg) ?)(?=\d)"
)
_NAME_AFTER = re.compile(r" [A-Z][a-z]")
_NOT_PLACE_WORDS = frozenset(
    [
        "In",
        "At",
        "On",
        "From",
        "To",
        "Near",
        "The",
        "A",
        "In",
        "Of",
        "By",
        "For",
        "And",
        "Or",
        "With",
        "Into",
        "Via",
        "Outside",
        "Inside",
    ]
)
_STREET = re.compile(r"(?<=[A-Za-z0-9] )(?P<abbr>" + _alternation(STREETS) + r")\b\.?(?![\w'’])")
_COMPASS_ADDRESS = re.compile(r"(?<=\d )(?P<dir>[NSEW]|[NS][EW])\.? (?=[A-Z0-9])")
# "Pennsylvania Ave NW": a compass quadrant after the street type.
_COMPASS_AFTER = re.compile(
    r"\b(?P<street>Street|Avenue|Road|Boulevard|Drive|Lane|Place|Court|Way|Parkway|Highway|Terrace)"
    r"(?P<comma>,?) (?P<dir>[NS][EW]|[NSEW])\b(?P<dot>\.?)"
)
_STATE_NAMES = frozenset(STATES.values()) | frozenset(POSTAL.values())
_PARTY = re.compile(
    r"\b(?P<party>[DRI])[-–](?P<state>" + _alternation(STATES) + "|" + _alternation(_STATE_NAMES) + r"|[A-Z]{2})\b\.?"
)
_CITY_STATE = re.compile(
    r"(?<=[a-z], )(?P<state>" + _alternation(STATES) + r")\.(?=[,)\s]|$)"
    r"|(?<=[a-z], )(?P<postal>[A-Z]{2})\b(?=[,.)]|\s\d{5}|$)"
)
_STREET_WORD = (
    r"(?:St|Ave|Av|Rd|Blvd|Hwy|hwy|Ln|Dr|Ct|Pl|Way|Street|Avenue|Road|Boulevard|Drive|Lane|Place"
    r"|Court|Highway|Parkway|Pkwy|Square|Terrace|Ter|Expy|Expressway|Fwy|Freeway|Cir|Circle|Trl|Trail"
    r"|Plz|Plaza|Tpke|Turnpike)\b"
)
# "52 Oak St." : a house number and a street name before the abbreviation make it a street.
_ADDRESS_BEFORE = re.compile(r"\b\d+[A-Za-z]? (?:[NSEW]\.? )?(?:(?:[A-Z][a-z]+|\d+(?:st|nd|rd|th)) ){1,3}$")
# Place-name abbreviations opening a street name after a house number: "4059 Mt Lee Dr", "12 St Marks Pl".
PLACE_PREFIXES = {"Mt": "Mount", "St": "Saint", "Ft": "Fort", "Pt": "Point"}
_ADDRESS_PREFIX = re.compile(
    r"(?<![\w.,$])(?P<head>\d{1,6}[A-Za-z]? (?:[NSEW]\.? |North |South |East |West )?)(?P<abbr>Mt|St|Ft|Pt)\.? "
    r"(?=(?:[A-Z][a-z]+ ){1,2}" + _STREET_WORD + ")"
)
_HOUSE_NUMBER = re.compile(
    r"(?<![\w.,$])(?P<num>[1-9]\d{2,3})"
    r"(?= (?:[NSEW]\.? |North |South |East |West )?(?:(?:[A-Z][a-z]+|\d+(?:st|nd|rd|th)) ){1,3}" + _STREET_WORD + ")"
)


def apply(text: str, lang: str = "en") -> str:
    """Spoken forms of abbreviated titles, numbered references, streets and states."""
    text = _COMPASS_ADDRESS.sub(lambda m: _COMPASS[m["dir"]] + " ", text)
    text = _ADDRESS_PREFIX.sub(lambda m: f"{m['head']}{PLACE_PREFIXES[m['abbr']]} ", text)
    # Street types are found while the house number is still written: it is what marks an address.
    text = _STREET.sub(lambda m: _street(m) if _is_street(m) else m.group(0), text)
    text = _HOUSE_NUMBER.sub(lambda m: house_number(m["num"], lang), text)
    text = _PARTY.sub(_party, text)
    text = _CITY_STATE.sub(_city_state, text)
    text = _NUMBERED.sub(lambda m: NUMBERED[m["abbr"] or m["bare"]] + " ", text)
    text = _COMPASS_AFTER.sub(lambda m: f"{m['street']}{m['comma']} {_COMPASS[m['dir']].lower()}{_end_dot(m)}", text)
    return _TITLE.sub(lambda m: TITLES[m["abbr"] or m["bare"]], text)


def _end_dot(match: re.Match[str]) -> str:
    """The full stop after an abbreviation when it also ends the sentence."""
    return "." if match["dot"] and ends_text(match) else ""


def house_number(written: str, lang: str = "en") -> str:
    """Street numbers are read in pairs: "1428" → "fourteen twenty-eight", "708" → "seven zero eight"."""
    head, tail = written[:-2], written[-2:]
    if tail == "00":
        return f"{cardinal(int(head), lang)} hundred"
    tail_words = cardinal(int(tail), lang) if tail[0] != "0" else f"zero {cardinal(int(tail[1]), lang)}"
    return f"{cardinal(int(head), lang)} {tail_words}"


def _street(match: re.Match[str]) -> str:
    """ "St." → "Street", keeping the full stop when the sentence ends there ("52 Oak St. The house")."""
    spoken = STREETS[match["abbr"]]
    ends = match.group(0).endswith(".") and (
        _NAME_AFTER.match(match.string, match.end()) or match.end() == len(match.string)
    )
    return spoken + "." if ends else keep_period(match, spoken)


def _is_street(match: re.Match[str]) -> bool:
    """ "Elm St." and "5th St" are streets; "in St. Louis" (a title, handled later) is not."""
    if _ADDRESS_BEFORE.search(match.string, max(0, match.start() - 60), match.start()):
        return True
    if match["abbr"] in ("St", "Dr") and _NAME_AFTER.match(match.string, match.end()):
        return False  # "Dr. Angela Moore", "St. Louis": a title before a name
    before = match.string[max(0, match.start() - 40) : match.start()].rstrip()
    previous = before.rsplit(None, 1)[-1] if before else ""
    if not previous or previous in _NOT_PLACE_WORDS or not previous[-1].isalnum():
        return False  # "in St. Louis", "said Smith. Dr. Jones"
    return previous[0].isupper() or previous[0].isdigit()


def _party(match: re.Match[str]) -> str:
    """ "D-Calif." → "Democrat of California"."""
    written = match["state"]
    state = STATES.get(written) or POSTAL.get(written) or (written if written in _STATE_NAMES else None)
    if not state:
        return match.group(0)
    return keep_period(match, f"{_PARTIES[match['party']]} of {state}")


def _city_state(match: re.Match[str]) -> str:
    """ "Austin, Tex." → "Austin, Texas"; "City, NY" → "City, New York"."""
    if match["state"]:
        return keep_period(match, STATES[match["state"]])
    return POSTAL.get(match["postal"], match.group(0))
