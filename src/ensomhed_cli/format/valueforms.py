"""The right form of a value, said where a value has the wrong one: dates, times, numbers, ids, addresses.

fieldtypes' validators raise these errors; pydantic passes their message on, and
typed.py puts the field's name in front (`date`: …). Each says, in the language of the
messages, how the value is written, and where what was written can be read as meant
(4/3/2025, marts 2025, kl. 14, 1.500 kr.) the value written right: `2025-03-04`.
A Danish date is day first, so 4/3/2025 is the 4th of March.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pydantic_core import PydanticCustomError

from ensomhed_cli.diagnostics import say

MONTHS = {
    **{name: i + 1 for i, name in enumerate(["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"])},
    **{name: i + 1 for i, name in enumerate(["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"])},
    **{name: i + 1 for i, name in enumerate(["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"])},
    "may": 5, "oct": 10, "sept": 9,
}
MONTH_NAMES = (
    ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"),
    ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"),
)


def shape(value: Any) -> str:
    """How a wrong value is named in a message: nothing, a group of fields, a list, or the value."""
    if value is None:
        return say("ingenting", "nothing")
    if isinstance(value, dict):
        return say("en gruppe felter", "a group of fields")
    if isinstance(value, list):
        return say("en liste", "a list")
    return f"`{value}`"


def error(kind: str, da: str, en: str) -> PydanticCustomError:
    """An error of the record format's own kind, its message in the language of the messages."""
    return PydanticCustomError(kind, say(da, en))  # no context: the message is used as it is


def _day(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _year(text: str) -> int:
    return int(text) + 2000 if len(text) == 2 else int(text)


def guess_date(text: str) -> str | None:
    """A day written another way, as YYYY-MM-DD: 4/3/2025, 04.03.2025, 4-3-25, 4. marts 2025,
    2025/3/4, 2025-3-4, 20250304; None where it cannot be told."""
    text = text.strip().lower()
    if m := re.fullmatch(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})", text):
        return _day(_year(m[3]), int(m[2]), int(m[1]))
    if m := re.fullmatch(r"(\d{1,2})\.? ?([a-zæøå]+)\.? (\d{4})", text):
        return _day(int(m[3]), MONTHS[m[2]], int(m[1])) if m[2] in MONTHS else None
    if m := re.fullmatch(r"(\d{4})[./ -](\d{1,2})[./ -](\d{1,2})", text) or re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text):
        return _day(int(m[1]), int(m[2]), int(m[3]))
    return None


def guess_period(text: str) -> str | None:
    """A day, month, quarter or year written another way: marts 2025 → 2025-03, Q1 2025 or
    1. kvartal 2025 → 2025-Q1, 3/2025 → 2025-03; else as guess_date."""
    low = text.strip().lower()
    if m := re.fullmatch(r"([a-zæøå]+)\.? (\d{4})", low):
        return f"{m[2]}-{MONTHS[m[1]]:02d}" if m[1] in MONTHS else None
    if m := re.fullmatch(r"(\d{1,2})[./-](\d{4})", low):
        return f"{m[2]}-{int(m[1]):02d}" if 1 <= int(m[1]) <= 12 else None
    if m := re.fullmatch(r"(?:q|k)([1-4]) ?(\d{4})|(\d{4}) ?(?:q|k)([1-4])|([1-4])\.? ?kvartal (\d{4})", low):
        quarter, year = next((q, y) for q, y in ((m[1], m[2]), (m[4], m[3]), (m[5], m[6])) if q)
        return f"{year}-Q{quarter}"
    return guess_date(text)


def wrong_date(value: Any) -> PydanticCustomError:
    text, guess = shape(value), guess_date(value) if isinstance(value, str) else None
    if guess:
        return error("date", f"skriv datoen som ÅÅÅÅ-MM-DD: `{guess}`, ikke {text}", f"write the date as YYYY-MM-DD: `{guess}`, not {text}")
    return error(
        "date", f"skriv datoen som ÅÅÅÅ-MM-DD, fx `2025-03-04`, ikke {text}", f"write the date as YYYY-MM-DD, e.g. `2025-03-04`, not {text}"
    )


def wrong_period(value: Any) -> PydanticCustomError:
    text, guess = shape(value), guess_period(value) if isinstance(value, str) else None
    da = "skriv en dag som ÅÅÅÅ-MM-DD, en måned som ÅÅÅÅ-MM, et kvartal som ÅÅÅÅ-Q1 til ÅÅÅÅ-Q4 eller et år som ÅÅÅÅ"
    en = "write a day as YYYY-MM-DD, a month as YYYY-MM, a quarter as YYYY-Q1 to YYYY-Q4 or a year as YYYY"
    if guess:
        return error("date", f"{da}: `{guess}`, ikke {text}", f"{en}: `{guess}`, not {text}")
    return error("date", f"{da}, fx `2025-03`, ikke {text}", f"{en}, e.g. `2025-03`, not {text}")


def no_such_day(text: str, year: int, month: int, day: int) -> PydanticCustomError:
    """`2024-02-30`: the days the month has; `2024-13-01`: the months a year has."""
    if not 1 <= month <= 12:
        swapped = _day(year, day, month)
        hint_da = f" (mente du `{swapped}`?)" if swapped else ""
        hint_en = f" (did you mean `{swapped}`?)" if swapped else ""
        return error(
            "date",
            f"`{text}` er ikke en dato, der findes: måneden skal være 01 til 12 (ÅÅÅÅ-MM-DD){hint_da}",
            f"`{text}` is not a real date: the month is 01 to 12 (YYYY-MM-DD){hint_en}",
        )
    days = ((dt.date(year + month // 12, month % 12 + 1, 1)) - dt.timedelta(days=1)).day
    return error(
        "date",
        f"`{text}` er ikke en dato, der findes: {MONTH_NAMES[0][month - 1]} {year} har {days} dage",
        f"`{text}` is not a real date: {MONTH_NAMES[1][month - 1]} {year} has {days} days",
    )


def no_such_month(text: str) -> PydanticCustomError:
    return error("date", f"`{text}` er ikke en måned, der findes: måneden skal være 01 til 12", f"`{text}` is not a real month: the month is 01 to 12")


def outside_the_years(text: str, first: int, last: int) -> PydanticCustomError:
    return error(
        "date",
        f"`{text}` ligger uden for de år, en post kan handle om ({first}–{last}); er der ingen slutdato, så udelad feltet",
        f"`{text}` is outside the years a record can speak of ({first}–{last}); for an open end, leave the field out",
    )


def guess_time(text: str) -> str | None:
    """kl. 14, 14, 1430, 14,30, 14:30:00 → 14:00, 14:30."""
    low = re.sub(r"^kl\.?\s*", "", text.strip().lower())
    m = (re.fullmatch(r"(\d{1,2})", low) or re.fullmatch(r"(\d{1,2})(\d{2})", low)
         or re.fullmatch(r"(\d{1,2})[:.,](\d{2})(?::\d{2})?", low))
    if m and int(m[1]) < 24 and (m.lastindex == 1 or int(m[2]) < 60):
        return f"{int(m[1]):02d}:{m[2] if m.lastindex == 2 else '00'}"
    return None


def wrong_time(value: Any) -> PydanticCustomError:
    text, guess = shape(value), guess_time(value) if isinstance(value, str) else None
    if guess:
        return error("time", f"skriv klokkeslættet som TT:MM (24-timers ur): `{guess}`, ikke {text}", f"write the time as HH:MM (24-hour clock): `{guess}`, not {text}")
    return error("time", f"skriv klokkeslættet som TT:MM (24-timers ur), fx `14:30`, ikke {text}", f"write the time as HH:MM (24-hour clock), e.g. `14:30`, not {text}")


def wrong_whole_number(value: Any) -> PydanticCustomError:
    text = shape(value)
    lead = re.fullmatch(r"\s*([-+]?\d+)\s+\D.*", value) if isinstance(value, str) else None
    if lead:
        return error("int", f"skriv kun tallet: `{lead[1]}`, ikke {text}", f"write the number alone: `{lead[1]}`, not {text}")
    return error("int", f"skriv et helt tal, fx `12`, ikke {text}", f"write a whole number, e.g. `12`, not {text}")


def wrong_item_number(value: Any, valid: Any) -> PydanticCustomError:
    """`valid(text)`: whether a text is an item's number or label; a label written nearly so
    (`punkt 4`, `7A`, `7,1`, `7.`, `7 a`) is shown as it is written."""
    text = shape(value)
    if isinstance(value, str):
        said = re.sub(r"^\s*(?:punkt|pkt\.?|item|nr\.?)\s*", "", value, flags=re.IGNORECASE).strip()
        near = [said, said.lower(), said.replace(",", "."), said.rstrip("."), said.replace(" ", "").lower()]
        right = next((n for n in near if n != value.strip() and valid(n)), None)
        if right:
            return error("item-number", f"skriv nummeret som `{right}`, ikke {text}", f"write the number as `{right}`, not {text}")
    return error(
        "item-number",
        f"skriv punktets nummer (`4`) eller et underpunkts nummer (`4.1` eller `4a`), ikke {text}",
        f"write the item's number (`4`) or a sub-item's label (`4.1`, `4a`), not {text}",
    )


def too_large(number: Any) -> PydanticCustomError:
    return error(
        "number",
        f"`{number}` er et for stort tal: højst 10^15 (en billiard), positivt eller negativt",
        f"`{number}` is too large a number (at most 10^15 either way)",
    )


def thousands_dot(text: str, plain: str) -> PydanticCustomError:
    return error(
        "number",
        f"`{text}` kan læses på to måder: på dansk skiller punktummet tusinder, men her ville det være et decimaltegn:"
        f" skriv `{plain}` (uden punktum), eller brug komma til decimaler (`2,5`)",
        f"`{text}` is ambiguous: in Danish the dot separates thousands, here it would be a decimal point:"
        f" write `{plain}` (no separator) or use a decimal comma (`2,5`)",
    )


_UNITS = re.compile(r"^(?:kr\.?|dkk)?\s*(?P<n>[-+]?\d[\d., ]*?)\s*(?:kr\.?|dkk|%|pct\.?|procent|personer|deltagere|stk\.?)?$", re.IGNORECASE)


def wrong_number(value: Any, plain: Any) -> PydanticCustomError:
    """`plain(text)`: the number in a text, or None (fieldtypes' own reading)."""
    text = shape(value)
    found = _UNITS.fullmatch(value.strip()) if isinstance(value, str) else None
    number = found["n"].replace(" ", "") if found else ""
    if re.fullmatch(r"[-+]?\d{1,3}(\.\d{3})+", number):
        number = number.replace(".", "")
    if number and plain(number) is not None:
        return error("number", f"skriv kun tallet: `{number}`, ikke {text}", f"write the number alone: `{number}`, not {text}")
    return error("number", f"skriv et tal, fx `1500` eller `2,5`, ikke {text}", f"write a number, e.g. `1500` or `2,5`, not {text}")


def wrong_bool(value: Any) -> PydanticCustomError:
    text = shape(value)
    return error("bool", f"skriv `true` eller `false` (eller `ja` eller `nej`), ikke {text}", f"write `true` or `false` (or `yes` or `no`), not {text}")


def not_an_id(text: str, hint: str) -> str:
    """The words for a text that is no id, with the id it would be (slugify)."""
    return say(
        f"`{text}` kan ikke bruges som id: brug kun små bogstaver a-z, tal og bindestreger, fx `{hint}`",
        f"`{text}` is not a valid id: use lower-case letters a-z, digits and hyphens, e.g. `{hint}`",
    )


def wrong_goal_ref(value: Any, slug: Any) -> PydanticCustomError:
    text = shape(value)
    plan = value.strip() if isinstance(value, str) and slug.fullmatch(value.strip()) else "plan-id"
    return error(
        "goal-ref",
        f"skriv en henvisning til et mål som PLAN-ID#MÅL-ID, fx `{plan}#maalets-id`, ikke {text}",
        f"write a goal reference as PLAN-ID#GOAL-ID, e.g. `{plan}#goal-id`, not {text}",
    )


def wrong_email(text: str) -> PydanticCustomError:
    return error(
        "email",
        f"`{text}` er ikke en e-mailadresse: skriv den som navn@domæne, fx `anna@kommune.dk`",
        f"`{text}` is not an e-mail address: write it as name@domain, e.g. `anna@kommune.dk`",
    )


def wrong_url(text: str) -> PydanticCustomError:
    bare = re.fullmatch(r"(?:www\.)?[a-z0-9-]+(\.[a-z0-9-]+)+(/\S*)?", text.strip(), re.IGNORECASE)
    if bare:
        return error(
            "url", f"`{text}` er ikke en webadresse: skriv den med https:// foran: `https://{text.strip()}`",
            f"`{text}` is not a web address: write it with https:// in front: `https://{text.strip()}`",
        )
    return error("url", f"`{text}` er ikke en webadresse: skriv den som https://…", f"`{text}` is not a web address: write it https://…")


def unknown_time_zone(value: str) -> PydanticCustomError:
    return error(
        "timezone",
        f"`{value}` er ikke en kendt tidszone: skriv fx `Europe/Copenhagen`",
        f"`{value}` is not a known time zone (e.g. Europe/Copenhagen)",
    )
