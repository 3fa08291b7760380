"""The account use cases on the fakes: their ports over the in-memory unit of work, and the notification
jobs its commits leave in the outbox, run the way the worker runs them."""

from __future__ import annotations

import uuid
from datetime import timedelta

import msgspec

from inergize.adapters.budgets import InProcessRateBudgets
from inergize.adapters.passwords import Argon2PasswordHasher
from inergize.application.accounts.deps import AccountDeps, AccountPolicy
from inergize.application.notifications import inbox
from inergize.domain.accounts.users import User
from tests.fakes.clock import FakeClock
from tests.fakes.email import RecordingEmailSender
from tests.fakes.secret_box import FakeSecretBox
from tests.fakes.tokens import FakeTokenService
from tests.fakes.totp import FakeTotp
from tests.fakes.unit_of_work import InMemoryDatabase
from tests.support.accounts import registered_and_verified

NOTIFICATION_JOBS = (inbox.EMAIL_JOB, inbox.PENDING_EMAIL_JOB)


class MemoryAccounts(msgspec.Struct):
    """What an account test on the fakes works with."""

    database: InMemoryDatabase
    ports: AccountDeps
    emails: RecordingEmailSender
    clock: FakeClock

    async def run_jobs(self) -> int:
        """Every notification job committed to the outbox, oldest first, each removed before it runs
        (as the worker claims it); how many ran."""
        ran = 0
        while job := next((j for j in self.database.tables.outbox if j[1] in NOTIFICATION_JOBS), None):
            self.database.tables.outbox.remove(job)
            _, actor, kwargs = job
            if actor == inbox.EMAIL_JOB:
                await inbox.deliver_notification_email(
                    uuid.UUID(kwargs["notification_id"]), uow_factory=self.database, email_sender=self.emails,
                    clock=self.clock, base_url=self.ports.policy.base_url)
            else:
                await inbox.deliver_pending_email(uuid.UUID(kwargs["email_id"]), uow_factory=self.database,
                                                  email_sender=self.emails)
            ran += 1
        return ran

    async def signed_up(self, email: str) -> User:
        """Register and verify ``email``; return the user."""
        user: User = await registered_and_verified(self.ports, self.emails, email, self.run_jobs)
        return user


def memory_accounts(clock: FakeClock, policy: AccountPolicy | None = None) -> MemoryAccounts:
    """Fresh fakes for the account use cases. Passwords are hashed with argon2id's fast test profile (in
    process, and what the product stores); the access state is read without a cache (the fake unit of
    work does not bump cache generations; tests/http/accounts/ covers the cached path)."""
    policy = policy or AccountPolicy()
    database = InMemoryDatabase()
    ports = AccountDeps(uow_factory=database, clock=clock, hasher=Argon2PasswordHasher("fast"),
                        tokens=FakeTokenService(ttl=timedelta(seconds=policy.access_ttl_seconds)), totp=FakeTotp(),
                        budgets=InProcessRateBudgets(), policy=policy, box=FakeSecretBox())
    return MemoryAccounts(database, ports, RecordingEmailSender(), clock)
