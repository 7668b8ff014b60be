"""The sites the tool knows, by name: the one place a second site would be added.

Each entry names the module attribute that builds the site, imported only when asked for
(a site package imports `automator.sites.base`, so this module must not import it first).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from automator.errors import ConfigError

if TYPE_CHECKING:
    from automator.sites.base import Site

SITES = {"coursera": "automator.sites.coursera:COURSERA"}
DEFAULT_SITE = "coursera"


def site_named(name: str) -> Site:
    """The site registered as `name`; ConfigError naming the known ones otherwise."""
    where = SITES.get(name)
    if where is None:
        raise ConfigError(f"no site named {name!r}; known: {', '.join(sorted(SITES))}")
    module, attribute = where.split(":")
    site: Site = getattr(importlib.import_module(module), attribute)
    return site


def default_site() -> Site:
    return site_named(DEFAULT_SITE)
