"""Value types of the record format, parsed from the text YAML gives us.

Every scalar arrives as text (see yamlread); these validators decide what the text
means for a field, with messages written for the people who write records. Each
type carries the JSON Schema that editors use, which accepts what people write.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from typing import Annotated, Any, TypeVar

from pydantic import (
    AfterValidator,
    BeforeValidator,
    PlainSerializer,
    Strict,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from ensomhed_cli.format import valueforms as say_form
from ensomhed_cli.format.valueforms import shape

SLUG_RE = re.compile(r"[a-z0-9][a-z0-9-]*")
DATE_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
TIME_RE = re.compile(r"([01]?\d|2[0-3])[:.]([0-5]\d)")
INT_RE = re.compile(r"[-+]?\d+(_\d+)*")
NUMBER_RE = re.compile(r"[-+]?(\d+(_\d+)*)?([.,]\d+)?([eE][-+]?\d+)?")
THOUSANDS_RE = re.compile(r"[-+]?\d{1,3}(\.\d{3})+")
EMAIL_RE = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
# What a record can hold. Far beyond any real meeting, plan or budget, and within what
# every command computes with (SQLite's 64-bit integers, Babel's decimals, the calendar).
FIRST_DATE, LAST_DATE = dt.date(1900, 1, 1), dt.date(2199, 12, 31)
MAX_MAGNITUDE = 10**15  # a number's size either way: a thousand million million
TRUE = frozenset(["true", "yes", "ja"])
FALSE = frozenset(["false", "no", "nej"])


__all__ = ["shape"]  # re-exported: how a wrong value is named (valueforms)


def _text(value: Any, wrong: Any = None) -> str:
    """The text of a value; a list or a group of fields is the `wrong` error of the field's type."""
    if isinstance(value, str):
        return value
    if wrong is not None:
        raise wrong(value)
    raise say_form.error("text", f"skal være tekst, ikke {shape(value)}", f"expected text, got {shape(value)}")


def _outside_the_years(text: str) -> PydanticCustomError:
    return say_form.outside_the_years(text, FIRST_DATE.year, LAST_DATE.year)


def parse_date(value: Any) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    text = _text(value, say_form.wrong_date).strip()
    m = DATE_RE.fullmatch(text)
    if m:
        try:
            date = dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            raise say_form.no_such_day(text, int(m[1]), int(m[2]), int(m[3])) from None
        if not FIRST_DATE <= date <= LAST_DATE:
            raise _outside_the_years(text)
        return date
    raise say_form.wrong_date(value)


MONTH_RE = re.compile(r"(\d{4})-(\d{2})")
QUARTER_RE = re.compile(r"(\d{4})-[Qq]([1-4])")
YEAR_RE = re.compile(r"\d{4}")


class PeriodDate(dt.date):
    """A month, quarter or year written where a day may be ("marts 2025"): as a date it is the
    period's last day, so ordering and "overdue" use the end of the period; `first` is its first
    day, and it is written back as it was written."""

    precision: str  # month, quarter or year
    text: str
    first: dt.date

    def __new__(cls, first: dt.date, last: dt.date, precision: str, text: str) -> PeriodDate:
        self = super().__new__(cls, last.year, last.month, last.day)
        self.first, self.precision, self.text = first, precision, text
        return self

    def isoformat(self) -> str:
        return self.text

    __str__ = isoformat

    def __repr__(self) -> str:
        return f"PeriodDate({self.text!r})"

    def __reduce__(self) -> tuple:
        return (parse_period_date, (self.text,))


def first_day(d: dt.date) -> dt.date:
    """The first day a date speaks of: the day itself, or a period's first day."""
    return d.first if isinstance(d, PeriodDate) else d


def _period(first: dt.date, months: int, precision: str, text: str) -> PeriodDate:
    year, month = divmod(first.month - 1 + months, 12)
    last = dt.date(first.year + year, month + 1, 1) - dt.timedelta(days=1)
    return PeriodDate(first, last, precision, text)


def parse_period_date(value: Any) -> dt.date:
    """A day (YYYY-MM-DD), or a month (YYYY-MM), a quarter (YYYY-Qn) or a year (YYYY)."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    text = _text(value, say_form.wrong_period).strip()
    if DATE_RE.fullmatch(text):
        return parse_date(text)
    if text[:4].isdigit() and not FIRST_DATE.year <= int(text[:4]) <= LAST_DATE.year and re.fullmatch(r"\d{4}(-.*)?", text):
        raise _outside_the_years(text)
    if m := MONTH_RE.fullmatch(text):
        if not 1 <= int(m[2]) <= 12:
            raise say_form.no_such_month(text)
        period = _period(dt.date(int(m[1]), int(m[2]), 1), 1, "month", text)
    elif m := QUARTER_RE.fullmatch(text):
        period = _period(dt.date(int(m[1]), 3 * int(m[2]) - 2, 1), 3, "quarter", f"{m[1]}-Q{m[2]}")
    elif YEAR_RE.fullmatch(text):
        period = _period(dt.date(int(text), 1, 1), 12, "year", text)
    else:
        raise say_form.wrong_period(value)
    return period


def parse_time(value: Any) -> dt.time:
    if isinstance(value, dt.time):
        return value
    text = _text(value, say_form.wrong_time).strip()
    m = TIME_RE.fullmatch(text)
    if m:
        return dt.time(int(m[1]), int(m[2]))
    raise say_form.wrong_time(value)


ITEM_LABEL_RE = re.compile(r"(\d+)((?:\.\d+)+|[a-z])")


def parse_item_number(value: Any) -> int | str:
    """An item's number, 1 or more, or a label of a sub-item such as `7.1` or `2a`."""
    if isinstance(value, int) and not isinstance(value, bool):
        return bounded(value)
    text = _text(value, lambda v: say_form.wrong_item_number(v, _is_label)).strip()
    if INT_RE.fullmatch(text):
        return bounded(int(text.replace("_", "")))
    if ITEM_LABEL_RE.fullmatch(text):
        return text
    raise say_form.wrong_item_number(value, _is_label)


def _is_label(text: str) -> bool:
    return bool(INT_RE.fullmatch(text) or ITEM_LABEL_RE.fullmatch(text))


def item_order(number: int | str | None) -> tuple:
    """Where an item goes on the agenda: by its leading number, a parent before its sub-items
    (7, 7.1, 7.2, 7.10, 8; 2, 2a, 2b)."""
    if number is None:
        return (0, ())
    if isinstance(number, int):
        return (number, ())
    m = ITEM_LABEL_RE.fullmatch(number)
    if m is None:  # not a label the format allows; kept last, in the order written
        return (MAX_MAGNITUDE, ())
    return (int(m[1]), tuple((int(p), "") if p.isdigit() else (0, p) for p in re.findall(r"\d+|[a-z]", m[2])))


def item_parent(number: int | str | None) -> int | str | None:
    """The item a sub-item belongs under: 7.1 → 7, 7.1.2 → 7.1, 2a → 2; None for an item."""
    if not isinstance(number, str) or ITEM_LABEL_RE.fullmatch(number) is None:
        return None
    head = number.rpartition(".")[0] if "." in number else number[:-1]
    return int(head) if head.isdigit() else head


_Number = TypeVar("_Number", int, float)


def bounded(number: _Number) -> _Number:
    """A number whose size a record can hold, or a located error."""
    if not -MAX_MAGNITUDE <= number <= MAX_MAGNITUDE:
        raise say_form.too_large(f"{number:g}" if isinstance(number, float) else number)
    return number


def parse_number(value: Any) -> int | float:
    """A number; a Danish decimal comma (6,6) is accepted, a thousands dot is refused."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    text = _text(value, lambda v: say_form.wrong_number(v, _plain_number)).strip()
    if THOUSANDS_RE.fullmatch(text):
        raise say_form.thousands_dot(text, text.replace(".", ""))
    if _plain_number(text) is not None:
        clean = text.replace("_", "").replace(",", ".")
        if re.fullmatch(r"[-+]?\d+", clean):
            return bounded(int(clean))
        number = float(clean)
        if math.isfinite(number):
            return bounded(number)
        raise say_form.too_large(text)
    raise say_form.wrong_number(value, _plain_number)


def _plain_number(text: str) -> str | None:
    """The text when it is a number as records write one (6,6 or 6.6), else None."""
    return text if text and NUMBER_RE.fullmatch(text) and any(c.isdigit() for c in text) else None


def parse_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = _text(value, say_form.wrong_bool).strip().lower()
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise say_form.wrong_bool(value)


def parse_goal_ref(value: Any) -> str:
    text = _text(value, lambda v: say_form.wrong_goal_ref(v, SLUG_RE)).strip()
    plan, sep, goal = text.partition("#")
    if sep and SLUG_RE.fullmatch(plan) and SLUG_RE.fullmatch(goal):
        return text
    raise say_form.wrong_goal_ref(value, SLUG_RE)


def parse_email(value: Any) -> str:
    text = _text(value).strip()
    if EMAIL_RE.fullmatch(text):
        return text
    raise say_form.wrong_email(text)


def parse_url(value: Any) -> str:
    """A web address a reader may follow from a published page: https or http, with a host."""
    from urllib.parse import urlsplit

    text = _text(value).strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        parts = None
    if parts is not None and parts.scheme.lower() in ("https", "http") and parts.netloc and not any(c.isspace() for c in text):
        return text
    raise say_form.wrong_url(text)


def none_as_empty_list(value: Any) -> Any:
    return [] if value is None else value


def none_as_empty_dict(value: Any) -> Any:
    return {} if value is None else value


_Item = TypeVar("_Item")
# A list field, `ListOf[Slug]`; an empty value (`attendees:`) is an empty list.
ListOf = Annotated[list[_Item], BeforeValidator(none_as_empty_list)]


# The Nordic letters as Danes write them without them (Søren → soeren, Åbyhøj → aabyhoej),
# and ä/ö as ø's neighbours; anyascii, which would make ø an o, reads every other script.
_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ö": "oe", "ä": "ae"})


def slugify(text: str) -> str:
    """Lower-case ASCII slug of a title in any language: æ→ae, ø→oe, å→aa, ß→ss, é→e, Ł→l."""
    from anyascii import anyascii  # only where a slug is made: never on the path of a plain check

    # Emoji and other pictures are left out: anyascii would spell them (🙂 → slight-smile).
    text = "".join(c for c in text.lower().translate(_DANISH) if unicodedata.category(c) != "So")
    text = anyascii(text).lower()
    text = re.sub(r"[^a-z0-9]+", "-", text)
    return text.strip("-")


_SLUG_PATTERN = "^[a-z0-9][a-z0-9-]*$"

# Text fields are validated natively by pydantic-core (no Python call per value): the
# YAML layer already gives every scalar as text, so strict `str` is exactly right.
REQUIRED_PATTERN = r"\S"
Text = Annotated[str, Strict(), WithJsonSchema({"type": "string"})]
RequiredText = Annotated[
    str, Strict(), StringConstraints(pattern=REQUIRED_PATTERN), WithJsonSchema({"type": "string", "minLength": 1})
]
Markdown = Annotated[str, Strict(), WithJsonSchema({"type": "string", "description": "Markdown text"})]
Date = Annotated[
    dt.date,
    BeforeValidator(parse_date),
    WithJsonSchema({"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}),
]
# A day, or a month, quarter or year where a record may be imprecise (format 1.1).
PERIOD_DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?|-[Qq][1-4])?$"
FlexDate = Annotated[
    dt.date,
    BeforeValidator(parse_period_date),
    PlainSerializer(lambda d: d.isoformat(), when_used="json"),
    WithJsonSchema({"type": "string", "pattern": PERIOD_DATE_PATTERN}),
]
Time = Annotated[
    dt.time,
    BeforeValidator(parse_time),
    PlainSerializer(lambda t: t.strftime("%H:%M"), when_used="json"),  # as written: 16:00, not 16:00:00
    WithJsonSchema({"type": "string", "pattern": r"^([01]?\d|2[0-3])[:.][0-5]\d$"}),
]
Int = Annotated[int, AfterValidator(bounded), WithJsonSchema({"type": "integer", "minimum": -MAX_MAGNITUDE, "maximum": MAX_MAGNITUDE})]
Number = Annotated[
    int | float, BeforeValidator(parse_number), WithJsonSchema({"type": "number", "minimum": -MAX_MAGNITUDE, "maximum": MAX_MAGNITUDE})
]
ItemNumber = Annotated[
    int | str,
    BeforeValidator(parse_item_number),
    WithJsonSchema(
        # An editor's YAML reads `number: 7.1` as a number, which ensomhed keeps as the label written.
        {"anyOf": [{"type": "integer", "minimum": 1}, {"type": "number", "minimum": 1}, {"type": "string", "pattern": r"^\s*\d+((\.\d+)+|[a-z])?\s*$"}]}
    ),
]
Bool = Annotated[bool, BeforeValidator(parse_bool), WithJsonSchema({"type": "boolean"})]
Slug = Annotated[
    str, Strict(), StringConstraints(pattern=_SLUG_PATTERN), WithJsonSchema({"type": "string", "pattern": _SLUG_PATTERN})
]
GoalRef = Annotated[
    str,
    BeforeValidator(parse_goal_ref),
    WithJsonSchema({"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*#[a-z0-9][a-z0-9-]*$"}),
]
Email = Annotated[str, BeforeValidator(parse_email), WithJsonSchema({"type": "string", "format": "email"})]
Url = Annotated[str, BeforeValidator(parse_url), WithJsonSchema({"type": "string", "pattern": r"^\s*[Hh][Tt][Tt][Pp][Ss]?://[^\s/?#]+\S*\s*$"})]
