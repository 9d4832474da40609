"""`build --binder`: binder.pdf, every athlete's own PDF behind a table of contents, with a
bookmark per athlete and per week, in the club's paper size; made again only when it changed."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main

pypdf = pytest.importorskip("pypdf")
pytestmark = pytest.mark.slow

WEEK = "{mon: easy, tue: rest, wed: tempo, thu: easy, fri: rest, sat: long, sun: rest}"
LETTER = (612, 792)


def profile(name: str, weeks: int) -> str:
    a_id = name.split()[0].lower().replace("ë", "e")
    return (f"name: {name}\nid: {a_id}\nweekly_mileage: 30\nphase: base\nweeks: {weeks}\n"
            f"start: 2027-01-04\nexperience: intermediate\nweek: {WEEK}\n")


@pytest.fixture
def club(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "club"
    folder.mkdir()
    (folder / "club.yaml").write_text("name: Binder Club\npaper: letter\n", encoding="utf-8")
    (folder / "zoe.yaml").write_text(profile("Zoë Ng", 2), encoding="utf-8")
    (folder / "ann.yaml").write_text(profile("Ann Берг", 3), encoding="utf-8")
    return folder


def build(*extra: str):
    result = CliRunner().invoke(main, ["build", "club", "-o", "site", "--today", "2026-11-24",
                                       "--format", "html,pdf", "-j", "1", *extra])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def outline(reader) -> list[tuple[str, int, list[tuple[str, int]]]]:
    items, out = list(reader.outline), []
    for i, item in enumerate(items):
        if isinstance(item, list):
            continue
        children = items[i + 1] if i + 1 < len(items) and isinstance(items[i + 1], list) else []
        out.append((item.title, reader.get_destination_page_number(item),
                    [(c.title, reader.get_destination_page_number(c)) for c in children
                     if not isinstance(c, list)]))
    return out


def test_binder_pages_outline_and_paper(club):
    result = build("--binder")
    assert result.exit_code == 0, result.output
    site = Path("site")
    ann = len(pypdf.PdfReader(site / "ann" / "ann.pdf").pages)
    zoe = len(pypdf.PdfReader(site / "zoe" / "zoe.pdf").pages)
    binder = pypdf.PdfReader(site / "binder.pdf")
    assert len(binder.pages) == 1 + ann + zoe  # one contents page, then every athlete's own
    for page in binder.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == LETTER
    marks = outline(binder)
    assert [(t, p) for t, p, _ in marks] == [("Contents", 0), ("Ann Берг", 1), ("Zoë Ng", 1 + ann)]
    for (_, first, children), weeks in zip(marks[1:], (3, 2), strict=True):
        week_marks = [(t, p) for t, p in children if t.startswith("Week ")]
        assert [t.split(" ·")[0] for t, _ in week_marks] == [f"Week {n}" for n in range(1, weeks + 1)]
        assert all(first <= p for _, p in week_marks)
        assert [p for _, p in week_marks] == sorted({p for _, p in week_marks})
    contents = binder.pages[0].extract_text()
    assert "Ann Берг" in contents and "Zoë Ng" in contents and f"{2 + ann}" in contents


def test_binder_is_kept_when_nothing_changed_and_removed_without_the_flag(club):
    assert build("--binder").exit_code == 0
    binder = Path("site/binder.pdf")
    stamp = binder.stat().st_mtime_ns
    time.sleep(0.01)
    again = build("--binder")
    assert again.exit_code == 0 and "(0 files written" in again.output
    assert binder.stat().st_mtime_ns == stamp
    (club / "zoe.yaml").write_text(profile("Zoë Ng", 3), encoding="utf-8")
    assert build("--binder").exit_code == 0
    assert binder.stat().st_mtime_ns != stamp  # Zoë's PDF changed: the binder is made again
    assert build().exit_code == 0
    assert not binder.exists()


def test_binder_needs_the_pdfs(club):
    result = CliRunner().invoke(main, ["build", "club", "-o", "site", "--format", "html",
                                       "--binder"])
    assert result.exit_code == 2 and "--binder" in result.output
