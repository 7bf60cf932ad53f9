"""The few exception classes of the project.

Each subclasses a built-in so callers that do not know them can still catch them; the CLI turns
every ``ClausesError`` into one line on stderr and a non-zero exit code.
"""

from __future__ import annotations


class ClausesError(Exception):
    """Base class: a problem with the user's input, corpus or model, explained in one line."""

    exit_code = 2


class InputError(ClausesError, ValueError):
    """A document that cannot be read: missing, empty, binary, encrypted, scanned, unknown format."""


class CorpusError(ClausesError, ValueError):
    """A corpus, annotation file or codebook that does not have the expected shape."""


class ModelError(ClausesError, RuntimeError):
    """A model directory that is missing files, was tampered with, or does not fit the data."""
