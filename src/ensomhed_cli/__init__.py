"""ensomhed: plans, meetings and initiatives against loneliness as plain-text records."""

__version__ = "0.1.0"
