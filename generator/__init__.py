"""runlift: strength blocks for runners, planned around their running week."""

__version__ = "0.1.0"
