"""HTTP to LinkedIn: daily API-call budgets, retries with exponential backoff and jitter on 429 / 5xx /
timeouts (``Retry-After`` honoured), and the mapping of LinkedIn's answers onto domain errors."""

from __future__ import annotations

import asyncio
import random
import re
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import msgspec
import structlog

from inergize.adapters.linkedin.rest.http import ConnectFailed, HttpClient, HttpFailure, HttpResponse, TimedOut
from inergize.adapters.metrics import LINKEDIN_BUDGET_REFUSALS, LINKEDIN_CALLS, linkedin_answer
from inergize.domain.linkedin.errors import (
    ContentRejected,
    DuplicatePost,
    LinkedInError,
    LinkedInForbidden,
    LinkedInRateLimited,
    LinkedInTokenRejected,
    LinkedInUnavailable,
    VersionUnsupported,
)
from inergize.ports.clock import Clock
from inergize.ports.rate_budget import BudgetWindow, RateBudgetStore

log = structlog.get_logger("inergize.linkedin")
Sleeper = Callable[[float], Awaitable[None]]
DAY = 86_400
_DUPLICATE_URN = re.compile(r"urn:li:(?:share|ugcPost|activity):[A-Za-z0-9_-]+")
_VERSION_CODES = {"NONEXISTENT_VERSION", "VERSION_MISSING", "UNSUPPORTED_VERSION", "VERSION_NOT_SUPPORTED"}


class LinkedInRetryPolicy(msgspec.Struct, frozen=True, kw_only=True):
    max_attempts: int = 5
    base_delay: float = 1.0
    max_delay: float = 60.0
    max_retry_after: float = 120.0  # a longer Retry-After is surfaced to the caller instead of slept

    def backoff(self, attempt: int, rng: random.Random) -> float:
        """Exponential backoff with "equal jitter": half fixed, half random, so retries spread out."""
        ceiling = min(self.max_delay, self.base_delay * 2 ** (attempt - 1))
        return float(ceiling / 2 + rng.uniform(0, ceiling / 2))


class Budgets(msgspec.Struct, frozen=True, kw_only=True):
    member_daily: int
    app_daily: int
    app_key: str


def retry_after_seconds(value: str | None, now: datetime) -> float | None:
    """``Retry-After`` as seconds (delta-seconds or an HTTP date); None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


def _body(resp: HttpResponse) -> dict[str, Any]:
    try:
        data = resp.json()
    except ValueError:
        return {"message": resp.text[:500]}
    return data if isinstance(data, dict) else {"message": str(data)[:500]}


def error_for(resp: HttpResponse) -> LinkedInError:
    """The domain error a final (non-retried) error answer stands for."""
    body = _body(resp)
    message = str(body.get("message") or body.get("error_description") or body.get("error") or "")[:500]
    code = str(body.get("code") or body.get("serviceErrorCode") or body.get("error") or "")
    status = resp.status_code
    if status == 426 or code in _VERSION_CODES or ("version" in message.lower() and status in (400, 426)):
        return VersionUnsupported(
            f"LinkedIn does not support the configured API version: {message}", linkedin_status=status
        )
    if status == 401 or code == "invalid_grant":
        return LinkedInTokenRejected(f"LinkedIn refused the token ({status}): {message}")
    if status == 403:
        return LinkedInForbidden(f"LinkedIn does not allow this ({code or status}): {message}")
    if status == 422 and "duplicate" in message.lower():
        m = _DUPLICATE_URN.search(message)
        return DuplicatePost(
            f"LinkedIn already has this post: {message}", existing_urn=m.group(0) if m else None
        )
    if status in (400, 413, 415, 422):
        return ContentRejected(f"LinkedIn rejected the request ({status}): {message}", linkedin_status=status)
    if status == 429:
        return LinkedInRateLimited("LinkedIn's rate limit is reached.", retry_after=60.0)
    if status >= 500:
        return LinkedInUnavailable(f"LinkedIn answered {status}.", linkedin_status=status)
    return LinkedInError(f"LinkedIn answered {status}: {message}", linkedin_status=status)


def _refused(scope: str, retry_after: float) -> LinkedInRateLimited:
    LINKEDIN_BUDGET_REFUSALS.labels(scope).inc()
    return LinkedInRateLimited(
        f"The daily LinkedIn API budget ({scope}) is spent; it resets at midnight UTC.",
        retry_after=retry_after,
        scope=scope,
    )


class LeasedDailyBudget:
    """The app-wide daily budget, taken from the shared store in blocks and spent locally.

    Every call of every worker would otherwise charge one hot key in Redis: half of the budget round
    trips of a publish. A block is at most 1/1000 of the limit (100 calls of 100,000), so at most that
    many calls per worker loop stay unused at the end of a day; a small limit is taken one call at a time,
    exactly. Near the limit, blocks shrink to single calls, so the store never charges more than it has."""

    def __init__(self, store: RateBudgetStore | None, key: str, limit: int) -> None:
        self._store = store
        self._key = key
        self._windows = [BudgetWindow(name="utc_day", limit=limit, seconds=DAY)]  # anchor None: UTC midnight
        self.block = max(1, min(100, limit // 1000))
        self._day = -1
        self._left = 0
        self._refill = asyncio.Lock()

    async def take(self, now: datetime) -> float | None:
        """Spend one call: None when allowed, else the seconds until the budget resets."""
        if self._store is None:
            return None
        async with self._refill:  # one refill at a time; waiting callers then spend its block
            day = int(now.timestamp() // DAY)
            if day != self._day:  # a block belongs to the day it was charged to
                self._day, self._left = day, 0
            if self._left == 0:
                decision = await self._store.spend(self._key, self._windows, now=now, units=self.block)
                if decision.allowed:
                    self._left = self.block
                elif self.block > 1:  # less than a block left today: one call at a time
                    decision = await self._store.spend(self._key, self._windows, now=now)
                    if decision.allowed:
                        self._left = 1
                if not decision.allowed:
                    return decision.retry_after
            self._left -= 1
            return None


class Transport:
    """One HTTP client plus the rules every LinkedIn call follows."""

    def __init__(
        self,
        client: HttpClient,
        *,
        clock: Clock,
        policy: LinkedInRetryPolicy,
        budgets: RateBudgetStore | None,
        limits: Budgets,
        sleeper: Sleeper = asyncio.sleep,
        rng: random.Random | None = None,
    ) -> None:
        self.client = client
        self._clock = clock
        self._policy = policy
        self._budgets = budgets
        self._limits = limits
        self._sleep = sleeper
        self._rng = rng or random.Random()
        self._app = LeasedDailyBudget(budgets, f"linkedin:app:{limits.app_key}", limits.app_daily)

    async def _spend(self, member_urn: str | None) -> None:
        """Charge one call to the member's and the app's UTC-day budgets, or refuse before calling."""
        if self._budgets is None:
            return
        try:
            await self._charge(member_urn)
        except LinkedInError:
            raise
        except Exception as exc:  # the store (Redis) failed: no budget, no call
            log.warning("linkedin.budget_store_failed", error=type(exc).__name__)
            raise LinkedInUnavailable("The API budget could not be checked; nothing was sent to LinkedIn.") from exc

    async def _charge(self, member_urn: str | None) -> None:
        assert self._budgets is not None
        now = self._clock.now()
        member_key = f"linkedin:member:{member_urn}"
        member_windows = [BudgetWindow(name="utc_day", limit=self._limits.member_daily, seconds=DAY)]
        if member_urn:
            decision = await self._budgets.spend(member_key, member_windows, now=now)
            if not decision.allowed:
                raise _refused("member", decision.retry_after)
        app = await self._app.take(now)
        if app is not None:
            if member_urn:
                await self._budgets.refund(member_key, member_windows, now=now)
            raise _refused("app", app)

    async def send(
        self, method: str, url: str, *, member_urn: str | None, budget: bool = True, **kwargs: Any
    ) -> tuple[HttpResponse, bool]:
        """Send with retries. Returns the first non-retryable answer and whether an earlier attempt's
        outcome is unknown (timeout or 5xx after the request may have reached LinkedIn)."""
        uncertain = False
        last: LinkedInError = LinkedInUnavailable("LinkedIn did not answer.")
        for attempt in range(1, self._policy.max_attempts + 1):
            if budget:
                await self._spend(member_urn)
            delay: float | None = None
            try:
                resp = await self.client.request(method, url, **kwargs)
            except TimedOut:
                LINKEDIN_CALLS.labels("timeout").inc()
                uncertain = True
                last = LinkedInUnavailable("LinkedIn did not answer in time.")
            except HttpFailure as exc:
                LINKEDIN_CALLS.labels("not_connected" if isinstance(exc, ConnectFailed) else "dropped").inc()
                # a connection that never opened sent nothing; anything later may have reached LinkedIn
                uncertain = uncertain or not isinstance(exc, ConnectFailed)
                last = LinkedInUnavailable(f"LinkedIn could not be reached ({type(exc).__name__}).")
            else:
                LINKEDIN_CALLS.labels(linkedin_answer(resp.status_code)).inc()
                if (resp.status_code != 429 and resp.status_code < 500) or resp.status_code == 501:
                    return resp, uncertain
                retry_after = retry_after_seconds(resp.headers.get("retry-after"), self._clock.now())
                if resp.status_code == 429:
                    wait = (
                        retry_after if retry_after is not None else self._policy.backoff(attempt, self._rng)
                    )
                    last = LinkedInRateLimited("LinkedIn's rate limit is reached.", retry_after=wait)
                else:
                    uncertain = True
                    last = LinkedInUnavailable(
                        f"LinkedIn answered {resp.status_code}.",
                        retry_after=retry_after,
                        linkedin_status=resp.status_code,
                    )
                if retry_after is not None and retry_after > self._policy.max_retry_after:
                    log.warning("linkedin.retry_after_too_long", retry_after=retry_after, url=_path(url))
                    raise last
                delay = retry_after
            if attempt == self._policy.max_attempts:
                break
            wait = delay if delay is not None else self._policy.backoff(attempt, self._rng)
            log.info("linkedin.retry", attempt=attempt, wait=round(wait, 3), url=_path(url), error=last.code)
            await self._sleep(wait)
        raise last


def _path(url: str) -> str:
    """A URL without its query (upload URLs carry signatures that do not belong in logs)."""
    return url.split("?", 1)[0]
