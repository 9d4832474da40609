"""The terms a plan uses are explained where the athlete reads them: page and PDF."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from generator.cli import main
from generator.vocabulary import terms

PROFILE = """\
name: Term Reader
weekly_mileage: 40
week: {mon: easy, tue: intervals, wed: rest, thu: easy, fri: rest, sat: long, sun: rest}
phase: base
weeks: 2
start: 2027-01-04
"""


@pytest.mark.slow
def test_the_page_and_the_pdf_explain_rir_progression_each_hand_and_tempo(tmp_path):
    (tmp_path / "term-reader.yaml").write_text(PROFILE, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(tmp_path / "term-reader.yaml"), "-o",
                                       str(tmp_path / "site"), "--format", "html,pdf",
                                       "--today", "2026-11-24"])
    assert result.exit_code == 0, result.output
    folder = Path(tmp_path / "site" / "term-reader")
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert "How to read this plan" in page and 'href="#terms"' in page
    pdf = PdfReader(io.BytesIO((folder / "term-reader.pdf").read_bytes()))
    cover = " ".join(pdf.pages[0].extract_text().split())
    for term in terms("kg"):
        assert f"<dt>{term}</dt>" in page
        assert term in cover, term
    assert "climbs week by week" not in cover  # the old rep cycling is gone
