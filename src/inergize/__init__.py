"""InErgize: a LinkedIn growth platform, usable as a service or embedded as a facade.

``inergize.open()`` gives a typed async façade over the use cases (see ``docs/facade.md``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from inergize.entrypoints.library.facade import Inergize, open
    from inergize.settings import Settings, load_settings

__all__ = ["Inergize", "Settings", "load_settings", "open"]


def __getattr__(name: str) -> Any:
    # Lazy, so importing inergize.domain does not pull in the web stack.
    if name in ("Inergize", "open"):
        from inergize.entrypoints.library import facade

        return getattr(facade, name)
    if name in ("Settings", "load_settings"):
        from inergize import settings

        return getattr(settings, name)
    raise AttributeError(name)
