"""`runlift import`: rosters (CSV and XLSX) into profiles, every bad row reported, nothing overwritten."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from generator.cli import main
from generator.inputs.roster import read_roster

TODAY = "2026-11-24"
HEADER = ["Name", "ID", "Weekly Mileage", "Units", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun",
          "Race date", "race.distance", "Race Name", "Phase", "Start", "Experience", "Equipment",
          "Sessions per week", "Strength days", "Lifts", "Focus", "Notes"]
WEEK = ["easy", "intervals", "rest", "easy", "rest", "long", "rest"]


def row(name, mileage=30, week=WEEK, race_date="", distance="", phase="base", start="",
        experience="novice", equipment="home", sessions="", days="", lifts="", focus="", notes="",
        units="km", athlete_id=""):
    return [name, athlete_id, mileage, units, *week, race_date, distance, "", phase, start,
            experience, equipment, sessions, days, lifts, focus, notes]


GOOD = [
    row("Maya López", 35, race_date="2027-04-11", distance="half", phase="", experience="intermediate",
        equipment="gym", days="mon, thu", lifts="back-squat 60 kg; split-squat 20 kg",
        focus="achilles", notes="Calf tight last spring.\nKeep the raises slow."),
    row("Sam Reyes", 25, units="mi", equipment="dumbbells, band", sessions=2),
]
# (row as the spreadsheet numbers it, column, what the message says is allowed)
BROKEN = [
    (row("Ann", mileage="lots"), "Weekly Mileage", "allowed a number"),
    (row("Ben", week=["easy", "intervalz", *WEEK[2:]]), "Tue", "did you mean 'intervals'"),
    (row("Cy", experience="expert"), "Experience", "novice, intermediate, advanced"),
    (row("Di", race_date="11/04/2027", distance="half", phase=""), "Race date", "YYYY-MM-DD"),
    (row("Ed", race_date="2027-04-11", distance="marathonn", phase=""), "race.distance", "marathon"),
    (row(""), "Name", ""),
    (row("Fay", lifts="back-squat sixty"), "Lifts", "back-squat 60 kg"),
    (row("Gus", lifts="bak-squat 60 kg"), "Lifts", "back-squat"),
    (row("Hal", sessions=5), "Sessions per week", "3"),
    (row("Ivy", start="2027-01-05"), "Start", "2027-01-04"),
]


def invoke(*args):
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def write_csv(path: Path, rows) -> Path:
    with path.open("w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows([HEADER, *rows])
    return path


def write_xlsx(path: Path, rows) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for values in rows:  # numbers and dates as a spreadsheet holds them
        cells = [float(v) if isinstance(v, int) else v for v in values]
        for i, v in enumerate(cells):
            if isinstance(v, str) and len(v) == 10 and v[4] == "-" and HEADER[i] != "Start":
                cells[i] = dt.datetime.fromisoformat(v)
        sheet.append(cells)
    book.save(path)
    return path


def mixed():
    """Good and broken rows interleaved; returns the rows and the broken rows' numbers."""
    rows, numbers = [], []
    for i, (broken, _, _) in enumerate(BROKEN):
        if i < len(GOOD):
            rows.append(GOOD[i])
        rows.append(broken)
        numbers.append(len(rows) + 1)  # the header is row 1
    return rows, numbers


@pytest.mark.parametrize("writer", [write_csv, write_xlsx], ids=["csv", "xlsx"])
def test_ten_broken_rows_each_reported_and_good_rows_round_trip(project, tmp_path, writer):
    rows, numbers = mixed()
    roster = writer(tmp_path / f"roster.{writer.__name__[-4:].strip('_')}", rows)
    result = invoke("import", str(roster), "-o", "club/athletes")
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.startswith(roster.name)]
    for number, (_, column, allowed) in zip(numbers, BROKEN, strict=True):
        mine = [line for line in lines if line.startswith(f"{roster.name}: row {number}, ")]
        assert mine, (number, result.output)
        assert any(f"column {column!r}" in line and allowed in line for line in mine), mine
    assert {int(line.split("row ")[1].split(",")[0]) for line in lines} == set(numbers)
    assert "10 rows not imported" in result.output
    written = sorted(p.name for p in Path("club/athletes").iterdir())
    assert written == ["maya-lopez.yaml", "sam-reyes.yaml"]
    maya = Path("club/athletes/maya-lopez.yaml").read_text(encoding="utf-8")
    assert "date: 2027-04-11" in maya and "back-squat: 60 kg" in maya and "#" in maya
    assert "notes: |" in maya and "  Keep the raises slow." in maya
    assert invoke("validate", "club").exit_code == 0
    built = invoke("build", "club", "-o", "site", "--format", "html,json", "--today", TODAY)
    assert built.exit_code == 0, built.output
    assert Path("site/maya-lopez/maya-lopez.json").is_file()
    assert Path("site/sam-reyes/index.html").is_file()


def test_existing_profiles_are_kept_unless_forced(project, tmp_path):
    roster = write_csv(tmp_path / "roster.csv", GOOD)
    assert invoke("import", str(roster), "-o", "out").exit_code == 0
    Path("out/sam-reyes.yaml").write_text("# mine\n", encoding="utf-8")
    again = invoke("import", str(roster), "-o", "out")
    assert again.exit_code == 1
    assert "out/sam-reyes.yaml exists" in again.output and "--force" in again.output
    assert Path("out/sam-reyes.yaml").read_text(encoding="utf-8") == "# mine\n"
    forced = invoke("import", str(roster), "-o", "out", "--force")
    assert forced.exit_code == 0
    assert "name: Sam Reyes" in Path("out/sam-reyes.yaml").read_text(encoding="utf-8")


def test_same_id_twice_is_reported_on_the_second_row(project, tmp_path):
    roster = write_csv(tmp_path / "roster.csv", [GOOD[1], GOOD[1]])
    result = invoke("import", str(roster), "-o", "out")
    assert result.exit_code == 1
    assert "row 3, column 'Name'" in result.output and "as row 2 does" in result.output


def test_unknown_column_writes_nothing(project, tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text("Name,Wekly mileage,Colour\nAnn,30,red\n", encoding="utf-8")
    result = invoke("import", str(path), "-o", "out")
    assert result.exit_code == 1
    assert "row 1, column 'Wekly mileage': unknown column; did you mean 'weekly_mileage'?" \
        in result.output
    assert "row 1, column 'Colour': unknown column; allowed name, id" in result.output
    assert not Path("out").exists()


def test_a_file_that_is_no_roster_is_a_usage_error(project, tmp_path):
    path = tmp_path / "roster.ods"
    path.write_text("x", encoding="utf-8")
    result = invoke("import", str(path), "-o", "out")
    assert result.exit_code == 2
    assert ".csv or .xlsx" in result.output


def test_headers_and_lifts_are_read_forgivingly(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text("NAME;Weekly-mileage;race.Date;RACE DISTANCE;Monday;Known lifts\n"
                    "Ann;30,5;2027-04-11;Half;Easy;back-squat 60 kg; split-squat 2 x 10 kg\n",
                    encoding="utf-8")
    # a semicolon-separated roster: the lifts cell must then be quoted
    path.write_text(path.read_text(encoding="utf-8").replace(
        "back-squat 60 kg; split-squat 2 x 10 kg", '"back-squat 60 kg; split-squat 2 x 10 kg"'),
        encoding="utf-8")
    roster = read_roster(path, "roster.csv")
    assert roster.problems == []
    data = roster.rows[0].data
    assert data["weekly_mileage"] == 30.5
    assert data["race"] == {"date": dt.date(2027, 4, 11), "distance": "half"}
    assert data["week"] == {"mon": "easy"}
    assert data["lifts"] == {"back-squat": "60 kg", "split-squat": "2 x 10 kg"}


def test_imported_profiles_point_at_the_club_schema(project, tmp_path):
    assert invoke("new", "club", "--today", TODAY).exit_code == 0
    roster = write_csv(tmp_path / "roster.csv", GOOD[1:])
    assert invoke("import", str(roster), "-o", "club/athletes").exit_code == 0
    text = Path("club/athletes/sam-reyes.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../profile.schema.json\n")


def test_a_roster_over_256_kib_is_refused_before_it_is_read(tmp_path):
    roster = tmp_path / "huge.csv"
    roster.write_text("name,weekly_mileage\n" + "Ann,30\n" * 50_000, encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(roster), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "huge.csv: the file is 350,020 bytes; allowed at most 262,144 bytes (256 KiB)" \
        in result.output
    assert not (tmp_path / "out").exists()


def test_a_cell_that_cannot_be_read_does_not_hide_the_rest_of_its_row(project, tmp_path):
    roster = write_csv(tmp_path / "roster.csv", [
        row("Ann", mileage=-3, week=["easy", "intervalz", *WEEK[2:]], lifts="back-squat sixty")])
    result = invoke("import", str(roster), "-o", "club/athletes")
    assert result.exit_code == 1
    mine = [line for line in result.output.splitlines() if line.startswith("roster.csv: row 2, ")]
    assert len(mine) == 3, result.output
    assert mine[0].startswith("roster.csv: row 2, column 'Lifts': cannot read 'back-squat sixty'")
    assert "roster.csv: row 2, column 'Weekly Mileage': got '-3'; allowed a number above 0" in mine
    assert any(line.startswith("roster.csv: row 2, column 'Tue': got 'intervalz'") for line in mine)
