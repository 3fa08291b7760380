"""LinkedIn retires a ``LinkedIn-Version`` (``YYYYMM``) about a year after its release."""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

import msgspec

from inergize.domain.platform.errors import ConfigurationError

SUPPORT_MONTHS = 12
WARN_BEFORE = timedelta(days=60)


class ApiVersionState(StrEnum):
    CURRENT = "current"
    NEAR_RETIREMENT = "near_retirement"
    RETIRED = "retired"
    FUTURE = "future"  # newer than today: LinkedIn will refuse it


class ApiVersionStatus(msgspec.Struct, frozen=True, kw_only=True):
    version: str
    state: ApiVersionState
    released_on: date
    retires_on: date
    message: str


def version_status(version: str, today: date) -> ApiVersionStatus:
    """Where ``version`` stands on ``today``; ``ConfigurationError`` when it is not ``YYYYMM``."""
    if len(version) != 6 or not version.isdigit() or not 1 <= int(version[4:]) <= 12:
        raise ConfigurationError(
            f"LinkedIn-Version {version!r} is not YYYYMM.", variable="INERGIZE_LINKEDIN_API_VERSION"
        )
    year, month = int(version[:4]), int(version[4:])
    released = date(year, month, 1)
    retires = date(year + SUPPORT_MONTHS // 12, month, 1)
    if released > today:
        state, msg = (
            ApiVersionState.FUTURE,
            f"LinkedIn-Version {version} is not released yet; LinkedIn will refuse it.",
        )
    elif today >= retires:
        state, msg = (
            ApiVersionState.RETIRED,
            (
                f"LinkedIn-Version {version} was retired around {retires:%Y-%m-%d}; "
                "set INERGIZE_LINKEDIN_API_VERSION to a recent YYYYMM."
            ),
        )
    elif retires - today <= WARN_BEFORE:
        state, msg = (
            ApiVersionState.NEAR_RETIREMENT,
            (
                f"LinkedIn-Version {version} retires around {retires:%Y-%m-%d}; "
                "plan the upgrade of INERGIZE_LINKEDIN_API_VERSION."
            ),
        )
    else:
        state, msg = (
            ApiVersionState.CURRENT,
            f"LinkedIn-Version {version} is supported until about {retires:%Y-%m-%d}.",
        )
    return ApiVersionStatus(version=version, state=state, released_on=released, retires_on=retires, message=msg)
