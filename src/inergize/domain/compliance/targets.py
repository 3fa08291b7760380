"""Who automation may touch: target identity (one key per person or post) and allow/deny lists."""

from __future__ import annotations

import re

import msgspec

from inergize.domain.platform.errors import ValidationFailed

_PROFILE_URL = re.compile(r"^(?:https?://)?(?:[a-z]{2,3}\.)?linkedin\.com/in/([^/?#]+)", re.IGNORECASE)


def target_key(raw: str) -> str:
    """One stable key per person or post: ``in/<vanity>`` for profile URLs (vanity names ignore case),
    URNs as given, other ids trimmed and lower-cased."""
    value = raw.strip()
    if not value:
        raise ValidationFailed("A target needs a profile URL, URN or id.", field="target")
    match = _PROFILE_URL.match(value)
    if match:
        return "in/" + match.group(1).lower().rstrip("/")
    if value.startswith("urn:"):
        return value[:300]  # URN ids are case-sensitive
    return value.lower()[:300]


class Target(msgspec.Struct, frozen=True, kw_only=True):
    """A person (or a post) an action is aimed at, with what the lists match against."""

    key: str
    name: str = ""
    company: str = ""
    headline: str = ""


def _norm(values: object) -> frozenset[str]:
    return frozenset(str(v).strip().casefold() for v in values or () if str(v).strip())  # type: ignore[attr-defined]


class TargetLists(msgspec.Struct, frozen=True, kw_only=True):
    """Deny lists always win. Non-empty allow lists switch to "only these"."""

    deny_people: frozenset[str] = frozenset()
    deny_companies: frozenset[str] = frozenset()
    deny_keywords: frozenset[str] = frozenset()
    allow_people: frozenset[str] = frozenset()
    allow_companies: frozenset[str] = frozenset()

    @classmethod
    def build(cls, *, deny_people: object = (), deny_companies: object = (), deny_keywords: object = (),
              allow_people: object = (), allow_companies: object = ()) -> TargetLists:
        """Normalised lists: people as target keys, companies and keywords case-folded."""
        return cls(
            deny_people=frozenset(target_key(p) for p in _norm(deny_people)),
            deny_companies=_norm(deny_companies), deny_keywords=_norm(deny_keywords),
            allow_people=frozenset(target_key(p) for p in _norm(allow_people)),
            allow_companies=_norm(allow_companies),
        )

    def why_denied(self, target: Target, text: str = "") -> str | None:
        """``None`` when the lists let ``target`` (and the action's ``text``) through, else why not."""
        if target.key in self.deny_people:
            return "denied_person"
        company = target.company.strip().casefold()
        if company and company in self.deny_companies:
            return "denied_company"
        if self.deny_keywords:
            haystack = " ".join((target.name, target.company, target.headline, text)).casefold()
            if any(word in haystack for word in self.deny_keywords):
                return "denied_keyword"
        if (self.allow_people or self.allow_companies) and not (
                target.key in self.allow_people or (company and company in self.allow_companies)):
            return "not_on_allow_list"
        return None
