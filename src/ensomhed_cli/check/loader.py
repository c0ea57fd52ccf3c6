"""Loading a repository, stage by stage.

    discover files -> read and parse each -> build the typed record -> the record's
    own rules -> a summary -> the rules across records (on the summaries)

Each stage returns its results and its diagnostics; a bad file never stops the
others from being read, and every problem in the repository is reported in one run.
`process_file` is the per-file part; `checker` runs it in parallel and caches it.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ensomhed_cli.check.record_summary import Summary, loc_text, loc_tuple
from ensomhed_cli.check.references import summarize, written_summary
from ensomhed_cli.check.repository import Repository
from ensomhed_cli.check.rules.across import run_across_rules
from ensomhed_cli.check.rules.common import Context, settings_language
from ensomhed_cli.check.rules.record import run_record_rules, run_text_rules
from ensomhed_cli.diagnostics import ERROR, Diagnostic, messages_for, say, sort_diagnostics
from ensomhed_cli.format.config import CONFIG_FILE, Config
from ensomhed_cli.format.discovery import bulk, discover, leads_outside, template_problems
from ensomhed_cli.format.fieldtypes import SLUG_RE
from ensomhed_cli.format.schema import KINDS, Record
from ensomhed_cli.format.source import SourceDoc, parse_text, read_record
from ensomhed_cli.format.typed import build_record_or_partial, translate_errors
from ensomhed_cli.paths import relative


@dataclass
class FileResult:
    """Everything one file contributes: its record (when valid), problems and summary."""

    rel: str
    record: Record | None
    diagnostics: list[Diagnostic]
    summary: Summary | None


def load(root: Path, today: dt.date | None = None) -> tuple[Repository, list[Diagnostic]]:
    """Load and check the repository at `root` (found with config.find_root); dates are
    judged against `today` (default: the real one)."""
    root = root.resolve()
    with bulk(), messages_for(settings_language(root)):
        config, diagnostics = load_config(root)
        ctx = Context(root, config, today or dt.date.today())
        files, found = discover(root)
        diagnostics.extend(found)
        diagnostics.extend(template_problems(root))
        results = [process_file(file, relative(file, root), ctx) for file in files]
        records = [r.record for r in results if r.record is not None]
        summaries = [r.summary for r in results if r.summary is not None]
        for r in results:
            diagnostics.extend(r.diagnostics)
        diagnostics.extend(run_across_rules(summaries, ctx))
        repo = Repository(root=root, config=config, records=records, files=len(files), summaries=summaries)
    return repo, sort_diagnostics(diagnostics)


def process_file(file: Path, rel: str, ctx: Context) -> FileResult:
    """Read, parse and validate one record file, and run the record's own rules; every
    message in the repository's language (ctx.lang)."""
    with messages_for(ctx.lang):
        return process_doc(read_record(file, rel), rel, ctx)


def process_text(text: str, rel: str, ctx: Context) -> FileResult:
    """As process_file, for a record's text held in memory (an editor's unsaved buffer),
    decoded as rawfile.decode gives it: no BOM, LF line ends."""
    with messages_for(ctx.lang):
        return process_doc(parse_text(text, rel), rel, ctx)


def process_doc(doc: SourceDoc, rel: str, ctx: Context) -> FileResult:
    with messages_for(ctx.lang):
        return _process_doc(doc, rel, ctx)


def _process_doc(doc: SourceDoc, rel: str, ctx: Context) -> FileResult:
    problems = list(doc.diagnostics)
    record, partial, built = build_record_or_partial(doc)
    problems.extend(built)
    # Every text as written, whatever else is wrong with the record: nothing personal is
    # published, no closed block is left open.
    problems.extend(run_text_rules(doc, ctx))
    if record is None:
        # Every problem in one run: its id and the references it writes still count, and the
        # record's own rules judge what the schema accepted of it (format/partial.py).
        judged = None
        if partial is not None:
            problems.extend(partial.judged(run_record_rules(partial.record, ctx)))
            judged = partial.record
        identity = identify(doc.data, rel) if doc.data is not None else None
        summary = written_summary(rel, identity[0], identity[1], doc.data, judged) if identity else None  # type: ignore[arg-type]
        if summary is not None and partial is not None and summary.facts:
            summary = summary._replace(facts=_facts_as_written(summary.facts, partial))
        return FileResult(rel, None, problems, summary)
    problems.extend(run_record_rules(record, ctx))
    return FileResult(rel, record, problems, summarize(record, "id" in (doc.data or {})))


def _facts_as_written(facts: dict, partial) -> dict:
    """A partial record's facts with each voter's place as written in the file, leaving out
    the voters of a part that lost a value, and every voter where who was present lost one
    (format/partial.py)."""
    if partial.pruned.reads_lost("absent-and-voting"):
        return {**facts, "voters": []}  # who was present is not known: no vote is judged
    voters = []
    for loc, voter in facts.get("voters", []):
        place = partial.place(loc_tuple(loc))
        if place is not None:
            voters.append([loc_text(place), voter])
    return {**facts, "voters": voters}


def identify(data: dict, rel: str) -> tuple[str, str] | None:
    """(kind, id) of a record that failed the schema, when those can be told."""
    kind = data.get("kind")
    record_id = data.get("id")
    if record_id is None:
        record_id = PurePosixPath(rel).stem
    if isinstance(kind, str) and kind in KINDS and isinstance(record_id, str) and SLUG_RE.fullmatch(record_id):
        return kind, record_id
    return None


def load_config(root: Path) -> tuple[Config, list[Diagnostic]]:
    """ensomhed.yaml, validated like a record; defaults when it is missing or broken. Its
    problems are said in the language it names."""
    with messages_for(settings_language(root)):
        return _load_config(root)


def _load_config(root: Path) -> tuple[Config, list[Diagnostic]]:
    from pydantic import ValidationError

    file = root / CONFIG_FILE
    if not os.path.lexists(file):
        return Config(), []
    outside = leads_outside(file, root)
    if outside:
        message = say(f"{CONFIG_FILE} {outside}; den læses ikke", f"{CONFIG_FILE} {outside}; it is not read")
        return Config(), [Diagnostic(CONFIG_FILE, 1, 1, ERROR, "outside-repository", message)]
    # Read as a record is: a FIFO or device is refused unread, a huge file by its size.
    doc = read_record(file, CONFIG_FILE, allow_empty=True)  # every key is optional
    if doc.diagnostics:
        return Config(), list(doc.diagnostics)
    if doc.data is None:
        return Config(), []
    try:
        return Config.model_validate(doc.data), []
    except ValidationError as exc:
        return Config(), translate_errors(exc, Config, doc.locator, None)


__all__ = ["ERROR", "FileResult", "bulk", "discover", "identify", "load", "load_config", "process_file", "process_text"]
