"""automator: cancel a Coursera subscription with a real browser; the person approves the final click."""

__version__ = "0.1.0"
