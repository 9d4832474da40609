"""`{{ value }}` writes what markupsafe's escape() writes, though the environment escapes a plain
str or int without it (environment._escape_output), in a template's output and in what a
`{% set %}` block captures."""

from __future__ import annotations

import pytest
from markupsafe import Markup, escape

from generator.publish import environment as environment_module
from generator.publish.environment import environment


class Html:
    def __html__(self) -> str:
        return "<b>kept</b>"


class Text(str):
    pass


VALUES = ["<script>alert('x') & \"y\"</script>", "plain", "", "🏃 O'Brien\u202e", 42, -3, 2.5,
          True, None, Markup("<em>kept</em> &amp;"), Html(), Text("<i>"), ("a<", 1)]


@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_output_is_escaped_as_markupsafe_escapes_it(value):
    template = environment([]).from_string("{{ v }}|{% set s %}<p>{{ v }}</p>{% endset %}{{ s }}")
    assert template.render(v=value) == f"{escape(value)}|<p>{escape(value)}</p>"


def test_the_faster_escape_is_in_use():
    """A newer Jinja or markupsafe may leave it out (the pages are the same, only slower)."""
    template = environment([]).from_string("{{ v }}")
    assert template.root_render_func.__globals__["escape"] is environment_module._escape_output
