"""cablelint: a classification and declassification compliance linter for diplomatic cables."""

__version__ = "0.1.0"
