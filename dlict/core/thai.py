"""Thai calendar conventions: Buddhist Era dates, Thai numerals, fiscal and academic years, sorting.

Dates are stored as ISO dates and only turned into B.E. at the edges (templates, forms, documents).
"""

import re
from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

BE_OFFSET = 543

MONTHS_TH = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)  # fmt: skip
MONTHS_TH_SHORT = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)  # fmt: skip
MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

_TO_THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
_FROM_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")

# The academic year starts on 16 May (term 1, to October; term 2 from November to March) and is
# named by the B.E. year it starts in.
ACADEMIC_YEAR_START = (5, 16)
TERM_2_START = (11, 1)


def be_year(ce_year: int) -> int:
    return ce_year + BE_OFFSET


def ce_year(be: int) -> int:
    return be - BE_OFFSET


class Digits(models.TextChoices):
    """The digits an office prints its documents with. Thai official documents use Thai
    numerals; some offices prefer Arabic digits."""

    THAI = "thai", _("Thai numerals (๐–๙)")
    ARABIC = "arabic", _("Arabic digits (0–9)")


def thai_digits(value: object) -> str:
    """Write every Arabic digit of ``value`` as a Thai numeral (๐–๙)."""
    return str(value).translate(_TO_THAI_DIGITS)


def arabic_digits(value: str) -> str:
    """Write every Thai numeral of ``value`` as an Arabic digit."""
    return value.translate(_FROM_THAI_DIGITS)


def format_date_short(value: date, *, language: str = "th") -> str:
    """``24 พ.ย. 2569`` (English: ``24 Nov 2569``): the year is always B.E."""
    month = MONTHS_TH_SHORT if language == "th" else [m[:3] for m in MONTHS_EN]
    return f"{value.day} {month[value.month - 1]} {be_year(value.year)}"


def format_date_long(value: date, *, language: str = "th") -> str:
    """``24 พฤศจิกายน พ.ศ. 2569`` (English: ``24 November B.E. 2569``)."""
    if language == "th":
        return f"{value.day} {MONTHS_TH[value.month - 1]} พ.ศ. {be_year(value.year)}"
    return f"{value.day} {MONTHS_EN[value.month - 1]} B.E. {be_year(value.year)}"


def format_date_numeric(value: date) -> str:
    """``24/11/2569``: the form the date fields accept back."""
    return f"{value.day:02d}/{value.month:02d}/{be_year(value.year)}"


_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_WORDS = re.compile(r"^(\d{1,2})\s+(\S+?)\s+(?:พ\.ศ\.\s*|B\.E\.\s*)?(\d{4})$", re.IGNORECASE)


def _month_from_word(word: str) -> int | None:
    lowered = word.lower().rstrip(".")
    for number, (full, short, english) in enumerate(
        zip(MONTHS_TH, MONTHS_TH_SHORT, MONTHS_EN, strict=True), start=1
    ):
        if word in (full, short) or lowered in (english.lower(), english[:3].lower()):
            return number
    return None


def parse_date(text: str) -> date:
    """Read a date typed with a B.E. year.

    Accepts ``2569-11-24``, ``24/11/2569``, ``24 พ.ย. 2569``, ``24 พฤศจิกายน พ.ศ. 2569`` and the
    same with Thai numerals. A year of 2400 or more is B.E.; a smaller four-digit year is taken as
    C.E., so a date pasted from a Gregorian source still lands on the right day.
    Raises ValueError when the text is not a date.
    """
    cleaned = " ".join(arabic_digits(text).split())
    if match := _ISO.match(cleaned):
        year, month, day = (int(part) for part in match.groups())
    elif match := _DMY.match(cleaned):
        day, month, year = (int(part) for part in match.groups())
    elif (match := _WORDS.match(cleaned)) and (found := _month_from_word(match.group(2))):
        day, month, year = int(match.group(1)), found, int(match.group(3))
    else:
        raise ValueError(f"not a date: {text!r}")
    if year >= 2400:
        year = ce_year(year)
    elif year < 1800:
        raise ValueError(f"year out of range: {text!r}")
    return date(year, month, day)


def fiscal_year(value: date) -> int:
    """The B.E. fiscal year (1 Oct – 30 Sep) of ``value``, named by the year it ends in."""
    return be_year(value.year) + (1 if value.month >= 10 else 0)


def fiscal_year_range(year_be: int) -> tuple[date, date]:
    """First and last day of fiscal year ``year_be``: 2569 → 1 Oct 2025 .. 30 Sep 2026."""
    end_ce = ce_year(year_be)
    return date(end_ce - 1, 10, 1), date(end_ce, 9, 30)


def academic_year(value: date) -> int:
    """The B.E. academic year of ``value``: from 16 May to the day before the next 16 May."""
    starts_this_year = (value.month, value.day) >= ACADEMIC_YEAR_START
    return be_year(value.year) if starts_this_year else be_year(value.year) - 1


def academic_year_range(year_be: int) -> tuple[date, date]:
    start_ce = ce_year(year_be)
    start = date(start_ce, *ACADEMIC_YEAR_START)
    return start, date(start_ce + 1, ACADEMIC_YEAR_START[0], ACADEMIC_YEAR_START[1] - 1)


def academic_term(value: date) -> int:
    """Term 1 from 16 May to 31 October, term 2 from 1 November to the end of the academic year."""
    month_day = (value.month, value.day)
    return 1 if ACADEMIC_YEAR_START <= month_day < TERM_2_START else 2


# --- Sorting -------------------------------------------------------------------------------------

_LEADING_VOWELS = "เแโใไ"
_TONE_AND_MARKS = "่้๊๋์ํ็"
_THAI_CONSONANT = re.compile(r"[ก-ฮ]")


def thai_sort_key(text: str) -> str:
    """A key that sorts Thai words in dictionary order under plain code-point comparison.

    Dictionaries sort a leading vowel (เ แ โ ใ ไ) by the consonant after it and look at tone marks
    only to break ties; code-point order (SQLite, Python, PostgreSQL's C collation) does neither.
    The key moves each leading vowel after its consonant and puts the marks at the end, so
    กา < เกาะ < ขอ < ข้าว < โคก < บ้าน < แม่ < ไร่.
    """
    chars = list(text.strip().lower())
    swapped: list[str] = []
    i = 0
    while i < len(chars):
        char = chars[i]
        if char in _LEADING_VOWELS and i + 1 < len(chars) and _THAI_CONSONANT.match(chars[i + 1]):
            swapped += [chars[i + 1], char]
            i += 2
        else:
            swapped.append(char)
            i += 1
    base = "".join(c for c in swapped if c not in _TONE_AND_MARKS)
    marks = "".join(c for c in swapped if c in _TONE_AND_MARKS)
    return f"{base}\x01{marks}"
