"""Labels and formats in Danish (default) and English.

Dates, times and numbers come from babel's CLDR data, so they are written the way
Danish documents write them: "mandag den 29. august 2022", "kl. 16.00–18.30",
"400.000 kr.", "6,6 pct.".
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date
from babel.numbers import format_decimal

LANGUAGES = ("da", "en")
_LOCALE = {"da": "da_DK", "en": "en_GB"}

LABELS: dict[str, dict[str, str]] = {
    "da": {
        "agenda": "Dagsorden",
        "minutes": "Referat",
        "plan_summary": "Status for plan",
        "index": "Oversigt",
        "contents": "Indhold",
        "item": "Punkt",
        "date": "Dato",
        "time": "Tidspunkt",
        "place": "Sted",
        "mode": "Mødeform",
        "status": "Status",
        "members": "Medlemmer",
        "present": "Til stede",
        "absent": "Afbud",
        "absent_without_notice": "Fraværende",
        "staff": "Fra forvaltningen deltog",
        "substitute": "stedfortræder",
        "guests": "Gæster",
        "chair": "Formand/ordstyrer",
        "secretary": "Referent",
        "presenters": "Fremlægges af",
        "presented_by": "Fremlagt af",
        "draft": "Udkast",
        "draft_notice": "Udkast: referatet er ikke endeligt",
        "type": "Sagstype",
        "case": "Sagsnr.",
        "description": "Sagsfremstilling",
        "recommendation": "Indstilling",
        "decision": "Beslutning",
        "attachments": "Bilag",
        "actions": "Opfølgning",
        "what": "Hvad",
        "owners": "Ansvarlig",
        "due": "Frist",
        "done_on": "Udført",
        "closed_item": "Lukket punkt",
        "closed_note": "Punktet er lukket og offentliggøres ikke.",
        "initiatives": "Indsatser",
        "plans": "Planer",
        "no_items": "Der er ingen punkter på dagsordenen.",
        "minutes_approved": "Referatet er godkendt",
        "decision_in": "Beslutning i {body} den {date}",
        "meeting_ended": "Mødet sluttede kl. {time}.",
        "minutes_approved_on": "Referatet blev godkendt den {date}.",
        "item_postponed": "Punktet blev udsat.",
        "item_withdrawn": "Punktet blev taget af dagsordenen.",
        "vision": "Vision og formål",
        "principles": "Principper",
        "themes": "Temaer",
        "focus": "Fokus",
        "policies": "Samspil med politik",
        "priorities": "Prioriteret indsats",
        "collaborates_with": "Samarbejde på tværs",
        "goals": "Mål",
        "goal": "Mål",
        "indicator": "Indikator",
        "baseline": "Udgangspunkt",
        "target": "Målsætning",
        "latest": "Seneste måling",
        "progress": "Fremdrift",
        "how_far": "Hvor langt er vi",
        "measurements": "Målinger",
        "milestones": "Milepæle",
        "milestone": "Milepæl",
        "depends_on": "Efter",
        "participants": "Deltagere",
        "reach": "Rækkevidde",
        "new_relations": "Nye relationer",
        "budget": "Budget",
        "target_groups": "Målgrupper",
        "partners": "Samarbejdspartnere",
        "owner": "Ejer",
        "proposed_by": "Foreslået af",
        "period": "Periode",
        "approved": "Godkendt",
        "approved_by": "Godkendt af",
        "working_groups": "Grupper",
        "composition": "Sammensætning",
        "size": "Størrelse",
        "decisions": "Beslutninger",
        "open_actions": "Åbne opfølgningspunkter",
        "meeting": "Møde",
        "meetings": "Møder",
        "body": "Forum",
        "none": "Ingen",
        "not_dated": "Ikke dateret",
        "generated": "Dannet af ensomhed fra",
        "total": "I alt",
        "people": "personer",
        "skip": "Gå til indhold",
        "of_the_way": "af vejen",
        "page_public": "Offentlig udgave",
    },
    "en": {
        "agenda": "Agenda",
        "minutes": "Minutes",
        "plan_summary": "Plan status",
        "index": "Overview",
        "contents": "Contents",
        "item": "Item",
        "date": "Date",
        "time": "Time",
        "place": "Place",
        "mode": "Format",
        "status": "Status",
        "members": "Members",
        "present": "Present",
        "absent": "Apologies",
        "absent_without_notice": "Absent",
        "staff": "From the administration",
        "substitute": "substitute",
        "guests": "Guests",
        "chair": "Chair",
        "secretary": "Minute-taker",
        "presenters": "To be presented by",
        "presented_by": "Presented by",
        "draft": "Draft",
        "draft_notice": "Draft: these minutes are not final",
        "type": "Type",
        "case": "Case no.",
        "description": "Background",
        "recommendation": "Recommendation",
        "decision": "Decision",
        "attachments": "Attachments",
        "actions": "Follow-up",
        "what": "What",
        "owners": "Owner",
        "due": "Due",
        "done_on": "Done",
        "closed_item": "Closed item",
        "closed_note": "This item is closed and not made public.",
        "initiatives": "Initiatives",
        "plans": "Plans",
        "no_items": "There are no items on the agenda.",
        "minutes_approved": "Minutes approved",
        "decision_in": "Decision of {body} on {date}",
        "meeting_ended": "The meeting ended at {time}.",
        "minutes_approved_on": "The minutes were approved on {date}.",
        "item_postponed": "The item was postponed.",
        "item_withdrawn": "The item was withdrawn from the agenda.",
        "vision": "Vision and purpose",
        "principles": "Principles",
        "themes": "Themes",
        "focus": "Focus",
        "policies": "Related policies",
        "priorities": "Priorities",
        "collaborates_with": "Works with",
        "goals": "Goals",
        "goal": "Goal",
        "indicator": "Indicator",
        "baseline": "Baseline",
        "target": "Target",
        "latest": "Latest measurement",
        "progress": "Progress",
        "how_far": "Where we are",
        "measurements": "Measurements",
        "milestones": "Milestones",
        "milestone": "Milestone",
        "depends_on": "After",
        "participants": "Participants",
        "reach": "Reach",
        "new_relations": "New relations",
        "budget": "Budget",
        "target_groups": "Target groups",
        "partners": "Partners",
        "owner": "Owner",
        "proposed_by": "Proposed by",
        "period": "Period",
        "approved": "Approved",
        "approved_by": "Approved by",
        "working_groups": "Groups",
        "composition": "Composition",
        "size": "Size",
        "decisions": "Decisions",
        "open_actions": "Open follow-up actions",
        "meeting": "Meeting",
        "meetings": "Meetings",
        "body": "Body",
        "none": "None",
        "not_dated": "Not dated",
        "generated": "Generated by ensomhed from",
        "total": "Total",
        "people": "people",
        "skip": "Skip to content",
        "of_the_way": "of the way",
        "page_public": "Public version",
    },
}

VALUES: dict[str, dict[str, str]] = {
    "da": {
        "planned": "planlagt",
        "held": "afholdt",
        "cancelled": "aflyst",
        "treated": "behandlet",
        "postponed": "udsat",
        "withdrawn": "taget af dagsordenen",
        "in_person": "fysisk møde",
        "online": "online",
        "hybrid": "hybridmøde",
        "decision": "beslutning",
        "information": "orientering",
        "discussion": "drøftelse",
        "open": "åben",
        "done": "udført",
        "dropped": "opgivet",
        "draft": "udkast",
        "consultation": "i høring",
        "approved": "godkendt",
        "active": "aktiv",
        "completed": "afsluttet",
        "archived": "arkiveret",
        "proposed": "foreslået",
        "paused": "sat på pause",
        "stopped": "stoppet",
        "outreach": "opsøgende",
        "preventive": "forebyggende",
        "ongoing_contact": "løbende kontakt med relationer",
        "community": "fællesskabsaktivitet",
        "experience": "oplevelse",
        "council": "byråd",
        "committee": "udvalg",
        "advisory_council": "råd",
        "management": "ledelse",
        "department": "forvaltning/center",
        "working_group": "arbejdsgruppe",
        "reference_group": "følgegruppe",
        "other": "andet",
        "closed": "nedlagt",
    },
    "en": {
        "planned": "planned",
        "held": "held",
        "cancelled": "cancelled",
        "treated": "treated",
        "postponed": "postponed",
        "withdrawn": "withdrawn from the agenda",
        "in_person": "in person",
        "online": "online",
        "hybrid": "hybrid",
        "decision": "decision",
        "information": "information",
        "discussion": "discussion",
        "open": "open",
        "done": "done",
        "dropped": "dropped",
        "draft": "draft",
        "consultation": "in consultation",
        "approved": "approved",
        "active": "active",
        "completed": "completed",
        "archived": "archived",
        "proposed": "proposed",
        "paused": "paused",
        "stopped": "stopped",
        "outreach": "outreach",
        "preventive": "preventive",
        "ongoing_contact": "ongoing contact with relations",
        "community": "community activity",
        "experience": "experience",
        "council": "council",
        "committee": "committee",
        "advisory_council": "advisory council",
        "management": "management",
        "department": "department",
        "working_group": "working group",
        "reference_group": "reference group",
        "other": "other",
        "closed": "closed",
    },
}


def iso_date(d: dt.date | None) -> str | None:
    """A date as the raw value templates get beside its text: YYYY-MM-DD, or None."""
    return d.isoformat() if d else None


def iso_time(t: dt.time | None) -> str | None:
    """A time as the raw value templates get beside its text: HH:MM, or None."""
    return t.strftime("%H:%M") if t else None


class Formatter:
    """Dates, times, numbers and labels in one language."""

    def __init__(self, lang: str) -> None:
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r}")
        self.lang = lang
        self.locale = _LOCALE[lang]
        self.labels = LABELS[lang]

    def value(self, value: str | None) -> str:
        """The label of an enumerated value (status, type, category…)."""
        if value is None:
            return ""
        return VALUES[self.lang].get(value, value.replace("_", " "))

    def date_long(self, d: dt.date | None) -> str:
        """mandag den 29. august 2022 / Monday 29 August 2022."""
        if d is None:
            return ""
        pattern = "EEEE 'den' d. MMMM y" if self.lang == "da" else "EEEE d MMMM y"
        return format_date(d, pattern, locale=self.locale)

    def date(self, d: dt.date | None) -> str:
        """29. august 2022 / 29 August 2022."""
        if d is None:
            return ""
        pattern = "d. MMMM y" if self.lang == "da" else "d MMMM y"
        return format_date(d, pattern, locale=self.locale)

    def date_short(self, d: dt.date | None) -> str:
        """29.08.2022 / 29/08/2022."""
        if d is None:
            return ""
        return d.strftime("%d.%m.%Y" if self.lang == "da" else "%d/%m/%Y")

    def time(self, t: dt.time | None) -> str:
        if t is None:
            return ""
        # Danish style writes kl. 8.30 and kl. 16.00; English 08:30 and 16:00.
        return f"{t.hour}.{t.minute:02d}" if self.lang == "da" else t.strftime("%H:%M")

    def time_span(self, start: dt.time | None, end: dt.time | None) -> str:
        """kl. 16.00–18.30 / 16:00–18:30; kl. 16.00 with no end."""
        if start is None and end is None:
            return ""
        prefix = "kl. " if self.lang == "da" else ""
        if start and end:
            return f"{prefix}{self.time(start)}–{self.time(end)}"
        if start:
            return f"{prefix}{self.time(start)}"
        return ("til kl. " if self.lang == "da" else "until ") + self.time(end)

    def number(self, value: float | int | None, decimals: int = 1) -> str:
        """400.000 / 6,6 (Danish); 400,000 / 6.6 (English)."""
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        fmt = "#,##0" if isinstance(value, int) else "#,##0." + "#" * decimals
        return format_decimal(value, format=fmt, locale=self.locale)

    def money(self, amount: float | int | None, currency: str = "DKK") -> str:
        """450.000 kr. / DKK 450,000."""
        if amount is None:
            return ""
        if currency.upper() == "DKK":
            return f"{self.number(amount, 2)} kr." if self.lang == "da" else f"DKK {self.number(amount, 2)}"
        return f"{self.number(amount, 2)} {currency}"

    def pct(self, value: float | int | None) -> str:
        """6,6 pct. / 6.6%."""
        if value is None:
            return ""
        return f"{self.number(value)} pct." if self.lang == "da" else f"{self.number(value)}%"

    def quantity(self, value: float | int | None, unit: str | None) -> str:
        """A measured value with its unit: 6,6 pct., 30.700 indbyggere, 450.000 kr."""
        if value is None:
            return ""
        if unit in ("pct.", "pct", "%", "procent", "percent"):
            return self.pct(value)
        if unit in ("kr.", "kr", "DKK"):
            return self.money(value)
        return f"{self.number(value)} {unit}" if unit else self.number(value)

    def period(self, start: dt.date | None, end: dt.date | None) -> str:
        if start and end:
            return f"{self.date(start)} – {self.date(end)}"
        if start:
            return ("fra " if self.lang == "da" else "from ") + self.date(start)
        if end:
            return ("til " if self.lang == "da" else "until ") + self.date(end)
        return ""
