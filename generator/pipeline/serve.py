"""`runlift serve`: build, serve the site on 127.0.0.1, and build again when an input changes.

Served HTML pages get a small script that asks the server for the build's version and reloads
the page when it moves, and, while a profile has mistakes, a banner with them; both exist only in
the responses, never in the files on disk. A profile with mistakes keeps its last good pages, as
in any build. Nothing here prints: each build's outcome goes to the caller as an `Event`.
"""

from __future__ import annotations

import functools
import http.server
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from markupsafe import escape

from ..errors import RunliftError
from ..inputs.discovery import club_folder
from .build import BUILTIN_EXERCISES, BuildOptions, BuildReport, build_club

VERSION_PATH = "/__runlift/version"
RELOAD_SCRIPT = (
    "<script>(function(){var seen=null;function ask(){fetch(\"" + VERSION_PATH + "\","
    "{cache:\"no-store\"}).then(function(r){return r.json()}).then(function(d){"
    "if(seen!==null&&d.version!==seen){location.reload()}seen=d.version})"
    ".catch(function(){}).finally(function(){setTimeout(ask,400)})}ask()})();</script>")
BANNER_STYLE = ("position:sticky;top:0;z-index:100;margin:0;padding:.75rem 1rem;background:#7a0000;"
                "color:#fff;font:14px/1.4 sans-serif;white-space:pre-wrap")


@dataclass
class Event:
    """One build of the session: its report, or the error that stopped it."""

    report: BuildReport | None
    error: str | None = None


class _Live:
    """What the served pages need to know: the build's version and its mistakes, if any."""

    def __init__(self) -> None:
        self.version = 0
        self.problems = ""
        self.lock = threading.Lock()

    def update(self, problems: str, wrote: bool) -> None:
        with self.lock:
            if wrote or problems != self.problems:
                self.version += 1
            self.problems = problems


class _Handler(http.server.SimpleHTTPRequestHandler):
    live: _Live

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        url_path = self.path.split("?")[0].split("#")[0]
        if url_path == VERSION_PATH:
            self._send(json.dumps({"version": self.live.version}).encode(), "application/json")
            return
        path = Path(self.translate_path(self.path))
        if path.is_dir() and url_path.endswith("/"):
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            self._send(self._page(path), "text/html; charset=utf-8")
            return
        super().do_GET()  # everything else as it is on disk (a folder without / is redirected)

    def _page(self, path: Path) -> bytes:
        html = path.read_text(encoding="utf-8")
        extra = RELOAD_SCRIPT
        if self.live.problems:
            extra = (f'<div id="runlift-serve-error" role="alert" style="{BANNER_STYLE}">'
                     f"<strong>runlift: the last build has mistakes; the pages show the last good "
                     f"plan.</strong>\n{escape(self.live.problems)}</div>{extra}")
        return html.replace("</body>", f"{extra}</body>", 1).encode("utf-8")

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


class ServeSession:
    """A site served from `out` while `path` is watched; `close` stops the server."""

    def __init__(self, path: Path, out: Path, options: BuildOptions, port: int = 8000):
        self.path, self.out, self.options = path, out, options
        self.live = _Live()
        self.first = self.build()
        handler = type("Handler", (_Handler,), {"live": self.live})
        serve = functools.partial(handler, directory=str(out))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), serve)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def build(self) -> Event:
        """Build incrementally; a mistake is kept for the banner, never raised."""
        try:
            report = build_club(self.path, self.out, self.options)
        except RunliftError as exc:
            self.live.update(str(exc), wrote=False)
            return Event(None, str(exc))
        problems = "\n".join([*map(str, report.problems), *report.failures])
        self.live.update(problems, wrote=bool(report.written))
        return Event(report)

    def watched(self) -> list[Path]:
        from ..publish.assets import template_folder

        return [club_folder(self.path), BUILTIN_EXERCISES, template_folder()]

    def changes(self, stop: threading.Event | None = None) -> Iterator[Event]:
        """Build again after each change to the inputs; ends when `stop` is set."""
        import watchfiles

        out = self.out.resolve()

        def wanted(change: watchfiles.Change, name: str) -> bool:
            path = Path(name).resolve()
            return out not in path.parents and path != out and not path.name.startswith(".")

        for _ in watchfiles.watch(*self.watched(), watch_filter=wanted, stop_event=stop,
                                  debounce=300, step=50, raise_interrupt=False):
            yield self.build()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(5)
