"""YAML is read by LibYAML when PyYAML has it, with every value's line and every check the same as
PyYAML's own parser gives (which still reads any file with a mistake, for its messages)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.inputs.yamlsource import LOADERS, YamlProblems, _Loader, _parse, parse_yaml

ROOT = Path(__file__).resolve().parent.parent


def _project_yaml() -> list[tuple[str, str]]:
    """Every YAML text the project ships: demo club, golden club, exercise front matter."""
    found = []
    for path in sorted([*ROOT.glob("programs/**/*.yaml"), *ROOT.glob("tests/golden/**/*.yaml")]):
        found.append((path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8")))
    for path in sorted(ROOT.glob("generator/exercises/*.md")):
        found.append((path.name, path.read_text(encoding="utf-8").split("---", 2)[1]))
    return found


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML built without LibYAML")
def test_libyaml_reads_every_file_as_pyyaml_does():
    assert len(LOADERS) == 2 and LOADERS[1] is _Loader
    files = _project_yaml()
    assert len(files) > 50
    for name, text in files:
        fast, slow = _parse(LOADERS[0], text, name), _parse(_Loader, text, name)
        assert fast.data == slow.data, name
        assert fast.lines == slow.lines, name


@pytest.mark.parametrize("text", [
    "a: 1\nb:\n\t- 2\n",  # a tab
    "a: &x [1]\nb: *x\n",  # an alias
    "a: 1\na: 2\n",  # a key twice
    "a: \x07\n",  # a control character
    "a: !!float abc\n",  # a tag that cannot hold its value
    "a: [1, 2\n",  # unclosed
    "a:" + " [" * 30 + " 1" + " ]" * 30 + "\n",  # nested too deep
])
def test_a_mistake_reads_as_pyyaml_reports_it(text):
    def problems(parse) -> list[str]:
        try:
            return [str(p) for p in parse().problems]
        except YamlProblems as exc:
            return [str(p) for p in exc.problems]

    got = problems(lambda: parse_yaml(text, "p.yaml", keep_going=True))
    assert got and got == problems(lambda: _parse(_Loader, text, "p.yaml"))
    assert all(line.startswith("p.yaml:") for line in got)
