"""Amounts of money: "$5.5 billion" → "five point five billion dollars", "€20", "UAH 100"."""

from __future__ import annotations

import re

from .patterns import NUMBER, SCALE, SCALE_SHORT, is_attributive, scale_word
from .words import cardinal, decimal

CurrencyNames = tuple[str, str, "str | None", "str | None"]
"""(singular, plural, minor singular, minor plural); no minor unit → None."""

# symbol or code → its names.
CURRENCIES: dict[str, CurrencyNames] = {
    "$": ("dollar", "dollars", "cent", "cents"),
    "USD": ("dollar", "dollars", "cent", "cents"),
    "US$": ("US dollar", "US dollars", "cent", "cents"),
    "C$": ("Canadian dollar", "Canadian dollars", "cent", "cents"),
    "CAD": ("Canadian dollar", "Canadian dollars", "cent", "cents"),
    "A$": ("Australian dollar", "Australian dollars", "cent", "cents"),
    "AUD": ("Australian dollar", "Australian dollars", "cent", "cents"),
    "HK$": ("Hong Kong dollar", "Hong Kong dollars", "cent", "cents"),
    "NZ$": ("New Zealand dollar", "New Zealand dollars", "cent", "cents"),
    "€": ("euro", "euros", "cent", "cents"),
    "EUR": ("euro", "euros", "cent", "cents"),
    "£": ("pound", "pounds", "penny", "pence"),
    "GBP": ("pound", "pounds", "penny", "pence"),
    "¥": ("yen", "yen", None, None),
    "JPY": ("yen", "yen", None, None),
    "CNY": ("yuan", "yuan", None, None),
    "RMB": ("yuan", "yuan", None, None),
    "₴": ("hryvnia", "hryvnias", "kopiyka", "kopiykas"),
    "UAH": ("hryvnia", "hryvnias", "kopiyka", "kopiykas"),
    "₽": ("ruble", "rubles", "kopek", "kopeks"),
    "RUB": ("ruble", "rubles", "kopek", "kopeks"),
    "₹": ("rupee", "rupees", "paisa", "paise"),
    "INR": ("rupee", "rupees", "paisa", "paise"),
    "Rs.": ("rupee", "rupees", "paisa", "paise"),
    "Rs": ("rupee", "rupees", "paisa", "paise"),
    "₩": ("won", "won", None, None),
    "KRW": ("won", "won", None, None),
    "₦": ("naira", "naira", "kobo", "kobo"),
    "NGN": ("naira", "naira", "kobo", "kobo"),
    "₺": ("lira", "liras", "kurus", "kurus"),
    "TRY": ("lira", "liras", "kurus", "kurus"),
    "₪": ("shekel", "shekels", "agora", "agorot"),
    "ILS": ("shekel", "shekels", "agora", "agorot"),
    "CHF": ("Swiss franc", "Swiss francs", "centime", "centimes"),
    "PLN": ("zloty", "zlotys", "grosz", "groszy"),
    "zł": ("zloty", "zlotys", "grosz", "groszy"),
    "SEK": ("Swedish krona", "Swedish kronor", "ore", "ore"),
    "NOK": ("Norwegian krone", "Norwegian kroner", "ore", "ore"),
    "DKK": ("Danish krone", "Danish kroner", "ore", "ore"),
    "MXN": ("peso", "pesos", "centavo", "centavos"),
    "BRL": ("real", "reais", "centavo", "centavos"),
    "R$": ("real", "reais", "centavo", "centavos"),
    "ZAR": ("rand", "rand", "cent", "cents"),
    "BTC": ("bitcoin", "bitcoins", None, None),
}
# "$20/mo" → "twenty dollars per month".
_PER = {
    "mo": "month",
    "month": "month",
    "yr": "year",
    "year": "year",
    "y": "year",
    "d": "day",
    "day": "day",
    "hr": "hour",
    "h": "hour",
    "hour": "hour",
    "wk": "week",
    "week": "week",
    "min": "minute",
    "night": "night",
    "kg": "kilogram",
    "lb": "pound",
    "oz": "ounce",
    "t": "tonne",
    "ton": "ton",
    "tonne": "tonne",
    "l": "liter",
    "gal": "gallon",
    "bbl": "barrel",
    "barrel": "barrel",
    "share": "share",
    "person": "person",
    "head": "head",
    "sq ft": "square foot",
    "sqft": "square foot",
    "m2": "square meter",
    "kWh": "kilowatt hour",
    "MWh": "megawatt hour",
    "unit": "unit",
    "dose": "dose",
    "ticket": "ticket",
}
_SYMBOLS = sorted((k for k in CURRENCIES if not k.isalpha() or len(k) < 3 or k in ("Rs", "zł")), key=len, reverse=True)
_CODES = sorted((k for k in CURRENCIES if k.isalpha() and len(k) == 3 and k != "Rs"), key=len, reverse=True)
_SYMBOL = "(?P<cur>" + "|".join(re.escape(s) for s in _SYMBOLS) + ")"
_CODE = "(?P<code>" + "|".join(_CODES) + r")\b"
_AMOUNT = (
    r"(?P<num>"
    + NUMBER
    + r")(?:\s?(?:-|–|to)\s?(?:"
    + _SYMBOL.replace("cur", "cur2")
    + r")?(?P<num2>"
    + NUMBER
    + r"))?"
    r"(?:[\s-]?(?P<scale>" + SCALE + r"s?\b|" + SCALE_SHORT + r"\b|(?i:k|m|bn|b|mn|tn)\b))?"
    r"(?:\s?/\s?(?P<per>" + "|".join(sorted(_PER, key=len, reverse=True)) + r")\b)?"
)
_BEFORE = re.compile(r"(?<![\w$])" + _SYMBOL + r"\s?" + _AMOUNT)
_CODE_BEFORE = re.compile(r"\b" + _CODE + r"\s?" + _AMOUNT.replace("cur2", "cur3"))
_CODE_AFTER = re.compile(r"(?<![\w.,])(?P<num>" + NUMBER + r")(?:\s(?P<scale>" + SCALE + r"))?\s?" + _CODE)
# "20 €", "5£": the symbol after the amount, as much of Europe writes it.
_SYMBOL_AFTER = re.compile(
    r"(?<![\w.,$€£¥])(?P<num>" + NUMBER + r")(?:\s(?P<scale>" + SCALE + r"))?\s?(?P<cur>[€£¥₴₽₹₩₦₺₪])(?![\w$€£])"
)


def apply(text: str, lang: str = "en") -> str:
    """Spoken forms of the amounts of money in text."""
    text = _BEFORE.sub(lambda m: _amount(m, m["cur"], lang), text)
    text = _CODE_BEFORE.sub(lambda m: _amount(m, m["code"], lang), text)
    text = _SYMBOL_AFTER.sub(lambda m: _amount(m, m["cur"], lang), text)
    return _CODE_AFTER.sub(lambda m: _amount(m, m["code"], lang), text)


def _amount(match: re.Match[str], currency: str, lang: str) -> str:
    """One amount: with a scale it is a decimal number, without one dollars and cents."""
    names = CURRENCIES[currency]
    if is_attributive(match):
        names = (names[0], names[0], names[2], names[3])  # "a one point two billion dollar budget"
    spoken = _spoken_amount(match, names, lang)
    per = match.groupdict().get("per")
    return f"{spoken} per {_PER[per]}" if per else spoken


def _spoken_amount(match: re.Match[str], names: CurrencyNames, lang: str) -> str:
    """The amount and currency words, without any "per" unit."""
    groups = match.groupdict()
    scale = scale_word(groups.get("scale"))
    first, second = groups["num"], groups.get("num2")
    if scale:
        numbers = f"{_plain(first, lang)} to {_plain(second, lang)}" if second else _plain(first, lang)
        return f"{numbers} {scale} {names[1]}"
    if second:
        # "$50.00-$100.00" repeats the unit; "$5-10" reads "five to ten dollars".
        has_cents = "." in first.strip("0.") or groups.get("cur2") or groups.get("cur3")
        head = _units(first, names, lang) if has_cents else _plain(first, lang)
        return f"{head} to {_units(second, names, lang)}"
    return _units(first, names, lang)


def _plain(written: str, lang: str) -> str:
    """A number read as a quantity."""
    if "." in written:
        return decimal(written, lang)
    return cardinal(int(written.replace(",", "")), lang)


def _units(written: str, names: CurrencyNames, lang: str) -> str:
    """ "21.75" → "twenty-one dollars and seventy-five cents"."""
    whole_text, _, fraction = written.replace(",", "").partition(".")
    whole = int(whole_text or 0)
    major = f"{cardinal(whole, lang)} {names[0] if whole == 1 else names[1]}"
    if not fraction.strip("0"):
        return major
    if names[2] is None or len(fraction.rstrip("0")) > 2:
        return f"{decimal(written, lang) if whole_text else decimal('.' + fraction, lang)} {names[1]}"
    cents = int(fraction[:2].ljust(2, "0"))
    minor = f"{cardinal(cents, lang)} {names[2] if cents == 1 else names[3]}"
    return f"{major} and {minor}" if whole else minor
