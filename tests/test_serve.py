"""`runlift serve` in a real browser: the open athlete page shows an edit to the profile without
a manual reload, a mistake shows on the page (and in the terminal) while the last good plan
stays, the reload script is only in served pages, and Ctrl-C stops the server cleanly."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

sync_api = pytest.importorskip("playwright.sync_api")
pytest.importorskip("watchfiles")
pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
WEEK = "{mon: easy, tue: rest, wed: tempo, thu: easy, fri: rest, sat: long, sun: rest}"


def profile(name: str, weeks: int = 2) -> str:
    return (f"name: {name}\nid: ann\nweekly_mileage: 30\nphase: base\nweeks: {weeks}\n"
            f"start: 2027-01-04\nexperience: intermediate\nweek: {WEEK}\n")


class Output:
    """The server's output, read as it comes."""

    def __init__(self, stream) -> None:
        self.text = ""
        self.thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self.thread.start()

    def _read(self, stream) -> None:
        for line in stream:
            self.text += line

    def wait_for(self, pattern: str, timeout: float = 60) -> re.Match:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            found = re.search(pattern, self.text)
            if found:
                return found
            time.sleep(0.05)
        raise AssertionError(f"no {pattern!r} in:\n{self.text}")


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium")
def test_the_open_page_follows_the_profile(tmp_path):
    club = tmp_path / "club"
    club.mkdir()
    (club / "club.yaml").write_text("name: Serve Club\n", encoding="utf-8")
    athlete = club / "ann.yaml"
    athlete.write_text(profile("Ann Lee"), encoding="utf-8")
    site = tmp_path / "site"
    process = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "serve", str(club), "-o", str(site), "--port", "0",
         "--today", "2026-11-24"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONFAULTHANDLER": "1"})
    out = Output(process.stdout)
    try:
        url = out.wait_for(r"at (http://127\.0\.0\.1:\d+/)").group(1)
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(url + "ann/index.html")
            assert page.locator("h1").inner_text().startswith("Ann Lee")
            page.evaluate("window.notReloaded = true")

            athlete.write_text(profile("Ann Marsh", weeks=3), encoding="utf-8")
            page.wait_for_function("() => document.querySelector('h1').innerText"
                                   ".startsWith('Ann Marsh')", timeout=30_000)
            assert page.evaluate("window.notReloaded") is None  # the page reloaded itself
            out.wait_for(r"Built 1 athlete")

            athlete.write_text(profile("Ann Marsh").replace("phase: base", "phase: bass"),
                               encoding="utf-8")
            banner = page.locator("#runlift-serve-error")
            banner.wait_for(timeout=30_000)
            assert "bass" in banner.inner_text() and "ann.yaml" in banner.inner_text()
            assert page.locator("h1").inner_text().startswith("Ann Marsh")  # last good plan
            out.wait_for(r"ann\.yaml:\d+: phase: .*bass")

            athlete.write_text(profile("Ann Marsh"), encoding="utf-8")
            page.wait_for_function("() => !document.getElementById('runlift-serve-error')",
                                   timeout=30_000)
            browser.close()
        on_disk = [p for p in site.rglob("*.html")
                   if "__runlift" in p.read_text(encoding="utf-8")]
        assert not on_disk, on_disk
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGABRT)  # the faulthandler prints where it was stuck
            process.wait(timeout=10)
            out.thread.join(5)
            raise AssertionError(f"serve did not stop on Ctrl-C:\n{out.text}") from None
    assert process.returncode == 0, out.text
    out.thread.join(5)
    assert "Stopped." in out.text and "Traceback" not in out.text
    assert not (site / ".runlift-lock").exists()
