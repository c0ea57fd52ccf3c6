"""Personal data in the records (format 1.2, the `personal-data` rules): what must never be published.

A municipality's minutes and plans are published, and Datatilsynet has criticised
municipalities for CPR numbers and citizens' health details in published minutes. So
`check` reads every text of every record as written (titles, names, free text, decisions,
attachment titles and file names, the Markdown body), whatever else is wrong with it:

- a Danish CPR number (DDMMYY-NNNN, or ten digits whose first six are a valid date, with or
  without a dash or a space) is an error wherever it stands, closed text included: the
  records and their git history are no place for one;
- a phone number, an e-mail address, or a word of health, social-case or criminal matters
  (a diagnosis, "indlagt", "anbragt", "misbrug", "dømt" …) in the same sentence as a
  person's first name, or in an absence reason, is a warning, unless it stands in closed
  text (a closed item's contents, a closed section or bilag, a `::: lukket` block) or the
  settings' `privacy.allow` lists it (the switchboard's number, the municipality's domain).

A general statement ("borgere med demens", "ældre der bor alene") names no one and raises
nothing. A name alone is not flagged: a member's name is meant to be published. What is
not found here (a name with a rare first name, a diagnosis in other words) the secretary
must still see to: SECURITY.md says what this check can and cannot do.

The messages never repeat what was found in full: they are printed in CI logs.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from ensomhed_cli.check.rules.common import Context
from ensomhed_cli.check.rules.texts import located, texts
from ensomhed_cli.diagnostics import ERROR, WARNING, Diagnostic
from ensomhed_cli.format.closed_text import closed_blocks
from ensomhed_cli.format.source import SourceDoc

# Ten digits, the first six a date: 010203-1234, 0102031234, 010203 1234.
CPR = re.compile(r"(?<![\d.,:-])(\d{2})(\d{2})(\d{2})[ \t]?-?[ \t]?(\d{4})(?![\d]|[.,/:-]\d)")
# Eight digits as Danish numbers are written (12345678, 12 34 56 78, 1234 5678), maybe +45.
PHONE = re.compile(r"(?<![\w+.,/:-])(?:(?:\+|00)45[ \t]?)?(?:[2-9]\d(?:[ \t]?\d{2}){3}|[2-9]\d{3}[ \t]\d{4})(?![\w]|[.,/:-]\d)")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# Words of health, social-case and criminal matters (GDPR art. 9 and 10, databeskyttelsesloven
# § 8): each the start of a word, so that "indlagt", "indlæggelse" and "indlæggelsen" are found.
SENSITIVE = re.compile(
    r"\b(?:diagnos\w*|skizofren\w*|psykose\w*|psykotisk\w*|bipolar\w*|depressi\w*|demen[st]\w*|alzheimer\w*"
    r"|parkinson\w*|sklerose\w*|epilepsi\w*|kræft\w*|cancer\w*|blodprop\w*|hjerneblødning\w*|apopleksi\w*"
    r"|diabet\w*|hiv|aids|autis\w*|adhd|anoreksi\w*|bulimi\w*|selvmord\w*|selvskad\w*|psykiatrisk\w*"
    r"|indlagt\w*|indlæggelse\w*|sygemeld\w*|sygdom\w*|syg|misbrug\w*|alkoholi\w*|narkoman\w*|afvænning\w*"
    r"|afrusning\w*|anbragt\w*|anbringelse\w*|tvangsfjern\w*|underretning\w*|dømt|domfæld\w*|straffet"
    r"|fængsel\w*|fængslet|afsone\w*|afsoning\w*|sigtet|tiltalt|anholdt|kriminel\w*|voldsdømt\w*)\b",
    re.IGNORECASE,
)
# Common Danish first names (Danmarks Statistik's most frequent, and some): a capitalized one is
# taken to name a person. Those that are also words are names only inside a sentence or
# before a surname.
FIRST_NAMES = frozenset(
    """Aage Agnes Ahmed Aisha Aksel Alberte Alexander Ali Allan Alma Amalie Andreas Anders Anette Anita
    Anja Ann Anna Anne Annette Annie Anton Arne Asger Astrid August Axel Bent Bente Benny Birgit Birgitte
    Birte Birthe Bjarne Bjørn Bo Bodil Brian Camilla Carina Carl Carsten Caroline Cecilie Charlotte
    Christian Christina Christine Claus Clara Connie Cæcilie Daniel Dennis Dorte Dorthe Ebbe Edith Ejner
    Elias Elin Elisabeth Ella Ellen Else Emil Emilie Emma Erik Erling Esben Eva Fatima Finn Flemming Frank
    Frederik Freja Gerda Gert Gitte Grethe Gudrun Gunnar Hanna Hanne Hans Hassan Hedvig Heidi Helene Helge
    Helle Henning Henrik Henriette Holger Ib Ida Inge Inger Ingrid Jacob Jakob Jan Jane Jannie Jens Jesper
    Jette Jimmi Johannes John Jon Jonas Josefine Julie Jytte Jørgen Kaj Karen Karin Karina Karl Kasper
    Katrine Kenneth Kim Kirsten Kirstine Klaus Knud Kristian Kristina Kristine Kurt Lars Lasse Laura Leif
    Lene Lis Lisa Lisbeth Lise Lone Lotte Louise Lucas Magnus Maj Maja Malene Malthe Margit Maria Marianne
    Marie Martin Mathias Mathilde Merete Mette Mia Michael Mikkel Mogens Mohammed Mona Morten Nanna Niels
    Nikolaj Nina Noah Ole Oliver Omar Otto Palle Per Peter Pia Poul Preben Rasmus René Rene Rikke Rita Ruth
    Sanne Sara Sebastian Signe Simon Sofie Solveig Steen Stine Susanne Svend Sven Søren Tage Tanja Thomas
    Tina Tine Tobias Tommy Torben Tove Trine Ulla Ulrik Vagn Verner Vibeke Victor Villy William Yvonne""".split()
)
AMBIGUOUS = frozenset({"Bo", "Per", "Maj", "Tage", "Ella", "Kim", "Lis", "Mona", "Eva", "Ali", "Bent"})
_WORD = re.compile(r"[A-ZÆØÅÉ][a-zæøåé]+(?:-[A-ZÆØÅ][a-zæøåé]+)?")
# Sentences end at . ! ? followed by space and a capital letter, at a line break and at ; —
# but not after a short abbreviation (kl., pkt., jf., f.eks.).
_SENTENCE = re.compile(r"(?<!\bkl)(?<!\bpkt)(?<!\bjf)(?<!\bca)(?<!\bnr)(?<!\bbl\.a)(?<!\beks)[.!?;]+\s+|\n+")

def check_personal_data(doc: SourceDoc, ctx: Context) -> list[Diagnostic]:
    """Every personal-data problem in one record file as written (its data and body)."""
    if doc.data is None:
        return []
    allow = [a for a in (_allowed(ctx)) if a]
    out: list[Diagnostic] = []
    for loc, text, closed in texts(doc.data):
        out.extend(_scan(doc, loc, text, closed, allow, ctx))
    if doc.body and doc.body.strip():
        out.extend(_scan(doc, ("description",), doc.body, False, allow, ctx, body=True))
    return out


def _allowed(ctx: Context) -> list[str]:
    privacy = getattr(ctx.config, "privacy", None)
    return list(getattr(privacy, "allow", None) or [])


def _is_absence_reason(loc: tuple) -> bool:
    return loc[-1:] == ("reason",) and ("absent" in loc)


def _scan(doc: SourceDoc, loc: tuple, text: str, closed: bool, allow: list[str], ctx: Context, body: bool = False) -> Iterator[Diagnostic]:
    if not any(ch.isdigit() for ch in text) and "@" not in text and SENSITIVE.search(text) is None:
        return  # the common case: nothing that could be personal data
    for word in allow:  # allowed text is blanked out, keeping every offset
        text = text.replace(word, " " * len(word))
    blocks, _ = closed_blocks(text)

    def in_closed(offset: int) -> bool:
        return closed or any(start <= offset < end for start, end in blocks)

    for found in CPR.finditer(text):
        if _valid_date(*found.groups()[:3]):
            yield located(doc, loc, text, found.start(), body, ERROR, "personal-data-cpr", ctx.say(
                f"et CPR-nummer ({_masked(found.group(0))}): CPR-numre hører ikke hjemme i posterne, heller ikke i lukket tekst,"
                " for posterne og deres git-historik kan læses af mange; fjern det, og skriv sagsnummeret i stedet",
                f"a CPR number ({_masked(found.group(0))}): CPR numbers do not belong in the records, closed text included,"
                " for the records and their git history are read by many; remove it, and give the case number instead",
            ))
    reason = _is_absence_reason(loc)
    for sentence_start, sentence in _sentences(text):
        name = None if reason else _first_name(sentence)
        if not reason and name is None:
            continue
        where = ctx.say("i en fraværsgrund", "in an absence reason") if reason else ctx.say(
            f"i samme sætning som navnet {name}", f"in the same sentence as the name {name}"
        )
        for pattern, code, what_da, what_en in (
            (PHONE, "personal-data-phone", "et telefonnummer", "a phone number"),
            (EMAIL, "personal-data-email", "en e-mailadresse", "an e-mail address"),
            (SENSITIVE, "personal-data-health", "en oplysning om helbred, sociale forhold eller strafbare forhold",
             "a detail of health, social or criminal matters"),
        ):
            for found in pattern.finditer(sentence):
                if code == "personal-data-phone" and _looks_like_years(found.group(0)):
                    continue
                offset = sentence_start + found.start()
                if in_closed(offset):
                    continue
                shown = _masked(found.group(0)) if code != "personal-data-health" else f"»{found.group(0)}«"
                yield located(doc, loc, text, offset, body, WARNING, code, ctx.say(
                    f"{what_da} ({shown}) {where}: offentliggøres det, er det en personoplysning; fjern det, skriv det i lukket"
                    " tekst (`::: lukket`), eller skriv det under `privacy.allow` i ensomhed.yaml, hvis det er kommunens eget",
                    f"{what_en} ({shown}) {where}: published, it is personal data; remove it, put it in closed text"
                    " (`::: lukket`), or list it under `privacy.allow` in ensomhed.yaml if it is the municipality's own",
                ))


def _sentences(text: str) -> Iterator[tuple[int, str]]:
    start = 0
    for end in _SENTENCE.finditer(text):
        yield start, text[start : end.start()]
        start = end.end()
    yield start, text[start:]


def _first_name(sentence: str) -> str | None:
    """The first person's first name in a sentence, if any (see FIRST_NAMES and AMBIGUOUS)."""
    words = list(_WORD.finditer(sentence))
    for n, word in enumerate(words):
        name = word.group(0).split("-")[0]
        if name not in FIRST_NAMES:
            continue
        if name in AMBIGUOUS:
            at_start = not sentence[: word.start()].strip()
            followed = n + 1 < len(words) and sentence[word.end() : words[n + 1].start()].strip() == ""
            if at_start and not followed:
                continue
        return name
    return None


def _valid_date(day: str, month: str, year: str) -> bool:
    try:
        dt.date(2000 if (int(year) % 4 == 0) else 2001, int(month), int(day))
    except ValueError:
        return False
    return True


def _looks_like_years(text: str) -> bool:
    """"2022 2023": two years, not a phone number."""
    parts = text.split()
    return len(parts) == 2 and all(len(p) == 4 and p[:2] in ("19", "20", "21") for p in parts)


def _masked(text: str) -> str:
    """What was found, with its digits and letters but the first two hidden: enough to find it."""
    shown = 0
    out = []
    for ch in text:
        if ch.isalnum():
            out.append(ch if shown < 2 else "•")
            shown += 1
        else:
            out.append(ch)
    return "".join(out)
