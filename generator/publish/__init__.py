"""Publishing a plan: the Jinja environment, HTML pages, PDF, calendar, chart, terminal text, and
the output folder."""
