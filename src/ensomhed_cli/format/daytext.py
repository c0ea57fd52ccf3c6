"""Whether a text already names a day, so that a date is never printed twice in a row.

A meeting titled "Udsatterådet 7. februar 2023" is not followed by its date again
("Udsatterådet 7. februar 2023, 7. februar 2023").

The forms Danish and English titles write a day in: 7. februar 2023, 7. feb. 2023,
7 February 2023, February 7, 2023, 07-02-2023, 7/2 2023, 7/2-2023, 7.2.2023, 07.02.23 and
2023-02-07. A day and a month alone (no year) count too, when the title has no other year.
"""

from __future__ import annotations

import datetime as dt
import re

_MONTHS_DA = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december")
_MONTHS_EN = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december")


def _month_words(month: int) -> str:
    names = {_MONTHS_DA[month - 1], _MONTHS_EN[month - 1]}
    names |= {n[:3] for n in names}  # feb., feb, dec.
    return "|".join(sorted((re.escape(n) for n in names), key=len, reverse=True))


def names_day(text: str | None, day: dt.date | str | None) -> bool:
    """Whether `text` writes `day` (a date, or one written YYYY-MM-DD; see the module's forms)."""
    if isinstance(day, str):
        try:
            day = dt.date.fromisoformat(day)
        except ValueError:
            return False
    if not text or not isinstance(day, dt.date):
        return False
    d, m, y = day.day, day.month, day.year
    dd = rf"0?{d}"
    mm = rf"0?{m}"
    years = rf"(?:{y}|{y % 100:02d})"
    words = _month_words(m)
    forms = [
        rf"{y}-{m:02d}-{d:02d}",
        rf"(?<!\d){dd}\.?\s*(?:{words})\.?(?:\s*{y})?(?!\w)",  # 7. februar 2023, 7 feb
        rf"(?<!\w)(?:{words})\.?\s+{dd}(?:st|nd|rd|th)?,?(?:\s*{y})?(?!\d)",  # February 7, 2023
        rf"(?<!\d){dd}[-/.]{mm}(?:[-/.\s]\s*{years})(?!\d)",  # 07-02-2023, 7/2 2023, 7.2.23
    ]
    found = re.search("|".join(f"(?:{f})" for f in forms), text, re.IGNORECASE)
    if found is None:
        return False
    other_year = re.search(r"(?<!\d)(19|20|21)\d{2}(?!\d)", text.replace(found.group(0), " "))
    return str(y) in found.group(0) or other_year is None
