"""`ensomhed serve`."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from ensomhed_cli.cli.common import RootOption, fail, repository_root, say, say_, warn
from ensomhed_cli.format.rawfile import reason as os_reason

STOP_SIGNALS = ("SIGINT", "SIGTERM")


def serve(
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="The port to serve on; 0 picks a free one.")] = 8000,
    host: Annotated[
        str, typer.Option("--host", help="The address to serve on. Another than this machine's own shows the preview to the network.")
    ] = "127.0.0.1",
    public: Annotated[bool, typer.Option("--public", help="Serve the public site, as `build --public` would publish it.")] = False,
    root: RootOption = None,
) -> None:
    """Serve a live preview of the site; pages are rebuilt on every change and reload by themselves.

    The preview watches records/, templates/ and ensomhed.yaml. A page is rendered when
    it is opened and again only when a file it reads has changed. A record with errors
    does not stop the preview: the pages show the errors at the top, as `ensomhed check`
    prints them, above the page as it last was without them. Ctrl-C stops it.

    It serves on 127.0.0.1 (this machine alone). With --host it serves on another
    address, and the internal view, closed items included, is seen by the network unless
    --public is given.

    Examples:

        ensomhed serve
        ensomhed serve --public --port 8001
        ensomhed serve --port 0
    """
    import errno
    import signal
    import threading

    from ensomhed_cli.live.preview import Preview

    found = repository_root(root)
    if not _loopback(host) and not public:
        warn(
            say_(
                f"viser på {host}: den interne udgave, lukkede punkter med, kan ses fra netværket; giv --public for kun at vise det, der ville blive offentliggjort",
                f"serving on {host}: the internal view, closed items included, is visible to the network; give --public to show only what would be published",
            )
        )

    def said(message: str) -> None:
        print(f"ensomhed: {message}", file=sys.stderr, flush=True)

    try:
        preview = Preview(found, host=host, port=port, public=public, said=said)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise fail(say_(f"port {port} på {host} er optaget; giv en anden med --port, eller --port 0 for en ledig",
                            f"port {port} on {host} is in use; give another with --port, or --port 0 for a free one")) from None
        raise fail(say_(f"kan ikke vise på {host} port {port}: {os_reason(exc)}", f"cannot serve on {host} port {port}: {os_reason(exc)}")) from None
    stop = threading.Event()
    previous = {name: signal.signal(getattr(signal, name), lambda *_: stop.set()) for name in STOP_SIGNALS}
    try:
        preview.start()
        print(say_(f"ensomhed: viser {preview.url} — Ctrl-C stopper", f"ensomhed: serving {preview.url} — Ctrl-C stops"), file=sys.stderr, flush=True)
        while not stop.wait(0.2):  # a timed wait: the signal handler runs between two
            pass
    finally:
        preview.stop()
        for name, handler in previous.items():
            signal.signal(getattr(signal, name), handler)
    say(say_("ensomhed: stoppet", "ensomhed: stopped"))


def _loopback(host: str) -> bool:
    import ipaddress

    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
