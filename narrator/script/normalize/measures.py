"""Measurements: a number and a unit ("3,200 km", "5.5 kg", "20°C", "7.2-mm")."""

from __future__ import annotations

import re

from .patterns import NUMBER, SCALE
from .numerics import quantity
from .words import cardinal, decimal

# Unit as written → (singular, plural). Case matters: "m" is metres, "M" is not a unit here.
UNITS = {
    "km": ("kilometer", "kilometers"), "m": ("meter", "meters"), "cm": ("centimeter", "centimeters"),
    "mm": ("millimeter", "millimeters"), "µm": ("micrometer", "micrometers"), "nm": ("nanometer", "nanometers"),
    "mi": ("mile", "miles"), "ft": ("foot", "feet"), "yd": ("yard", "yards"),
    "kg": ("kilogram", "kilograms"), "g": ("gram", "grams"), "mg": ("milligram", "milligrams"),
    "µg": ("microgram", "micrograms"), "lb": ("pound", "pounds"), "lbs": ("pound", "pounds"),
    "oz": ("ounce", "ounces"), "km/h": ("kilometer per hour", "kilometers per hour"), "kph": ("kilometer per hour", "kilometers per hour"),
    "mph": ("mile per hour", "miles per hour"), "m/s": ("meter per second", "meters per second"),
    "km²": ("square kilometer", "square kilometers"), "km2": ("square kilometer", "square kilometers"),
    "sq km": ("square kilometer", "square kilometers"), "m²": ("square meter", "square meters"),
    "m2": ("square meter", "square meters"), "sq ft": ("square foot", "square feet"), "ha": ("hectare", "hectares"),
    "m³": ("cubic meter", "cubic meters"), "m3": ("cubic meter", "cubic meters"), "km³": ("cubic kilometer", "cubic kilometers"),
    "cm³": ("cubic centimeter", "cubic centimeters"), "cc": ("cubic centimeter", "cubic centimeters"),
    "l": ("liter", "liters"), "L": ("liter", "liters"), "ml": ("milliliter", "milliliters"), "mL": ("milliliter", "milliliters"),
    "gal": ("gallon", "gallons"), "bbl": ("barrel", "barrels"),
    "°C": ("degree Celsius", "degrees Celsius"), "°F": ("degree Fahrenheit", "degrees Fahrenheit"),
    "ºC": ("degree Celsius", "degrees Celsius"), "ºF": ("degree Fahrenheit", "degrees Fahrenheit"),
    "°": ("degree", "degrees"),
    "W": ("watt", "watts"), "kW": ("kilowatt", "kilowatts"), "MW": ("megawatt", "megawatts"), "GW": ("gigawatt", "gigawatts"),
    "kWh": ("kilowatt hour", "kilowatt hours"), "MWh": ("megawatt hour", "megawatt hours"),
    "GWh": ("gigawatt hour", "gigawatt hours"), "TWh": ("terawatt hour", "terawatt hours"),
    "V": ("volt", "volts"), "kV": ("kilovolt", "kilovolts"), "mAh": ("milliamp hour", "milliamp hours"),
    "Hz": ("hertz", "hertz"), "kHz": ("kilohertz", "kilohertz"), "MHz": ("megahertz", "megahertz"), "GHz": ("gigahertz", "gigahertz"),
    "KB": ("kilobyte", "kilobytes"), "kB": ("kilobyte", "kilobytes"), "MB": ("megabyte", "megabytes"),
    "GB": ("gigabyte", "gigabytes"), "TB": ("terabyte", "terabytes"),
    "kbps": ("kilobit per second", "kilobits per second"), "mbps": ("megabit per second", "megabits per second"),
    "Mbps": ("megabit per second", "megabits per second"), "Gbps": ("gigabit per second", "gigabits per second"),
    "Mb/s": ("megabit per second", "megabits per second"),
    "ms": ("millisecond", "milliseconds"), "sec": ("second", "seconds"), "secs": ("second", "seconds"),
    "min": ("minute", "minutes"), "mins": ("minute", "minutes"), "hr": ("hour", "hours"), "hrs": ("hour", "hours"),
    "dB": ("decibel", "decibels"), "psi": ("pound per square inch", "pounds per square inch"),
    "kcal": ("kilocalorie", "kilocalories"), "cal": ("calorie", "calories"), "mmHg": ("millimeter of mercury", "millimeters of mercury"),
    "mg/dL": ("milligram per deciliter", "milligrams per deciliter"), "g/dL": ("gram per deciliter", "grams per deciliter"),
    "ppm": ("part per million", "parts per million"), "nmi": ("nautical mile", "nautical miles"), "kn": ("knot", "knots"),
    "mpg": ("mile per gallon", "miles per gallon"), "sqm": ("square meter", "square meters"),
}
_UNIT = "(?P<unit>" + "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True)) + ")"
_MEASURE = re.compile(
    r"(?<![\w.,])(?P<num>" + NUMBER + r")(?P<sep>\s?-\s?|\s?)(?:(?P<scale>" + SCALE + r")\s)?" + _UNIT + r"(?![\w/²³]|\.\w)"
)
# One-letter units that are too often something else when set apart from the number.
_GLUED_ONLY = frozenset({"V", "W", "L", "l"})


_PER_UNIT = re.compile(
    r"(?<![\w.,])(?P<num>" + NUMBER + r")\s?(?P<unit>" + "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
    + r")/(?P<per>" + "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True)) + r"|day|week|month|year|person)(?![\w/])"
)
_FEET_INCHES = re.compile(r"(?<![\w.,])(?P<ft>\d{1,2})['′’]\s?(?P<inch>\d{1,2})(?:\.\d+)?(?:[\"″”]|'')")


_INCHES = re.compile(r"(?<![\w.,])(?P<num>\d+(?:\.\d+)?)(?:\"|″)(?=[\s,.;:)]|$)")


def apply(text: str, lang: str = "en") -> str:
    """Spoken forms of the measurements in text."""
    text = _FEET_INCHES.sub(lambda m: _feet_inches(m, lang), text)
    if "″" in text or text.count('"') % 2:
        # An unpaired straight quote after a number is an inch mark ("a 12\" pizza").
        text = _INCHES.sub(lambda m: _inches(m, lang), text)
    if "/" in text:
        text = _PER_UNIT.sub(lambda m: _per_unit(m, lang), text)
    return _MEASURE.sub(lambda m: _measure(m, lang), text)


def _per_unit(match: re.Match[str], lang: str) -> str:
    """"2.5 mg/kg" → "two point five milligrams per kilogram"."""
    written = match["num"]
    amount = quantity(written, lang)
    singular, plural = UNITS[match["unit"]]
    per = UNITS[match["per"]][0] if match["per"] in UNITS else match["per"]
    return f"{amount} {singular if written == '1' else plural} per {per}"


def _inches(match: re.Match[str], lang: str) -> str:
    """"12\"" → "twelve inches"."""
    written = match["num"]
    spoken = decimal(written, lang) if "." in written else cardinal(int(written), lang)
    return f"{spoken} {'inch' if written == '1' else 'inches'}"


def _feet_inches(match: re.Match[str], lang: str) -> str:
    """"5'10\"" → "five feet ten inches"."""
    feet, inches = int(match["ft"]), int(match["inch"])
    return f"{cardinal(feet, lang)} {'foot' if feet == 1 else 'feet'} {cardinal(inches, lang)} {'inch' if inches == 1 else 'inches'}"


def _measure(match: re.Match[str], lang: str) -> str:
    """"3,200 km" → "three thousand two hundred kilometers"; "7.2-mm" → "seven point two millimeter"."""
    written, unit = match["num"], match["unit"]
    if unit in _GLUED_ONLY and match["sep"]:
        return match.group(0)  # "12V" is volts, "part 5 V" is not
    singular, plural = UNITS[unit]
    spoken = quantity(written, lang)
    if match["scale"]:
        spoken += " " + match["scale"]
    one = written.replace(",", "") in ("1",) and not match["scale"]
    name = singular if one or "-" in match["sep"] else plural
    return f"{spoken} {name}"
