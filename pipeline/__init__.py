"""resolution-clauses: read United Nations resolutions paragraph by paragraph."""

from __future__ import annotations

__version__ = "0.1.0"
