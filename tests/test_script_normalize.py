"""Normalization: the spoken form of one sentence."""

from __future__ import annotations

import time

import pytest
from timing import best_time

from narrator.script import load_lexicon, normalize

LEXICON = load_lexicon()

CASES = [
    # numbers
    ("There were 3 cats.", "There were three cats."),
    ("About 13,000 people came.", "About thirteen thousand people came."),
    ("It fell to -5 overnight.", "It fell to minus five overnight."),
    ("The rate is 2.75.", "The rate is two point seven five."),
    ("She came 1st and he came 22nd.", "She came first and he came twenty-second."),
    ("Code 90210 applies.", "Code nine zero two one zero applies."),
    # years and decades
    ("In 2024 things changed.", "In twenty twenty-four things changed."),
    ("The 1990s were calm.", "The nineteen nineties were calm."),
    ("Back in the '80s it was different.", "Back in the eighties it was different."),
    ("It was built in 1906.", "It was built in nineteen oh six."),
    # dates
    ("On Nov. 23 they met.", "On November twenty-third they met."),
    ("On November 23, 2024, they met.", "On November twenty-third, twenty twenty-four, they met."),
    ("Born 23 November 2024.", "Born the twenty-third of November twenty twenty-four."),
    ("Filed 2024-11-23.", "Filed November twenty-third, twenty twenty-four."),
    ("Filed 11/23/2024.", "Filed November twenty-third, twenty twenty-four."),
    ("Results for Q3 2024 are out.", "Results for the third quarter of twenty twenty-four are out."),
    # times
    ("It starts at 9:30 a.m. sharp.", "It starts at nine thirty A.M. sharp."),
    ("He left at 6 p.m.", "He left at six P.M."),
    ("Doors open at 7:05 pm.", "Doors open at seven oh five P.M."),
    # money
    ("It cost $5.5 billion.", "It cost five point five billion dollars."),
    ("A ticket is $21.75.", "A ticket is twenty-one dollars and seventy-five cents."),
    ("It costs €20.", "It costs twenty euros."),
    ("He paid £1.", "He paid one pound."),
    ("Aid of ¥30bn arrived.", "Aid of thirty billion yen arrived."),
    ("Ukraine spent ₴100 and UAH 2 million.", "Ukraine spent one hundred hryvnias and two million hryvnias."),
    ("The deal was worth 4 million USD.", "The deal was worth four million dollars."),
    ("It was 50 cents, or $0.50.", "It was fifty cents, or fifty cents."),
    ("The plan costs $20/mo.", "The plan costs twenty dollars per month."),
    # percentages, ranges, scores
    ("Support rose 12%.", "Support rose twelve percent."),
    ("About 70-85 million people voted.", "About seventy to eighty-five million people voted."),
    ("From 2020–2024 prices rose.", "From twenty twenty to twenty twenty-four prices rose."),
    ("It was a 5-4 vote.", "It was a five to four vote."),
    ("Turnout was 40-45%.", "Turnout was forty to forty-five percent."),
    # measures and fractions
    ("The road is 3,200 km long.", "The road is three thousand two hundred kilometers long."),
    ("It weighs 1 kg.", "It weighs one kilogram."),
    ("It was 20°C outside.", "It was twenty degrees Celsius outside."),
    ("Add 1/2 cup, then 2 1/4 cups.", "Add one half cup, then two and a quarter cups."),
    ("Only 3/4 of them came.", "Only three quarters of them came."),
    # Roman numerals
    ("King Charles III spoke.", "King Charles the third spoke."),
    ("After World War II ended.", "After World War two ended."),
    ("Read Part II first.", "Read Part two first."),
    ("Queen Elizabeth I ruled.", "Queen Elizabeth the first ruled."),
    ("Then I left.", "Then I left."),
    ("Sam and I agreed.", "Sam and I agreed."),
    # titles and places
    ("Gen. Smith spoke.", "General Smith spoke."),
    ("They flew to St. Louis.", "They flew to Saint Louis."),
    ("He lives at No. 10.", "He lives at number ten."),
    ("Dr. Jones met Mr. Brown and Mrs. Green.", "Doctor Jones met Mister Brown and Misses Green."),
    ("She lives on Elm St. now.", "She lives on Elm Street now."),
    ("Sen. Alex Padilla (D-Calif.) voted.", "Senator Alex Padilla (Democrat of California) voted."),
    # acronyms
    ("The FBI and the CIA agreed.", "The F.B.I. and the C.I.A. agreed."),
    ("NATO met NASA.", "Nato met Nasa."),
    ("The ZQX report was late.", "The Z.Q.X. report was late."),
    ("The FBI's report came.", "The F.B.I.'s report came."),
    ("COVID-19 spread fast.", "covid nineteen spread fast."),
    ("The U.S. economy grew.", "The U.S. economy grew."),
    ("The F-16 flew.", "The F-sixteen flew."),
    ("GET OUT and VOTE for your GREAT Governor!", "Get Out and Vote for your Great Governor!"),
    ("US FALLS", "U.S. Falls"),
    ("The NYAG asked.", "The N.Y.A.G. asked."),
    # more numbers in context
    ("It was -3°C and fell -$5.", "It was minus three degrees Celsius and fell minus five dollars."),
    ("Call +44 20 7946 0958.", "Call plus four four, two zero, seven nine four six, zero nine five eight."),
    ("On Tues., Nov. 5, they met.", "On Tuesday, November fifth, they met."),
    ("Filed 2020/01/05.", "Filed January fifth, twenty twenty."),
    ("Henry V met Louis XIV.", "Henry the fifth met Louis the fourteenth."),
    ("Plan B and Model X.", "Plan B and Model X."),
    ("Sen. Ted Cruz (R-Texas) spoke.", "Senator Ted Cruz (Republican of Texas) spoke."),
    ("He lives at 1600 Pennsylvania Ave. now.", "He lives at sixteen hundred Pennsylvania Avenue now."),
    ("He is 5'11\" tall.", "He is five feet eleven inches tall."),
    ("A dose of 2.5 mg/kg was given.", "A dose of two point five milligrams per kilogram was given."),
    ("Open 24/7 since 9/11.", "Open twenty-four seven since nine eleven."),
    ("The 2024-25 season starts.", "The twenty twenty-four to twenty-five season starts."),
    ("The temperature fell to −10°C.", "The temperature fell to minus ten degrees Celsius."),
    ("Vote on 11/5.", "Vote on November fifth."),
    ("Buy a 2×4 board and ½ cup.", "Buy a two by four board and one half cup."),
    ("It grew 1.5x to 1.5bn.", "It grew one point five times to one point five billion."),
    ("Chapter XIV is long; XIV is fourteen.", "Chapter fourteen is long; fourteen is fourteen."),
    ("See www.abc.co.uk now.", "See W.W.W. dot abc dot co dot U.K. now."),
    ("Council Approves $1.2 Billion Budget", "Council Approves one point two billion dollars Budget"),
    ("Council President Dr. Angela Moore spoke.", "Council President Doctor Angela Moore spoke."),
    ("Mulholland Dr. is long.", "Mulholland Drive is long."),
    ("Ticket 31/31/100 is valid.", "Ticket thirty-one slash thirty-one slash one hundred is valid."),
    ("It weighs 1234-123kg.", "It weighs one thousand two hundred thirty-four to one hundred twenty-three kilograms."),
    ("From 1990-91 it grew.", "From nineteen ninety to ninety-one it grew."),
    ("Go<br/>home.", "Go home."),
    # symbols and web
    ("Tom & Jerry.", "Tom and Jerry."),
    ("Visit example.com today.", "Visit example dot com today."),
    ("Write to news@example.org now.", "Write to news at example dot org now."),
    ("See https://www.example.com/news.", "See W.W.W. dot example dot com slash news."),
    ("Follow @narrator and #news.", "Follow at narrator and hashtag news."),
    ("Call +1 (555) 123-4567.", "Call plus one, five five five, one two three, four five six seven."),
    ("A fire — the third this year — broke out.", "A fire, the third this year, broke out."),
]


@pytest.mark.parametrize(("written", "spoken"), CASES)
def test_normalize(written: str, spoken: str) -> None:
    assert normalize(written, LEXICON) == spoken


@pytest.mark.parametrize(
    "sentence",
    [
        "Nothing here needs any change.",
        'She said, "Yes, we can."',
        "Is it true? Maybe; maybe not!",
        "",
    ],
)
def test_plain_sentence_unchanged(sentence: str) -> None:
    assert normalize(sentence, LEXICON) == sentence


def test_keeps_sentence_punctuation() -> None:
    spoken = normalize("Did the FBI pay $5, or $6?", LEXICON)
    assert spoken.endswith("?") and "," in spoken


def test_no_digits_or_symbols_left() -> None:
    spoken = normalize("On 3/4/2024 at 9:30 a.m., 45% of the $2.5bn (≈€2.3bn) went to #1 & #2.", LEXICON)
    assert not any(ch.isdigit() for ch in spoken)
    assert not set("$€%&#≈") & set(spoken)


def test_default_lexicon_when_none() -> None:
    assert normalize("The FBI came.") == "The F.B.I. came."


def test_mixed_scripts_keep_their_words() -> None:
    spoken = normalize("Київ 😀 said שלום and مرحبا \u202e in 2024.", LEXICON)
    assert spoken == "Київ said שלום and مرحبا in twenty twenty-four."


def test_other_language_keeps_rules_neutral() -> None:
    assert normalize("Es kostet 5 Euro.", language="de") == "Es kostet fünf Euro."


HOSTILE = [
    "a" * 20_000,
    "word " * 4_000,
    "1" * 20_000,
    "1," * 10_000,
    "1." * 10_000,
    "A." * 10_000,
    "ABC " * 5_000,
    "$" * 20_000,
    "-1" * 10_000,
    "\x00\x01\x02\u202e\u200f" * 4_000,
    "😀👍🏽" * 5_000,
    "مرحبا بالعالم שלום " * 1_000,
    "Москва 2024 東京 " * 1_300,
    "x@" * 10_000,
    "www." * 5_000,
    "(" * 10_000 + ")" * 10_000,
    "'" * 20_000,
    "Mr. " * 5_000,
    "1-" * 10_000,
    "1/" * 10_000,
    "12:" * 7_000,
    ".[citation needed]" * 1_000,
    "war.³ " * 4_000,
    "1 Mt " * 5_000,
]


@pytest.mark.parametrize("text", HOSTILE, ids=lambda t: repr(t[:6]))
def test_long_hostile_input_is_fast(text: str) -> None:
    start = time.perf_counter()
    spoken = normalize(text, LEXICON)
    assert time.perf_counter() - start < 2.0
    assert isinstance(spoken, str)
    assert not any(ord(ch) < 32 for ch in spoken)


def test_time_grows_linearly() -> None:
    unit = "On Nov. 23 the FBI paid $5.5 billion, 12% of 3,200 km at 9:30 a.m. in St. Louis (see example.com). "
    small, large = unit * 20, unit * 200
    small_time = best_time(lambda: normalize(small, LEXICON))
    large_time = best_time(lambda: normalize(large, LEXICON))
    assert large_time < max(small_time, 0.005) * 40


def test_lowercase_addresses_with_any_ending_and_digit_codes() -> None:
    assert normalize("See ourdailynews.abc today.") == "See ourdailynews dot abc today."
    assert normalize("It is ending in 8876.") == "It is ending in eight eight seven six."
    assert normalize("Use e.g. this at 9 a.m.") == "Use for example this at nine A.M."


# Issue 17: every listed mistake, as the listener should hear it.
ISSUE_17 = [
    ("Call 555-0100 for details.", "Call five five five, zero one zero zero for details."),
    ("Pages from 300-1200 were lost.", "Pages from three hundred to twelve hundred were lost."),
    ("Dial 911 now.", "Dial nine one one now."),
    ("He drives a Porsche 911.", "He drives a Porsche nine eleven."),
    ("It was a 50/50 chance.", "It was a fifty-fifty chance."),
    ("The vote split 60/40.", "The vote split sixty forty."),
    ("The odds were 3:1 against.", "The odds were three to one against."),
    ("The Boeing 737 MAX was grounded.", "The Boeing seven thirty-seven Max was grounded."),
    ("It costs 50p.", "It costs fifty pence."),
    ("The TV shows 1080p.", "The T.V. shows ten eighty p."),
    ("It was 40C outside.", "It was forty degrees Celsius outside."),
    ("Take seat 14C.", "Take seat fourteen-C."),
    ("The LED lamp broke.", "The L.E.D. lamp broke."),
    ("The state passed a $1.2 billion budget.", "The state passed a one point two billion dollar budget."),
    ("The state spent $1.2 billion.", "The state spent one point two billion dollars."),
    ("He lives at 52 Oak St. The house is old.", "He lives at fifty-two Oak Street. The house is old."),
    ("He lives at 52 Oak St.", "He lives at fifty-two Oak Street."),
    ("They met in St. Louis.", "They met in Saint Louis."),
    ("Send it to 4512 Lakeview Blvd, Austin.", "Send it to forty-five twelve Lakeview Boulevard, Austin."),
    (
        "Take the Cross Bronx Expy to 12 Elm Ct and the Garden State Pkwy.",
        "Take the Cross Bronx Expressway to twelve Elm Court and the Garden State Parkway.",
    ),
    ("Write to 1600 Pennsylvania Ave NW.", "Write to sixteen hundred Pennsylvania Avenue northwest."),
    ("He ran 5KM and took 20MG of aspirin.", "He ran five kilometers and took twenty milligrams of aspirin."),
    ("The dose is 3 mg/kg.", "The dose is three milligrams per kilogram."),
    ("The heart rate was 60/min.", "The heart rate was sixty per minute."),
    ("It happened on 3 march 2015.", "It happened on the third of March twenty fifteen."),
    ("You may 5 times.", "You may five times."),
    ("Music of the 1970 s was loud.", "Music of the nineteen seventies was loud."),
    ("It began at 08:15:30 a.m. p.s.t today.", "It began at eight fifteen and thirty seconds A.M. P.S.T. today."),
    (
        "The B52 and the X5s flew; serial 14b07C failed.",
        "The B-fifty-two and the X-five-s flew; serial fourteen-b-zero seven-C failed.",
    ),
    ("Shares rose 2.5x.", "Shares rose two point five times."),
    ("The board is 2 3/4 in thick.", "The board is two and three quarters inches thick."),
    ("Add 3/8 cup of milk.", "Add three eighths cup of milk."),
    ("The meeting runs 10:00-11:00.", "The meeting runs ten o'clock to eleven o'clock."),
    ("Call (212) 555-0147 ext 12.", "Call two one two, five five five, zero one four seven, extension one two."),
    ("The 1998/99 season.", "The nineteen ninety-eight to ninety-nine season."),
    ("1.5M users signed up.", "one point five million users signed up."),
    ("The prefix is 978-0.", "The prefix is nine hundred seventy-eight, zero."),
]


@pytest.mark.parametrize(("written", "spoken"), ISSUE_17)
def test_issue_17_kinds(written: str, spoken: str) -> None:
    assert normalize(written, LEXICON) == spoken


def test_a_20000_character_sentence_still_reads() -> None:
    unit = "On Jan. 5 the 737 MAX flew 3,200 km at 10:30 a.m. for $1.2 billion, 555-0100, 3:1 and 50/50; "
    text = (unit * (20_000 // len(unit) + 1))[:20_000]
    spoken = normalize(text, LEXICON)
    assert not any(ch.isdigit() for ch in spoken)
    assert spoken.startswith("On January fifth the seven thirty-seven Max flew three thousand two hundred kilometers")
    assert spoken.count("five five five, zero one zero zero") == text.count("555-0100")


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("It costs 20 €.", "It costs twenty euros."),
        ("The XXI century began.", "The twenty-first century began."),
        ("He is 5 ft 4 in.", "He is five feet four inches."),
        ("It is 5 in. tall and has a 6 in screen.", "It is five inches tall and has a six inch screen."),
        ("Put 5 in the box.", "Put five in the box."),
        ("Add 2 tbsp of oil to 3 sq. km of land.", "Add two tablespoons of oil to three square kilometers of land."),
        ("He ran a 5 km race.", "He ran a five kilometer race."),
    ],
)
def test_units_written_in_words_and_symbols_after_amounts(written: str, spoken: str) -> None:
    assert normalize(written, LEXICON) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        (
            "Install v2.0 or version 3.1.4 today.",
            "Install version two point zero or version three point one point four today.",
        ),
        ("Order part no. 45-6789.", "Order part number four five, six seven eight nine."),
        ("Call 0800 123 456 now.", "Call zero eight zero zero, one two three, four five six now."),
        ("Call +44 (0)20 7946 0958.", "Call plus four four, two zero, seven nine four six, zero nine five eight."),
        ("The XJ-220 is fast.", "The X-J-two twenty is fast."),
    ],
)
def test_codes_versions_and_phones_by_context(written: str, spoken: str) -> None:
    assert normalize(written, LEXICON) == spoken


@pytest.mark.parametrize(
    ("text", "token", "kind"),
    [
        ("Call 555-0100 today", "555-0100", "phone"),
        ("pages from 300-1200", "300-1200", "other"),
        ("Dial 911", "911", "service"),
        ("call 311 for help", "311", "service"),
        ("a Porsche 911", "911", "model"),
        ("room 311 is free", "311", "other"),
        ("odds of 3:1", "3:1", "ratio"),
        ("a 50/50 chance", "50/50", "split"),
        ("add 3/4 cup", "3/4", "other"),
        ("the 737 MAX", "737", "model"),
        ("a Boeing 747 landed", "747", "model"),
        ("737 people came", "737", "other"),
        ("part number 45-6789", "45-6789", "code"),
        ("runs v2.0 now", "v2.0", "version"),
        ("call 0800 123 456", "0800 123 456", "phone"),
        ("about 12000 people", "12000", "quantity"),
        ("He won 12000 votes", "12000", "quantity"),
        ("the zip code is 90210", "90210", "other"),
    ],
)
def test_number_tokens_are_classed_by_context(text: str, token: str, kind: str) -> None:
    from narrator.script.normalize.context import _TOKEN, classify

    match = next(m for m in _TOKEN.finditer(text) if m.group(0) == token)
    assert classify(match).value == kind


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        # Place abbreviations opening a street name after a house number, written without a full stop.
        ("Mail it to 2210 Mt Vernon Ave today.", "Mail it to twenty-two ten Mount Vernon Avenue today."),
        ("The shop is at 315 St Johns Rd.", "The shop is at three fifteen Saint Johns Road."),
        ("Their office, 1450 Ft Myers Blvd, opened.", "Their office, fourteen fifty Fort Myers Boulevard, opened."),
        ("Park at 618 Pt Reyes Dr Ste 4.", "Park at six eighteen Point Reyes Drive suite four."),
        ("It is 980 Elm St Apt 3.", "It is nine eighty Elm Street apartment three."),
        ("They hiked Mt Hood in May.", "They hiked Mount Hood in May."),
        # Reference markers are never read.
        ("Turnout hit 71%.[8]", "Turnout hit seventy-one percent."),
        ("The vote was close.[citation needed]", "The vote was close."),
    ],
)
def test_evaluation_kinds(written: str, spoken: str) -> None:
    assert normalize(written, LEXICON) == spoken
