"""The schemas in the real editor server: yaml-language-server (npm), on Debian's nodejs, spoken to
over stdio as an editor would. A club made by `runlift new` is opened as its files point it
(`# yaml-language-server: $schema=…`): a mistake gets a diagnostic on its line, a `lifts` key
completes to an exercise id, and a field shows its description on hover.

scripts/setup-venv test installs the server into tests/lsp/ (`npm ci`); this test does it too when
it is missing, and is skipped only where there is no Node at all.
"""

from __future__ import annotations

import json
import queue
import shutil
import subprocess
import threading
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.cli import main

LSP = Path(__file__).resolve().parent / "lsp"
SERVER = LSP / "node_modules/yaml-language-server/bin/yaml-language-server"
WAIT = 60  # seconds for any one answer; the server starts in about one
SETTINGS = {"yaml": {"validate": True, "hover": True, "completion": True, "format": {"enable": False},
                     "schemaStore": {"enable": False}, "schemas": {}}}


def _node() -> str:
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        pytest.skip("no Node.js (scripts/setup-system --test installs Debian's nodejs)")
    return node


def _install() -> None:
    if SERVER.is_file():
        return
    npm = shutil.which("npm")
    assert npm, "Node.js is here but npm is not; scripts/setup-system --test installs both"
    done = subprocess.run([npm, "ci", "--prefix", str(LSP), "--no-audit", "--no-fund"],
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0 and SERVER.is_file(), done.stderr[-2000:]


class Client:
    """Just enough of an LSP client: Content-Length framing, requests with ids, and a thread that
    files every message the server sends (answering the requests it makes of the editor)."""

    def __init__(self, node: str):
        self.proc = subprocess.Popen([node, str(SERVER), "--stdio"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.inbox: queue.Queue[dict[str, Any]] = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: dict[str, Any]) -> Any:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        answer = self.wait(lambda m: m.get("id") == self.next_id and "method" not in m)
        assert "error" not in answer, answer
        return answer["result"]

    def wait(self, wanted, seconds: float = WAIT) -> dict[str, Any]:
        while True:
            try:
                message = self.inbox.get(timeout=seconds)
            except queue.Empty:
                raise AssertionError(f"no answer from yaml-language-server in {seconds} s") from None
            if wanted(message):
                return message

    def diagnostics(self, uri: str) -> list[dict[str, Any]]:
        found = self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                          and m["params"]["uri"] == uri)
        return found["params"]["diagnostics"]

    def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        while True:
            length = 0
            while (line := out.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            if not line:
                return
            message = json.loads(out.read(length))
            if "id" in message and "method" in message:  # the server asks the editor
                items = message["params"].get("items", []) if message["method"] == \
                    "workspace/configuration" else None
                result = [SETTINGS.get(i.get("section", ""), SETTINGS["yaml"])
                          for i in items] if items is not None else None
                self.send({"id": message["id"], "result": result})
            self.inbox.put(message)

    def close(self) -> None:
        try:
            self.request("shutdown", {})
            self.notify("exit", {})
            self.proc.wait(timeout=10)
        except (AssertionError, OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()


@pytest.fixture(scope="module")
def club(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lsp") / "club"
    result = CliRunner().invoke(main, ["new", str(folder), "--today", "2027-01-04"])
    assert result.exit_code == 0, result.output
    return folder


@pytest.fixture(scope="module")
def server(club):
    node = _node()
    _install()
    client = Client(node)
    client.request("initialize", {
        "processId": None, "rootUri": club.as_uri(),
        "workspaceFolders": [{"uri": club.as_uri(), "name": "club"}],
        "capabilities": {"textDocument": {
            "completion": {"completionItem": {"snippetSupport": False}},
            "hover": {"contentFormat": ["markdown", "plaintext"]},
            "publishDiagnostics": {}}}})
    client.notify("initialized", {})
    client.notify("workspace/didChangeConfiguration", {"settings": SETTINGS})
    yield client
    client.close()


def _open(server: Client, path: Path, text: str) -> str:
    uri = path.as_uri()
    server.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "yaml", "version": 1, "text": text}})
    return uri


def _example(club: Path) -> str:
    return (club / "athletes/alex-example.yaml").read_text(encoding="utf-8")


def _line(text: str, start: str) -> int:
    return next(i for i, line in enumerate(text.splitlines()) if line.startswith(start))


def test_a_mistake_gets_a_diagnostic_on_its_line(server, club):
    text = _example(club).replace("  tue: intervals", "  tue: intervalz")
    text = text.replace("  goblet-squat: 16 kg", "  goblet-squat: 16 kg\n  goblet-sqat: 16 kg")
    found = server.diagnostics(_open(server, club / "athletes/mistake.yaml", text))
    by_line = {d["range"]["start"]["line"]: d["message"] for d in found}
    assert "intervals" in by_line.get(_line(text, "  tue:"), ""), found  # the allowed values
    assert "goblet-sqat" in by_line.get(_line(text, "  goblet-sqat:"), ""), found
    assert len(found) == 2, found


def test_the_example_and_the_club_file_are_clean(server, club):
    example = server.diagnostics(_open(server, club / "athletes/alex-example.yaml", _example(club)))
    assert example == []
    club_text = (club / "club.yaml").read_text(encoding="utf-8")
    assert server.diagnostics(_open(server, club / "club.yaml", club_text)) == []
    bad = club_text.replace("paper: a4", "paper: a5")
    found = server.diagnostics(_open(server, club / "club-bad.yaml", bad))
    assert [d["range"]["start"]["line"] for d in found] == [_line(bad, "paper:")], found


def test_a_lifts_key_completes_to_an_exercise_id(server, club):
    text = _example(club).replace("  goblet-squat: 16 kg", "  goblet-squat: 16 kg\n  gob")
    uri = _open(server, club / "athletes/complete.yaml", text)
    line = _line(text, "  gob")
    result = server.request("textDocument/completion", {
        "textDocument": {"uri": uri}, "position": {"line": line, "character": 5}})
    items = result["items"] if isinstance(result, dict) else result
    labels = {item["label"] for item in items}
    assert {"split-squat", "step-up", "romanian-deadlift"} <= labels, sorted(labels)[:20]
    assert "weekly_mileage" not in labels  # a lift, not a profile field


def test_a_field_shows_its_description_on_hover(server, club):
    text = _example(club)
    uri = _open(server, club / "athletes/hover.yaml", text)
    hover = server.request("textDocument/hover", {
        "textDocument": {"uri": uri}, "position": {"line": _line(text, "weekly_mileage"),
                                                   "character": 3}})
    shown = json.dumps(hover)
    assert "Distance run in a normal week" in shown, shown
