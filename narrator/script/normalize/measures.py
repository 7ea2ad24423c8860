"""Measurements: a number and a unit ("3,200 km", "5.5 kg", "20°C", "7.2-mm")."""

from __future__ import annotations

import re

from .abbreviations import house_number
from .numerics import fraction, mixed_fraction, quantity
from .patterns import NUMBER, SCALE, is_attributive, keep_period
from .words import cardinal, decimal

# Unit as written → (singular, plural). Case matters: "m" is metres, "M" is not a unit here.
UNITS = {
    "km": ("kilometer", "kilometers"),
    "m": ("meter", "meters"),
    "cm": ("centimeter", "centimeters"),
    "mm": ("millimeter", "millimeters"),
    "µm": ("micrometer", "micrometers"),
    "nm": ("nanometer", "nanometers"),
    "mi": ("mile", "miles"),
    "ft": ("foot", "feet"),
    "yd": ("yard", "yards"),
    "kg": ("kilogram", "kilograms"),
    "g": ("gram", "grams"),
    "mg": ("milligram", "milligrams"),
    "µg": ("microgram", "micrograms"),
    "lb": ("pound", "pounds"),
    "lbs": ("pound", "pounds"),
    "oz": ("ounce", "ounces"),
    "km/h": ("kilometer per hour", "kilometers per hour"),
    "kph": ("kilometer per hour", "kilometers per hour"),
    "mph": ("mile per hour", "miles per hour"),
    "m/s": ("meter per second", "meters per second"),
    "km²": ("square kilometer", "square kilometers"),
    "km2": ("square kilometer", "square kilometers"),
    "sq km": ("square kilometer", "square kilometers"),
    "m²": ("square meter", "square meters"),
    "m2": ("square meter", "square meters"),
    "sq ft": ("square foot", "square feet"),
    "ha": ("hectare", "hectares"),
    "m³": ("cubic meter", "cubic meters"),
    "m3": ("cubic meter", "cubic meters"),
    "km³": ("cubic kilometer", "cubic kilometers"),
    "cm³": ("cubic centimeter", "cubic centimeters"),
    "cc": ("cubic centimeter", "cubic centimeters"),
    "l": ("liter", "liters"),
    "L": ("liter", "liters"),
    "ml": ("milliliter", "milliliters"),
    "mL": ("milliliter", "milliliters"),
    "gal": ("gallon", "gallons"),
    "bbl": ("barrel", "barrels"),
    "°C": ("degree Celsius", "degrees Celsius"),
    "°F": ("degree Fahrenheit", "degrees Fahrenheit"),
    "ºC": ("degree Celsius", "degrees Celsius"),
    "ºF": ("degree Fahrenheit", "degrees Fahrenheit"),
    "°": ("degree", "degrees"),
    "W": ("watt", "watts"),
    "kW": ("kilowatt", "kilowatts"),
    "MW": ("megawatt", "megawatts"),
    "GW": ("gigawatt", "gigawatts"),
    "kWh": ("kilowatt hour", "kilowatt hours"),
    "MWh": ("megawatt hour", "megawatt hours"),
    "GWh": ("gigawatt hour", "gigawatt hours"),
    "TWh": ("terawatt hour", "terawatt hours"),
    "V": ("volt", "volts"),
    "kV": ("kilovolt", "kilovolts"),
    "mAh": ("milliamp hour", "milliamp hours"),
    "Hz": ("hertz", "hertz"),
    "kHz": ("kilohertz", "kilohertz"),
    "MHz": ("megahertz", "megahertz"),
    "GHz": ("gigahertz", "gigahertz"),
    "KB": ("kilobyte", "kilobytes"),
    "kB": ("kilobyte", "kilobytes"),
    "MB": ("megabyte", "megabytes"),
    "GB": ("gigabyte", "gigabytes"),
    "TB": ("terabyte", "terabytes"),
    "kbps": ("kilobit per second", "kilobits per second"),
    "mbps": ("megabit per second", "megabits per second"),
    "Mbps": ("megabit per second", "megabits per second"),
    "Gbps": ("gigabit per second", "gigabits per second"),
    "Mb/s": ("megabit per second", "megabits per second"),
    "ms": ("millisecond", "milliseconds"),
    "sec": ("second", "seconds"),
    "secs": ("second", "seconds"),
    "min": ("minute", "minutes"),
    "mins": ("minute", "minutes"),
    "hr": ("hour", "hours"),
    "hrs": ("hour", "hours"),
    "dB": ("decibel", "decibels"),
    "psi": ("pound per square inch", "pounds per square inch"),
    "kcal": ("kilocalorie", "kilocalories"),
    "cal": ("calorie", "calories"),
    "mmHg": ("millimeter of mercury", "millimeters of mercury"),
    "mg/dL": ("milligram per deciliter", "milligrams per deciliter"),
    "g/dL": ("gram per deciliter", "grams per deciliter"),
    "ppm": ("part per million", "parts per million"),
    "nmi": ("nautical mile", "nautical miles"),
    "kn": ("knot", "knots"),
    "mpg": ("mile per gallon", "miles per gallon"),
    "sqm": ("square meter", "square meters"),
    "mA": ("milliamp", "milliamps"),
    "µs": ("microsecond", "microseconds"),
    "ns": ("nanosecond", "nanoseconds"),
    "kPa": ("kilopascal", "kilopascals"),
    "MPa": ("megapascal", "megapascals"),
    "hPa": ("hectopascal", "hectopascals"),
    "Nm": ("newton meter", "newton meters"),
    "rpm": ("revolution per minute", "revolutions per minute"),
    "fps": ("frame per second", "frames per second"),
    "kJ": ("kilojoule", "kilojoules"),
    "hp": ("horsepower", "horsepower"),
    "bhp": ("brake horsepower", "brake horsepower"),
    "mmol": ("millimole", "millimoles"),
    "dL": ("deciliter", "deciliters"),
    "µL": ("microliter", "microliters"),
    "ft²": ("square foot", "square feet"),
    "mi²": ("square mile", "square miles"),
    "sq mi": ("square mile", "square miles"),
    "Ah": ("amp hour", "amp hours"),
    "Wh": ("watt hour", "watt hours"),
    "t": ("tonne", "tonnes"),
    "mcg": ("microgram", "micrograms"),
    "mW": ("milliwatt", "milliwatts"),
    "kgs": ("kilogram", "kilograms"),
    "kmh": ("kilometer per hour", "kilometers per hour"),
    "km/hr": ("kilometer per hour", "kilometers per hour"),
    "tbsp": ("tablespoon", "tablespoons"),
    "tsp": ("teaspoon", "teaspoons"),
    "sq m": ("square meter", "square meters"),
    "sq. km": ("square kilometer", "square kilometers"),
    "sq. ft": ("square foot", "square feet"),
    "sq. m": ("square meter", "square meters"),
    "sq. mi": ("square mile", "square miles"),
    "cu ft": ("cubic foot", "cubic feet"),
    "cu. ft": ("cubic foot", "cubic feet"),
    "fl oz": ("fluid ounce", "fluid ounces"),
    "IU": ("international unit", "international units"),
}
_UNIT = "(?P<unit>" + "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True)) + ")"
_MEASURE = re.compile(
    r"(?<![\w.,])(?P<num>"
    + NUMBER
    + r")(?P<sep>\s?-\s?|\s?)(?:(?P<scale>"
    + SCALE
    + r")\s)?"
    + _UNIT
    + r"(?![\w/²³]|\.\w)"
)
# One-letter units that are too often something else when set apart from the number.
_GLUED_ONLY = frozenset({"V", "W", "L", "l"})


_PER_UNIT = re.compile(
    r"(?<![\w.,])(?P<num>"
    + NUMBER
    + r")\s?(?P<unit>"
    + "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
    + r")/(?P<per>"
    + "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
    + r"|day|week|month|year|person)(?![\w/])"
)
_FEET_INCHES = re.compile(r"(?<![\w.,])(?P<ft>\d{1,2})['′’]\s?(?P<inch>\d{1,2})(?:\.\d+)?(?:[\"″”]|'')")
_FT_IN = re.compile(
    r"(?<![\w.,])(?P<ft>\d{1,3}) ?(?:ft|feet|foot)\.? (?P<inch>\d{1,2}(?:\.\d+)?) ?in\b\.?(?= |$|[,;:)])"
)
# "5 in. tall", "a 6 in screen": inches written "in" only where a size word or the end follows.
_IN = re.compile(
    r"(?<![\w.,])(?P<num>" + NUMBER + r") in\b(?P<dot>\.?)(?= (?:thick|long|wide|tall|high|deep|across|diameter"
    r"|screen|display|blade|pipe|wheels?|tires?|x|by)\b|[,;:)]|$)"
)
_INCHES = re.compile(r"(?<![\w.,])(?P<num>\d+(?:\.\d+)?)(?:\"|″)(?=[\s,.;:)]|$)")


def _caseless_units() -> dict[str, str]:
    """Units by their lowercase form, where every unit written that way means the same ("KM", "MG")."""
    by_lower: dict[str, set[tuple[str, str]]] = {}
    for unit, names in UNITS.items():
        by_lower.setdefault(unit.lower(), set()).add(names)
    return {
        lower: next(u for u in UNITS if u.lower() == lower)
        for lower, names in by_lower.items()
        if len(names) == 1 and len(lower) >= 2 and lower not in ("mm", "mi", "ms", "cal", "kn")
    }


_CASELESS = _caseless_units()
# "5KM", "20MG", "10 ML": units in capitals, which headlines and product pages use.
_CAPS_UNIT = re.compile(r"(?<![\w.,])(?P<num>" + NUMBER + r") ?(?P<unit>[A-Z][A-Z0-9]{1,3})(?![\w/])")
# "40C", "-5°F": a temperature glued to its number; "Seat 14C" and "Gate 40C" are places.
_TEMPERATURE = re.compile(r"(?<![\w.,])(?P<num>" + NUMBER + r")(?P<scale>C|F)(?![\w'’-])")
_PLACE_BEFORE = re.compile(
    r"(?i:\b(?:seat|row|gate|room|rm|apt|apartment|suite|unit|platform|terminal|bus|flat|floor"
    r"|level|section|block|lot|box|form|grade|class|size|vitamin|pier|dock|bay|stand|court)\.?\s+)$"
)
# "50p" is pence; "1080p" a video resolution.
_PENCE = re.compile(r"(?<![\w.,£$])(?P<num>\d{1,4})p\b(?![\w'’-])")
# "60/min", "3/day": an amount per unit of time or of something, with no unit before the slash.
_PER = {
    "min": "minute",
    "minute": "minute",
    "h": "hour",
    "hr": "hour",
    "hour": "hour",
    "s": "second",
    "sec": "second",
    "d": "day",
    "day": "day",
    "wk": "week",
    "week": "week",
    "mo": "month",
    "month": "month",
    "yr": "year",
    "year": "year",
    "km": "kilometer",
    "mi": "mile",
    "kg": "kilogram",
    "lb": "pound",
    "person": "person",
    "capita": "capita",
    "head": "head",
    "game": "game",
    "match": "match",
    "night": "night",
    "dose": "dose",
}
_BARE_PER = re.compile(
    r"(?<![\w.,/])(?P<num>"
    + NUMBER
    + r") ?/ ?(?P<per>"
    + "|".join(sorted(_PER, key=len, reverse=True))
    + r")\b(?![/\w])"
)
# "2 3/4 in", "1/2 cup": a fraction followed by its unit.
_FRACTION_UNITS = {
    "in": ("inch", "inches"),
    "inch": ("inch", "inches"),
    "inches": ("inch", "inches"),
    "cup": ("cup", "cups"),
    "cups": ("cup", "cups"),
    "tsp": ("teaspoon", "teaspoons"),
    "tbsp": ("tablespoon", "tablespoons"),
    "mile": ("mile", "miles"),
    "miles": ("mile", "miles"),
}
_FRACTION_UNIT = re.compile(
    r"(?<![\w.,/])(?:(?P<whole>\d+) )?(?P<n>\d+)/(?P<d>\d+) ?(?P<unit>"
    + "|".join(re.escape(u) for u in sorted({**UNITS, **_FRACTION_UNITS}, key=len, reverse=True))
    + r")(?![\w/²³])(?P<dot>\.(?= [a-z]))?"
)


def apply_fractions(text: str, lang: str = "en") -> str:
    """ "2 3/4 in" → "two and three quarters inches" (before the plain fraction rule reads it)."""
    return _FRACTION_UNIT.sub(lambda m: _fraction_measure(m, lang), text) if "/" in text else text


def _fraction_measure(match: re.Match[str], lang: str) -> str:
    """A fraction and its unit; "in" only counts as inches where a word like "thick" or the end follows."""
    unit = match["unit"]
    names = _FRACTION_UNITS.get(unit) or UNITS[unit]
    if unit == "in" and not _INCH_CONTEXT.match(match.string, match.end()):
        return match.group(0)
    numerator, denominator = int(match["n"]), int(match["d"])
    if match["whole"]:
        spoken = mixed_fraction(int(match["whole"]), numerator, denominator, lang)
        return f"{spoken} {names[1]}"
    return f"{fraction(numerator, denominator, lang)} {names[0] if numerator <= denominator else names[1]}"


_INCH_CONTEXT = re.compile(r"\.?(?:$|[,;:)]| (?:thick|long|wide|tall|high|deep|across|in diameter|diameter|x|by)\b)")


def apply(text: str, lang: str = "en") -> str:
    """Spoken forms of the measurements in text."""
    text = _FEET_INCHES.sub(lambda m: _feet_inches(m, lang), text)
    text = _FT_IN.sub(lambda m: keep_period(m, _feet_inches(m, lang)), text)
    text = _IN.sub(lambda m: keep_period(m, _inches(m, lang)), text)
    text = _TEMPERATURE.sub(lambda m: _temperature(m, lang), text)
    text = _PENCE.sub(lambda m: _pence(m, lang), text)
    text = _CAPS_UNIT.sub(lambda m: _caps_unit(m, lang), text)
    if "″" in text or text.count('"') % 2:
        # An unpaired straight quote after a number is an inch mark ("a 12\" pizza").
        text = _INCHES.sub(lambda m: _inches(m, lang), text)
    if "/" in text:
        text = _PER_UNIT.sub(lambda m: _per_unit(m, lang), text)
        text = _BARE_PER.sub(lambda m: f"{quantity(m['num'], lang)} per {_PER[m['per']]}", text)
    return _MEASURE.sub(lambda m: _measure(m, lang), text)


def _per_unit(match: re.Match[str], lang: str) -> str:
    """ "2.5 mg/kg" → "two point five milligrams per kilogram"."""
    written = match["num"]
    amount = quantity(written, lang)
    singular, plural = UNITS[match["unit"]]
    per = UNITS[match["per"]][0] if match["per"] in UNITS else match["per"]
    return f"{amount} {singular if written == '1' else plural} per {per}"


def _inches(match: re.Match[str], lang: str) -> str:
    """ "12\"" → "twelve inches"."""
    written = match["num"]
    spoken = decimal(written, lang) if "." in written else cardinal(int(written), lang)
    return f"{spoken} {'inch' if written == '1' or is_attributive(match) else 'inches'}"


def _feet_inches(match: re.Match[str], lang: str) -> str:
    """ "5'10\"" → "five feet ten inches"."""
    feet, inches = int(match["ft"]), int(match["inch"])
    feet_words = f"{cardinal(feet, lang)} {'foot' if feet == 1 else 'feet'}"
    return f"{feet_words} {cardinal(inches, lang)} {'inch' if inches == 1 else 'inches'}"


def _measure(match: re.Match[str], lang: str) -> str:
    """ "3,200 km" → "three thousand two hundred kilometers"; "7.2-mm" → "seven point two millimeter"."""
    written, unit = match["num"], match["unit"]
    if unit in _GLUED_ONLY and match["sep"]:
        return match.group(0)  # "12V" is volts, "part 5 V" is not
    singular, plural = UNITS[unit]
    spoken = quantity(written, lang)
    if match["scale"]:
        spoken += " " + match["scale"]
    one = written.replace(",", "") in ("1",) and not match["scale"]
    name = singular if one or "-" in match["sep"] or is_attributive(match) else plural
    return f"{spoken} {name}"


def _temperature(match: re.Match[str], lang: str) -> str:
    """ "40C" → "forty degrees Celsius", unless a seat, gate or room number."""
    if _PLACE_BEFORE.search(match.string, max(0, match.start() - 12), match.start()):
        return match.group(0)
    names = UNITS["°C" if match["scale"] == "C" else "°F"]
    return f"{quantity(match['num'], lang)} {names[0] if match['num'] == '1' else names[1]}"


def _pence(match: re.Match[str], lang: str) -> str:
    """ "50p" → "fifty pence", "1p" → "one penny", "1080p" → "ten eighty p"."""
    written = match["num"]
    if len(written) >= 3:
        return f"{house_number(written, lang)} p"
    return f"{cardinal(int(written), lang)} {'penny' if written == '1' else 'pence'}"


def _caps_unit(match: re.Match[str], lang: str) -> str:
    """ "5KM" → "five kilometers"; capitals that are no unit ("737 MAX") are left alone."""
    unit = _CASELESS.get(match["unit"].lower())
    if unit is None or match["unit"] in UNITS:
        return match.group(0)  # not a unit, or a unit rightly in capitals ("5 GB") read below
    singular, plural = UNITS[unit]
    return f"{quantity(match['num'], lang)} {singular if match['num'] == '1' else plural}"
