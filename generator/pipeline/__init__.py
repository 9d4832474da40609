"""The build, end to end: the only place the three parts meet. `inputs` reads, `plan` plans,
`publish` renders and writes; this package runs them athlete by athlete, skips what has not
changed, and makes the club pages from each athlete's small row."""

from .build import BuildOptions, BuildReport, build_club
from .merge import merge_shards
from .one import default_today, plan_one

__all__ = ["BuildOptions", "BuildReport", "build_club", "default_today", "merge_shards",
           "plan_one"]
