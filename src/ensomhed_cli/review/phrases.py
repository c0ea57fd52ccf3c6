"""The words of the semantic diff in Danish and English: messages, field names, values and headings.

Every message is one template per language, filled in with values already written out
(names, dates, figures); a value's braces are never read as a template's. Enumerated
values read as the rendered documents read them (render/labels.py VALUES), with the
words VALUES does not have (a goal's assessment and direction) kept here.
"""

from __future__ import annotations

import json
import re
from typing import Any

LANGS = ("da", "en")
SHORT = 80

MESSAGES: dict[str, tuple[str, str]] = {
    # any field
    "set": ("{label} tilføjet: {new}", "{label} set: {new}"),
    "removed": ("{label} fjernet (var {old})", "{label} removed (was {old})"),
    "changed": ("{label}: {old} → {new}", "{label}: {old} → {new}"),
    "changed_long": ("{label} ændret", "{label} changed"),
    "list_added": ("{label}: + {new}", "{label}: + {new}"),
    "list_removed": ("{label}: − {old}", "{label}: − {old}"),
    "entry_added": ("{label} tilføjet: {new}", "{label} added: {new}"),
    "entry_removed": ("{label} fjernet: {old}", "{label} removed: {old}"),
    "moved": ("Flyttet fra {old}", "Moved from {old}"),
    "amendment_added": ("Rettelse tilføjet ({date}{by}): {text}", "Correction added ({date}{by}): {text}"),
    "amendment_removed": ("Rettelse fjernet ({date}{by}): {text}", "Correction removed ({date}{by}): {text}"),
    # meetings: who was there
    "attendee_added": ("Deltager tilføjet: {name}", "Attendee added: {name}"),
    "attendee_removed": ("Deltager fjernet: {name}", "Attendee removed: {name}"),
    "attendance": ("{name} {how}", "{name} {how}"),
    "attendance_whole": ("{name} deltog i hele mødet", "{name} was present for the whole meeting"),
    "attended_from": ("deltog fra punkt {item}", "present from item {item}"),
    "arrived_at": ("kom kl. {time}", "arrived at {time}"),
    "left_at": ("forlod mødet kl. {time}", "left at {time}"),
    "left_after": ("forlod mødet efter punkt {item}", "left after item {item}"),
    "left_at_after": ("forlod mødet kl. {time} efter punkt {item}", "left at {time} after item {item}"),
    "apologies": ("{name} meldt afbud", "Apologies from {name}"),
    "no_notice": ("{name} fraværende", "{name} absent without notice"),
    "apologies_removed": ("Afbud fjernet: {name}", "Apologies removed: {name}"),
    "no_notice_removed": ("Fravær fjernet: {name}", "Absence removed: {name}"),
    "staff_added": ("Fra forvaltningen deltog: {name}", "Staff added: {name}"),
    "staff_removed": ("Fjernet fra forvaltningens deltagere: {name}", "Staff removed: {name}"),
    "member_added": ("Medlem tilføjet: {name}", "Member added: {name}"),
    "member_removed": ("Medlem fjernet: {name}", "Member removed: {name}"),
    "presenter_added": ("Fremlægger på punkt {n} tilføjet: {name}", "Item {n} presenter added: {name}"),
    "presenter_removed": ("Fremlægger på punkt {n} fjernet: {name}", "Item {n} presenter removed: {name}"),
    "end_held": ("Mødet sluttede kl. {new}", "The meeting ended at {new}"),
    "end_planned": ("Mødet slutter kl. {new}", "The meeting ends at {new}"),
    "end_changed": ("Mødets sluttidspunkt: kl. {old} → kl. {new}", "Meeting end: {old} → {new}"),
    "end_removed": ("Mødets sluttidspunkt fjernet (var kl. {old})", "Meeting end removed (was {old})"),
    # agenda items
    "item_added": ("Punkt {n} tilføjet: {title}", "Item {n} added: {title}"),
    "item_removed": ("Punkt {n} fjernet: {title}", "Item {n} removed: {title}"),
    "item_renumbered": ("Punkt {old} er nu punkt {new}: {title}", "Item {old} is now item {new}: {title}"),
    "decision_added": ("Beslutning på punkt {n} ({title}): {text}", "Decision on item {n} ({title}): {text}"),
    "decision_removed": ("Beslutning fjernet fra punkt {n} ({title})", "Decision removed from item {n} ({title})"),
    "decision_changed": ("Beslutning på punkt {n} ({title}) ændret", "Decision on item {n} ({title}) changed"),
    "text_added": ("{what} på punkt {n} ({title}): {text}", "{what} on item {n} ({title}): {text}"),
    "text_removed": ("{what} fjernet fra punkt {n} ({title})", "{what} removed from item {n} ({title})"),
    "text_changed": ("{what} på punkt {n} ({title}) ændret", "{what} on item {n} ({title}) changed"),
    "item_closed": ("Punkt {n} ({title}) er nu lukket", "Item {n} ({title}) is now closed"),
    "item_opened": ("Punkt {n} ({title}) er ikke længere lukket", "Item {n} ({title}) is no longer closed"),
    "item_postponed": ("Punkt {n} ({title}) udsat", "Item {n} ({title}) postponed"),
    "item_withdrawn": ("Punkt {n} ({title}) taget af dagsordenen", "Item {n} ({title}) withdrawn from the agenda"),
    "item_treated": ("Punkt {n} ({title}) behandlet (var {old})", "Item {n} ({title}) treated (was {old})"),
    "authority_set": ("Beslutningskompetence på punkt {n}: {new}", "Item {n} decided by: {new}"),
    "authority_changed": ("Beslutningskompetence på punkt {n}: {old} → {new}", "Item {n} decided by: {old} → {new}"),
    "authority_removed": ("Beslutningskompetence på punkt {n} fjernet (var {old})", "Item {n} decided by removed (was {old})"),
    "section_added": ("Punkt {n}: afsnit tilføjet: {title}", "Item {n}: section added: {title}"),
    "section_changed": ("Punkt {n}: afsnit ændret: {title}", "Item {n}: section changed: {title}"),
    "section_removed": ("Punkt {n}: afsnit fjernet: {title}", "Item {n}: section removed: {title}"),
    "vote_added": ("Punkt {n}: afstemning tilføjet{motion} ({tally})", "Item {n}: vote added{motion} ({tally})"),
    "vote_changed": ("Punkt {n}: afstemning ændret{motion} ({tally})", "Item {n}: vote changed{motion} ({tally})"),
    "vote_removed": ("Punkt {n}: afstemning fjernet{motion}", "Item {n}: vote removed{motion}"),
    "motion": (" om {text}", " on {text}"),
    "tally_for": ("for: {names}", "for: {names}"),
    "tally_against": ("imod: {names}", "against: {names}"),
    "tally_abstained": ("undlod at stemme: {names}", "abstained: {names}"),
    "tally_none": ("ingen stemmer noteret", "no votes recorded"),
    "statement_added": ("Punkt {n}: {what} tilføjet ({by})", "Item {n}: {what} added ({by})"),
    "statement_changed": ("Punkt {n}: {what} ændret ({by})", "Item {n}: {what} changed ({by})"),
    "statement_removed": ("Punkt {n}: {what} fjernet ({by})", "Item {n}: {what} removed ({by})"),
    "inhabil": ("Punkt {n}: {name} inhabil", "Item {n}: {name} had a conflict of interest"),
    "item_absent": ("Punkt {n}: {name} deltog ikke", "Item {n}: {name} took no part"),
    "item_absent_removed": ("Punkt {n}: {name} deltog alligevel", "Item {n}: {name} took part after all"),
    # follow-up actions
    "action_opened": ("Ny opfølgning på punkt {n}: {what}{who}", "Action opened on item {n}: {what}{who}"),
    "action_added": ("Opfølgning tilføjet på punkt {n}: {what}{who}", "Action added on item {n}: {what}{who}"),
    "action_removed": ("Opfølgning fjernet fra punkt {n}: {what}", "Action removed from item {n}: {what}"),
    "action_done": ("Opfølgning på punkt {n} udført{when}: {what} ({old} → {new})", "Action on item {n} done{when}: {what} ({old} → {new})"),
    "action_dropped": ("Opfølgning på punkt {n} opgivet: {what} ({old} → {new})", "Action on item {n} dropped: {what} ({old} → {new})"),
    "action_reopened": ("Opfølgning på punkt {n} genåbnet: {what} ({old} → {new})", "Action on item {n} reopened: {what} ({old} → {new})"),
    "done_on": (" den {date}", " on {date}"),
    "due": ("frist {date}", "due {date}"),
    # plans
    "goal_added": ("Mål tilføjet: {title}", "Goal added: {title}"),
    "goal_removed": ("Mål fjernet: {title}", "Goal removed: {title}"),
    "goal_assessment": ("Mål {id}: vurdering {old} → {new}", "Goal {id}: assessment {old} → {new}"),
    "goal_direction": ("Mål {id}: retning {old} → {new}", "Goal {id}: direction {old} → {new}"),
    "measurement_added": ("Mål {id}: ny måling {date}: {new}", "Goal {id}: new measurement {date}: {new}"),
    "measurement_changed": ("Mål {id}: måling {date}: {old} → {new}", "Goal {id}: measurement {date}: {old} → {new}"),
    "measurement_removed": ("Mål {id}: måling {date} fjernet", "Goal {id}: measurement {date} removed"),
    "milestone_added": ("Milepæl tilføjet: {title}", "Milestone added: {title}"),
    "milestone_removed": ("Milepæl fjernet: {title}", "Milestone removed: {title}"),
    # initiatives
    "reach_added": ("Rækkevidde {period}: {participants}, {relations}", "Reach {period}: {participants}, {relations}"),
    "reach_removed": ("Rækkevidde {date} fjernet", "Reach {date} removed"),
    "reach_from": ("Rækkevidde {date}: periodens start {old} → {new}", "Reach {date}: period start {old} → {new}"),
    "period": ("{start}–{end}", "{start} to {end}"),
    "participants": ("{count} deltagere", "{count} participants"),
    "participants_none": ("deltagere ikke talt", "participants not counted"),
    "relations": ("{count} nye relationer", "{count} new relations"),
    "relations_none": ("nye relationer ikke talt", "new relations not counted"),
    "budget_added": ("{line} tilføjet: {new}", "{line} added: {new}"),
    "budget_changed": ("{line}: {old} → {new}", "{line}: {old} → {new}"),
    "budget_removed": ("{line} fjernet (var {old})", "{line} removed (was {old})"),
    "budget": ("Budget", "Budget"),
    # records and files with errors
    "invalid_at": ("{path}: ugyldig {at}: {problem}", "{path}: invalid {at}: {problem}"),
    "at_revision": ("i {rev}", "at {rev}"),
    "in_working_tree": ("i arbejdsmappen", "in the working tree"),
    "raw_changed": (
        "Filen er ændret; den sammenlignes ikke felt for felt, så længe den har fejl",
        "The file changed; it is not compared field by field while it has errors",
    ),
    # what a record is and what happened to it
    "nothing": ("intet", "nothing"),
    "not_given": ("ikke angivet", "not given"),
}

# The label of a field in a message: (da, en); a key not here is shown as written.
FIELDS: dict[str, tuple[str, str]] = {
    "abstained": ("undlod at stemme", "abstained"),
    "absent": ("afbud", "absent"),
    "actions": ("opfølgning", "actions"),
    "against": ("imod", "against"),
    "amount": ("beløb", "amount"),
    "approved_by": ("godkendende forum", "approved by"),
    "approved_on": ("godkendelsesdato", "approved on"),
    "arrived": ("ankomst", "arrived"),
    "attachments": ("bilag", "attachments"),
    "attendees": ("deltagere", "attendees"),
    "authority": ("beslutningskompetence", "decided by"),
    "baseline": ("udgangspunkt", "baseline"),
    "body": ("forum", "body"),
    "budget": ("budget", "budget"),
    "by": ("fra", "by"),
    "case": ("sagsnr.", "case no."),
    "category": ("kategori", "category"),
    "chair": ("formand/ordstyrer", "chair"),
    "closed": ("lukket", "closed"),
    "collaborates_with": ("samarbejde på tværs", "works with"),
    "commission": ("kommissorium", "commission"),
    "composition": ("sammensætning", "composition"),
    "conflict_of_interest": ("inhabil", "conflict of interest"),
    "currency": ("valuta", "currency"),
    "date": ("dato", "date"),
    "decision": ("beslutning", "decision"),
    "depends_on": ("forudsætninger", "depends on"),
    "description": ("beskrivelse", "description"),
    "direction": ("retning", "direction"),
    "done_on": ("udførelsesdato", "done on"),
    "due": ("frist", "due"),
    "economy": ("økonomi", "finances"),
    "email": ("e-mail", "email"),
    "end": ("slut", "end"),
    "focus": ("fokus", "focus"),
    "for": ("for", "for"),
    "from": ("fra", "from"),
    "from_item": ("fra punkt", "from item"),
    "goals": ("mål", "goals"),
    "guests": ("gæster", "guests"),
    "indicator": ("indikator", "indicator"),
    "initiatives": ("indsatser", "initiatives"),
    "items": ("punkter", "items"),
    "left": ("gik", "left"),
    "location": ("sted", "place"),
    "max": ("maks.", "max"),
    "measurements": ("målinger", "measurements"),
    "members": ("medlemmer", "members"),
    "milestones": ("milepæle", "milestones"),
    "min": ("min.", "min"),
    "minutes_approved": ("godkendelse af referatet", "minutes approved"),
    "agenda_sent": ("dagsordenens udsendelse", "agenda sent"),
    "amendments": ("rettelser", "corrections"),
    "mode": ("mødeform", "format"),
    "motion": ("forslag", "motion"),
    "name": ("navn", "name"),
    "new_relations": ("nye relationer", "new relations"),
    "note": ("note", "note"),
    "notice": ("meldt afbud", "notice"),
    "organisation": ("organisation", "organisation"),
    "owner": ("ejer", "owner"),
    "owners": ("ansvarlige", "owners"),
    "parent": ("overordnet forum", "parent"),
    "participants": ("deltagere", "participants"),
    "partners": ("samarbejdspartnere", "partners"),
    "party": ("parti", "party"),
    "period": ("periode", "period"),
    "person": ("person", "person"),
    "plan": ("plan", "plan"),
    "plans": ("planer", "plans"),
    "policies": ("samspil med politik", "policies"),
    "presenters": ("fremlæggere", "presenters"),
    "principles": ("principper", "principles"),
    "priorities": ("prioriteret indsats", "priorities"),
    "proposed_by": ("forslagsstiller", "proposed by"),
    "reach": ("rækkevidde", "reach"),
    "reason": ("årsag", "reason"),
    "recommendation": ("indstilling", "recommendation"),
    "role": ("rolle", "role"),
    "secretary": ("referent", "secretary"),
    "sections": ("afsnit", "sections"),
    "size": ("størrelse", "size"),
    "source": ("kilde", "source"),
    "staff": ("fra forvaltningen", "staff"),
    "start": ("start", "start"),
    "statements": ("udtalelser", "statements"),
    "status": ("status", "status"),
    "status_note": ("statusnote", "status note"),
    "substitute": ("stedfortræder", "substitute"),
    "summary": ("resume", "summary"),
    "tags": ("tags", "tags"),
    "target": ("målsætning", "target"),
    "target_groups": ("målgrupper", "target groups"),
    "text": ("tekst", "text"),
    "theme": ("tema", "theme"),
    "themes": ("tema", "theme"),
    "title": ("titel", "title"),
    "to": ("til", "to"),
    "to_item": ("til punkt", "to item"),
    "type": ("type", "type"),
    "unit": ("enhed", "unit"),
    "url": ("url", "url"),
    "vision": ("vision", "vision"),
    "votes": ("afstemninger", "votes"),
    "what": ("hvad", "what"),
    "year": ("år", "year"),
}
# Where a record kind or a part of a record words a field its own way.
SCOPED_FIELDS: dict[tuple[str, str], tuple[str, str]] = {
    ("item", "type"): ("sagstype", "type"),
    ("item", "description"): ("sagsfremstilling", "description"),
    ("item", "absent"): ("deltog ikke", "took no part"),
    ("person", "title"): ("stilling", "job title"),
    ("initiative", "owner"): ("ansvarlig", "owner"),
}

# Where a field sits inside a record: {f} is the field's label.
CONTEXTS: dict[str, tuple[str, str]] = {
    "item": ("{f} på punkt {key}", "item {key} {f}"),
    "action": ("{f} for opfølgningen »{key}«", 'action "{key}" {f}'),
    "goal": ("{f} for mål {key}", "goal {key} {f}"),
    "milestone": ("{f} for milepæl {key}", "milestone {key} {f}"),
    "reach": ("{f} i opgørelsen {key}", "reach {key} {f}"),
    "member": ("{f} for medlem {key}", "member {key} {f}"),
    "absent": ("{f} til afbud fra {key}", "absence {key} {f}"),
    "absent_no_notice": ("{f} til fravær for {key}", "absence {key} {f}"),
    "staff": ("{f} for {key} fra forvaltningen", "staff {key} {f}"),
    "attendee": ("{f} for deltager {key}", "attendee {key} {f}"),
}

# The words of a goal's assessment and direction; other values come from render/labels.py.
OWN_VALUES: dict[str, dict[str, str]] = {
    "da": {
        "not_started": "ikke startet", "on_track": "på rette spor", "at_risk": "i risiko",
        "off_track": "ikke på rette spor", "achieved": "nået", "increase": "stigning", "decrease": "fald",
        "dissent": "mindretalsudtalelse", "protocol_note": "protokoltilførsel",
    },
    "en": {
        "not_started": "not started", "on_track": "on track", "at_risk": "at risk",
        "off_track": "off track", "achieved": "achieved", "increase": "increase", "decrease": "decrease",
        "dissent": "minority statement", "protocol_note": "note to the minutes",
    },
}
# Fields whose values are words of the format (a status, a type), read in the chosen language.
ENUM_FIELDS = ("status", "type", "mode", "category", "direction")
TIME_FIELDS = ("start", "end", "arrived", "left")

KIND_TITLES: dict[str, dict[str, str]] = {
    "da": {"meeting": "Møder", "plan": "Planer", "initiative": "Indsatser", "body": "Forummer", "person": "Personer", "file": "Filer med fejl"},
    "en": {"meeting": "Meetings", "plan": "Plans", "initiative": "Initiatives", "body": "Bodies", "person": "People", "file": "Files with errors"},
}
KIND_NAMES: dict[str, dict[str, str]] = {
    "da": {"meeting": "møde", "plan": "plan", "initiative": "indsats", "body": "forum", "person": "person", "file": "fil"},
    "en": {"meeting": "meeting", "plan": "plan", "initiative": "initiative", "body": "body", "person": "person", "file": "file"},
}
CHANGE_WORDS: dict[str, dict[str, str]] = {
    "da": {"added": "tilføjet", "removed": "fjernet", "changed": "ændret", "invalid": "har fejl"},
    "en": {"added": "added", "removed": "removed", "changed": "changed", "invalid": "has errors"},
}
REPORT: dict[str, dict[str, str]] = {
    "da": {
        "heading": "### Ændringer ({base} → {head})",
        "none": "Ingen ændringer mellem {base} og {head}.",
        "working_tree": "arbejdsmappen",
        "error": "fejl",
        "warning": "advarsel",
    },
    "en": {
        "heading": "### Changes to the records ({base} → {head})",
        "none": "No changes to the records between {base} and {head}.",
        "working_tree": "working tree",
        "error": "error",
        "warning": "warning",
    },
}


def check_lang(lang: str) -> int:
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}: expected one of {', '.join(LANGS)}")
    return LANGS.index(lang)


def say(key: str, lang: str, **values: Any) -> str:
    """The message `key` in the language, its blanks filled in with the values as given."""
    return MESSAGES[key][check_lang(lang)].format(**values)


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def field_label(key: Any, lang: str, scope: str = "") -> str:
    pair = SCOPED_FIELDS.get((scope, key)) if isinstance(key, str) else None
    pair = pair or (FIELDS.get(key) if isinstance(key, str) else None)
    return pair[check_lang(lang)] if pair else str(key)


def in_context(context: str, key: str, lang: str):
    """The label maker of a field inside a part of a record (an item, a goal): field label -> label."""
    template = CONTEXTS[context][check_lang(lang)]
    return lambda f: template.format(f=f, key=key)


def value_word(value: Any, lang: str) -> str | None:
    """A value of the format (planned, on_track) in words; None when it is no such value."""
    if not isinstance(value, str):
        return None
    own = OWN_VALUES[lang].get(value)
    if own:
        return own
    from ensomhed_cli.render.labels import VALUES

    return VALUES.get(lang, {}).get(value)


def number(value: Any, lang: str) -> str:
    """A figure: a decimal comma in Danish (12,5), a point in English."""
    text = str(value)
    if isinstance(value, float) and lang == "da":
        return text.replace(".", ",")
    return text


def amount(value: Any, lang: str) -> str:
    """Money with thousands separated: 150.000 in Danish, 150,000 in English."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return short(value, lang)
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    return text.translate(str.maketrans(",.", ".,")) if lang == "da" else text


_TIME = re.compile(r"^\d\d:\d\d$")


def clock(value: Any, lang: str) -> str:
    """A time of day: 17.30 in Danish, 17:30 in English."""
    if isinstance(value, str) and _TIME.match(value) and lang == "da":
        return value.replace(":", ".")
    return short(value, lang)


def short(value: Any, lang: str = "en") -> str:
    """A value on one line of at most 80 characters; nothing written is `intet`/`nothing`."""
    if value is None:
        return MESSAGES["nothing"][check_lang(lang)]
    if isinstance(value, (dict, list)):
        value = json.dumps(value, ensure_ascii=False)
    elif isinstance(value, float):
        value = number(value, lang)
    text = " ".join(str(value).split())
    return text if len(text) <= SHORT else text[: SHORT - 1] + "…"
