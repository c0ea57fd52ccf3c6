"""`ensomhed lsp`: a Language Server (pygls) over stdio for records.

The protocol's side only: which repository a document belongs to, the editor's units
(LSP lines are 0-based, columns in UTF-16 code units unless the client agreed on
another encoding; check's are 1-based code points) and the features. What the records
say is the workspace's (live/workspace.py, workspace_nav.py).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any, BinaryIO, Protocol, cast

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.uris import to_fs_path

from ensomhed_cli import __version__
from ensomhed_cli.diagnostics import ERROR, Diagnostic
from ensomhed_cli.live import workspace_nav as nav
from ensomhed_cli.live.workspace import Workspace, record_rel
from ensomhed_cli.paths import RepositoryNotFound, find_root

MAX_MESSAGE_BYTES = 32 * 1024 * 1024  # far above a record's 2 MiB; a larger message is dropped unread
MAX_HEADER_BYTES = 8192

log = logging.getLogger("ensomhed.lsp")


class BoundedInput:
    """stdin as pygls reads it, within limits: a huge header line or message body is never held."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.overflowed = False

    def readline(self) -> bytes:
        return self.stream.readline(MAX_HEADER_BYTES)

    def read(self, n: int) -> bytes:
        if n <= MAX_MESSAGE_BYTES:
            return self.stream.read(n)
        # Read whole, it could exhaust memory; skipped, the framing would hang on it. Ended.
        print(f"ensomhed lsp: error: a message of {n} bytes is too large (at most {MAX_MESSAGE_BYTES}); stopping", file=sys.stderr)
        self.overflowed = True
        return b""


class RecordsProtocol(LanguageServerProtocol):
    """pygls's protocol, but a request whose params do not fit its type is answered with an
    error (pygls only logs it, and the client would wait for ever)."""

    def structure_message(self, data: Any) -> Any:
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            if "method" in data and isinstance(data.get("id"), (int, str)) and not isinstance(data.get("id"), bool):
                error = lsp.ResponseError(code=exc.code, message=f"{data['method']}: the params are not what the method takes")
                self._send_response(data["id"], error=error)
            raise


class RecordsServer(LanguageServer):
    def __init__(self, root: Path | None = None, jobs: int | None = None) -> None:
        super().__init__(
            "ensomhed", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental, protocol_cls=RecordsProtocol
        )
        self.start_root = root
        self.jobs = jobs
        self.repos: dict[Path, Workspace] = {}
        self.uris: dict[tuple[Path, str], str] = {}  # (root, record path) -> the uri the editor uses
        self.exit_without_shutdown = False

    # --- documents and repositories --------------------------------------------------------

    def repository(self, folder: Path) -> Workspace | None:
        """The workspace of the repository around `folder` (loaded on first use)."""
        for root, ws in self.repos.items():
            if folder == root or root in folder.parents:
                return ws
        try:
            root = find_root(folder)
        except (RepositoryNotFound, OSError):
            return None
        ws = Workspace(root, jobs=self.jobs)
        self.repos[ws.root] = ws
        self.publish(ws, ws.load())
        return ws

    def locate(self, uri: str) -> tuple[Workspace, str] | None:
        """(workspace, record path) of a document; None for one that is no record of a repository."""
        if not uri.startswith("file:"):
            return None
        path = to_fs_path(uri)
        if not path:
            return None
        ws = self.repository(Path(path).parent.resolve())
        rel = record_rel(ws.root, Path(path)) if ws is not None else None
        if ws is None or rel is None:
            return None
        self.uris.setdefault((ws.root, rel), uri)
        return ws, rel

    def uri(self, ws: Workspace, rel: str) -> str:
        return self.uris.get((ws.root, rel)) or (ws.root / rel).as_uri()

    def publish(self, ws: Workspace, changed: dict[str, list[Diagnostic]]) -> None:
        for rel in sorted(changed):
            lines = (ws.text(rel) or "").split("\n")
            params = lsp.PublishDiagnosticsParams(uri=self.uri(ws, rel), diagnostics=[self.diagnostic(lines, d) for d in changed[rel]])
            self.text_document_publish_diagnostics(params)

    # --- units -----------------------------------------------------------------------------

    def to_client(self, lines: list[str], line: int, char: int) -> lsp.Position:
        if line >= len(lines):
            return lsp.Position(line=max(line, 0), character=0)
        units = self.workspace.position_codec.client_num_units(lines[line][:char])
        return lsp.Position(line=line, character=units)

    def span(self, lines: list[str], span: tuple[int, int, int]) -> lsp.Range:
        line, start, end = span
        return lsp.Range(start=self.to_client(lines, line, start), end=self.to_client(lines, line, end))

    def from_client(self, uri: str, position: lsp.Position) -> tuple[int, int]:
        lines = self.workspace.get_text_document(uri).lines
        found = self.workspace.position_codec.position_from_client_units(lines, position)
        return found.line, found.character

    def diagnostic(self, lines: list[str], d: Diagnostic) -> lsp.Diagnostic:
        line, col = max(d.line - 1, 0), max(d.column - 1, 0)
        end = nav.token_end(lines[line], col) if line < len(lines) else col
        severity = lsp.DiagnosticSeverity.Error if d.severity == ERROR else lsp.DiagnosticSeverity.Warning
        return lsp.Diagnostic(range=self.span(lines, (line, col, end)), message=d.message, severity=severity, code=d.code, source="ensomhed")


def build_server(root: Path | None = None, jobs: int | None = None) -> RecordsServer:
    server = RecordsServer(root, jobs)
    features = _Features(server)
    features.register()
    return server


class _AtPosition(Protocol):
    """The params of a request about a place in a document (hover, completion, definition…)."""

    @property
    def text_document(self) -> lsp.TextDocumentIdentifier: ...
    @property
    def position(self) -> lsp.Position: ...


class _Features:
    """The LSP features, each a method of this class registered with pygls."""

    def __init__(self, server: RecordsServer) -> None:
        self.server = server

    def register(self) -> None:
        s = self.server
        completion = lsp.CompletionOptions(trigger_characters=[":", " ", "-", "[", ","])
        for method, handler, options in (
            (lsp.INITIALIZED, self.initialized, None),
            (lsp.TEXT_DOCUMENT_DID_OPEN, self.changed, None),
            (lsp.TEXT_DOCUMENT_DID_CHANGE, self.changed, None),
            (lsp.TEXT_DOCUMENT_DID_CLOSE, self.closed, None),
            (lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES, self.watched, None),
            (lsp.TEXT_DOCUMENT_COMPLETION, self.completion, completion),
            (lsp.TEXT_DOCUMENT_HOVER, self.hover, None),
            (lsp.TEXT_DOCUMENT_DEFINITION, self.definition, None),
            (lsp.TEXT_DOCUMENT_REFERENCES, self.references, None),
            (lsp.TEXT_DOCUMENT_DOCUMENT_SYMBOL, self.symbols, None),
            (lsp.EXIT, self.exiting, None),
        ):
            s.feature(method, options)(_plain(handler))

    def exiting(self, *args: Any) -> None:
        self.server.exit_without_shutdown = not self.server.protocol._shutdown

    def initialized(self, params: lsp.InitializedParams) -> None:
        s = self.server
        folders = [Path(p) for p in ([s.start_root] if s.start_root else [])]
        for folder in s.workspace.folders.values():
            path = to_fs_path(folder.uri)
            if path:
                folders.append(Path(path))
        if s.workspace.root_path:
            folders.append(Path(s.workspace.root_path))
        for folder in folders:
            s.repository(folder.resolve())
        watched = s.client_capabilities.workspace and s.client_capabilities.workspace.did_change_watched_files
        if watched and watched.dynamic_registration:
            options = lsp.DidChangeWatchedFilesRegistrationOptions(
                watchers=[lsp.FileSystemWatcher(glob_pattern="**/records/**/*.{md,yaml,yml}")]
            )
            registration = lsp.Registration(id="ensomhed-records", method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES, register_options=options)
            s.client_register_capability(lsp.RegistrationParams(registrations=[registration]))

    def changed(self, params: lsp.DidOpenTextDocumentParams | lsp.DidChangeTextDocumentParams) -> None:
        found = self.server.locate(params.text_document.uri)
        if found is not None:
            ws, rel = found
            text = self.server.workspace.get_text_document(params.text_document.uri).source
            changed = ws.update_text(rel, text)
            if isinstance(params, lsp.DidOpenTextDocumentParams):  # an editor expects them for what it opens
                changed.setdefault(rel, ws.diagnostics(rel))
            self.server.publish(ws, changed)

    def closed(self, params: lsp.DidCloseTextDocumentParams) -> None:
        found = self.server.locate(params.text_document.uri)
        if found is not None:
            ws, rel = found
            self.server.publish(ws, ws.close(rel))
            self.server.uris.pop((ws.root, rel), None)

    def watched(self, params: lsp.DidChangeWatchedFilesParams) -> None:
        for ws in list(self.server.repos.values()):
            self.server.publish(ws, ws.rescan())

    def _at(self, params: _AtPosition) -> tuple[Any, str, int, int] | None:
        """The workspace, the record and the place a request is about; None outside records."""
        found = self.server.locate(params.text_document.uri)
        if found is None:
            return None
        line, char = self.server.from_client(params.text_document.uri, params.position)
        return (*found, line, char)

    def completion(self, params: lsp.CompletionParams) -> lsp.CompletionList | None:
        at = self._at(params)
        if at is None:
            return None
        ws, rel, line, char = at
        answer = nav.complete(ws, rel, line, char)
        if answer is None:
            return None
        items, start = answer
        lines = (ws.text(rel) or "").split("\n")
        where = self.server.span(lines, (line, min(start, char), char))
        kinds = {"key": lsp.CompletionItemKind.Property, "value": lsp.CompletionItemKind.EnumMember, "id": lsp.CompletionItemKind.Reference}
        out = []
        for n, item in enumerate(items):
            doc = lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=item.documentation) if item.documentation else None
            out.append(
                lsp.CompletionItem(
                    label=item.label,
                    kind=kinds[item.kind],
                    detail=item.detail or None,
                    documentation=doc,
                    sort_text=f"{n:05d}",
                    filter_text=item.label,
                    text_edit=lsp.TextEdit(range=where, new_text=item.insert or item.label),
                )
            )
        return lsp.CompletionList(is_incomplete=False, items=out)

    def hover(self, params: lsp.HoverParams) -> lsp.Hover | None:
        at = self._at(params)
        if at is None:
            return None
        ws, rel, line, char = at
        lines = (ws.text(rel) or "").split("\n")
        reference = nav.reference_at(ws, rel, line, char)
        if reference is not None:
            info = nav.hover_record(ws, reference[0])
            if info is None:
                return None
            return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=_record_markdown(info)), range=self.server.span(lines, reference[1]))
        key = nav.key_at(ws, rel, line, char)
        if key is not None:
            text = nav.hover_key(ws, rel, key[0])
            if text:
                return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=text), range=self.server.span(lines, key[1]))
        return None

    def definition(self, params: lsp.DefinitionParams) -> list[lsp.Location] | None:
        at = self._at(params)
        if at is None:
            return None
        ws, rel, line, char = at
        reference = nav.reference_at(ws, rel, line, char)
        target = nav.definition(ws, reference[0]) if reference else None
        if target is None:
            return None
        start = lsp.Position(line=target[1], character=0)
        return [lsp.Location(uri=self.server.uri(ws, target[0]), range=lsp.Range(start=start, end=start))]

    def references(self, params: lsp.ReferenceParams) -> list[lsp.Location] | None:
        at = self._at(params)
        if at is None:
            return None
        ws, rel, line, char = at
        reference = nav.reference_at(ws, rel, line, char)
        own = ws.summaries.get(rel)
        record_id = reference[0] if reference else (own.id if own else None)
        if record_id is None:
            return None
        out = []
        if params.context.include_declaration:
            target = nav.definition(ws, record_id)
            if target is not None:
                start = lsp.Position(line=target[1], character=0)
                out.append(lsp.Location(uri=self.server.uri(ws, target[0]), range=lsp.Range(start=start, end=start)))
        texts: dict[str, list[str]] = {}
        for path, span in nav.references_to(ws, record_id):
            lines = texts.setdefault(path, (ws.text(path) or "").split("\n"))
            out.append(lsp.Location(uri=self.server.uri(ws, path), range=self.server.span(lines, span)))
        return out

    def symbols(self, params: lsp.DocumentSymbolParams) -> list[lsp.DocumentSymbol] | None:
        found = self.server.locate(params.text_document.uri)
        if found is None:
            return None
        ws, rel = found
        lines = (ws.text(rel) or "").split("\n")
        return [self._symbol(lines, symbol) for symbol in nav.symbols(ws, rel)]

    def _symbol(self, lines: list[str], symbol: nav.Symbol) -> lsp.DocumentSymbol:
        start_line, start_col, end_line, end_col = symbol.range
        whole = lsp.Range(start=self.server.to_client(lines, start_line, start_col), end=self.server.to_client(lines, end_line, end_col))
        return lsp.DocumentSymbol(
            name=symbol.name or "?",
            kind=_SYMBOL_KINDS.get(symbol.kind, lsp.SymbolKind.Object),
            range=whole,
            selection_range=self.server.span(lines, symbol.selection),
            children=[self._symbol(lines, child) for child in symbol.children],
        )


def _plain(method: Any) -> Any:
    """A function for pygls (it marks what it registers, which a bound method cannot carry)."""

    def handler(params: Any) -> Any:
        return method(params)

    handler.__name__ = method.__name__
    return handler


_SYMBOL_KINDS = {
    "item": lsp.SymbolKind.Namespace,
    "action": lsp.SymbolKind.Event,
    "theme": lsp.SymbolKind.Module,
    "goal": lsp.SymbolKind.Field,
    "milestone": lsp.SymbolKind.Event,
    "member": lsp.SymbolKind.Property,
    "reach": lsp.SymbolKind.Number,
}


def _record_markdown(info: dict[str, str]) -> str:
    """A referenced record for a hover: its text is the records', shown, never run as Markdown."""
    from ensomhed_cli.printable import printable
    from ensomhed_cli.render.markup import md_inline

    def shown(value: str) -> str:
        return str(md_inline(printable(value, one_line=True)))

    facts = [info["kind"]] + [shown(info[k]) for k in ("status", "date", "body") if info.get(k)]
    return f"**{shown(info['name'] or info['id'])}** ({', '.join(facts)})\n\n`{info['id']}` in {shown(info['path'])}"


def serve(root: Path | None = None, jobs: int | None = None) -> int:
    """Run the server on stdin and stdout until the client says exit or closes stdin."""
    server = build_server(root, jobs)
    stdin = BoundedInput(sys.stdin.buffer)
    server.start_io(cast(BinaryIO, stdin), sys.stdout.buffer)  # pygls reads only its readline() and read(n)
    return 1 if server.exit_without_shutdown or stdin.overflowed else 0
