"""Notifications: the row and its email commit together; preferences decide the channels; the email
job is idempotent; users see only their own."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from inergize.application.notifications import inbox as uc
from inergize.domain.notifications.notification import NotificationPreference
from inergize.domain.platform.errors import NotFound, ValidationFailed
from inergize.ports.email import EmailMessage
from tests.support.jobs import run_account_jobs


async def _notify(
    container: Any, user_id: uuid.UUID, kind: str = "publishing.failed", commit: bool = True, **kw: Any
) -> Any:
    async with container.uow_factory()() as uow:
        item = await uc.notify(
            uow,
            user_id,
            kind,
            "Your post failed",
            "LinkedIn said no.",
            link="/content/1",
            now=container.clock().now(),
            **kw,
        )
        if commit:
            await uow.commit()
    return item


async def test_notify_writes_the_row_and_emails_it_once(container: Any, make_user: Any, emails: Any) -> None:
    u = await make_user()
    item = await _notify(container, u.user.id)
    factory = container.uow_factory()
    assert await uc.unread_count(principal=u.principal, uow_factory=factory) == 1
    await run_account_jobs(container)
    mine = emails.to(u.user.email)
    assert len(mine) == 1 and mine[0].subject == "Your post failed"
    assert "/content/1" in mine[0].text and mine[0].text.startswith("LinkedIn said no.")
    # A second delivery of the same job sends nothing more.
    from inergize.entrypoints.workers.notifications import send_notification_email

    await send_notification_email(container, notification_id=str(item.id))
    assert len(emails.to(u.user.email)) == 1


async def test_rolled_back_notification_sends_nothing(container: Any, make_user: Any, emails: Any) -> None:
    u = await make_user()
    await _notify(container, u.user.id, commit=False)
    await run_account_jobs(container)
    assert emails.to(u.user.email) == []
    assert await uc.unread_count(principal=u.principal, uow_factory=container.uow_factory()) == 0


async def test_preferences_choose_channels_but_not_for_security(
    container: Any, make_user: Any, emails: Any
) -> None:
    u = await make_user()
    factory, clock = container.uow_factory(), container.clock()
    await uc.set_preference(
        NotificationPreference(kind="publishing.failed", in_app=False, email=False),
        principal=u.principal,
        uow_factory=factory,
        clock=clock,
    )
    await uc.set_preference(
        NotificationPreference(kind="digest.weekly", in_app=True, email=False),
        principal=u.principal,
        uow_factory=factory,
        clock=clock,
    )
    await _notify(container, u.user.id, "publishing.failed")
    await _notify(container, u.user.id, "digest.weekly")
    with pytest.raises(ValidationFailed):
        await uc.set_preference(
            NotificationPreference(kind="security.password_changed", email=False),
            principal=u.principal,
            uow_factory=factory,
            clock=clock,
        )
    await _notify(container, u.user.id, "security.password_changed")
    await run_account_jobs(container)
    page = await uc.list_notifications(principal=u.principal, uow_factory=factory)
    assert sorted(n.kind for n in page.items) == ["digest.weekly", "security.password_changed"]
    assert [m.subject for m in emails.to(u.user.email)] == ["Your post failed"]  # the security one only
    prefs = await uc.get_preferences(principal=u.principal, uow_factory=factory)
    assert {p.kind: (p.in_app, p.email) for p in prefs} == {
        "publishing.failed": (False, False),
        "digest.weekly": (True, False),
    }


async def test_mark_read_touches_only_own_notifications(container: Any, make_user: Any, emails: Any) -> None:
    a, b = await make_user(), await make_user()
    factory, clock = container.uow_factory(), container.clock()
    na = await _notify(container, a.user.id)
    nb = await _notify(container, b.user.id)
    with pytest.raises(NotFound):
        await uc.mark_one_read(nb.id, principal=a.principal, uow_factory=factory, clock=clock)
    assert await uc.mark_read([nb.id], principal=a.principal, uow_factory=factory, clock=clock) == 0
    assert await uc.unread_count(principal=b.principal, uow_factory=factory) == 1
    read = await uc.mark_one_read(na.id, principal=a.principal, uow_factory=factory, clock=clock)
    assert read.read_at is not None
    assert await uc.unread_count(principal=a.principal, uow_factory=factory) == 0
    assert (
        await uc.list_notifications(principal=a.principal, uow_factory=factory, unread_only=True)
    ).items == []


async def test_email_to_another_address_and_pending_emails_are_forgotten(
    container: Any, make_user: Any, emails: Any
) -> None:
    u = await make_user()
    await _notify(container, u.user.id, "security.email_changed", email_to="old@example.com")
    async with container.uow_factory()() as uow:
        await uc.queue_email(
            uow,
            u.user.id,
            EmailMessage(to=u.user.email, subject="Verify", text="token"),
            now=container.clock().now(),
        )
        await uow.commit()
    await run_account_jobs(container)
    assert len(emails.to("old@example.com")) == 1
    assert [m.subject for m in emails.to(u.user.email)] == ["Verify"]
    async with container.uow_factory()(read_only=True) as uow:
        from sqlalchemy import func, select

        from inergize.adapters.persistence.tables.accounts import pending_emails

        left = (
            await uow.connection.execute(
                select(func.count()).select_from(pending_emails).where(pending_emails.c.user_id == u.user.id)
            )
        ).scalar_one()
    assert left == 0


async def test_bad_kind_is_refused(container: Any, make_user: Any) -> None:
    u = await make_user()
    with pytest.raises(ValidationFailed):
        await _notify(container, u.user.id, "Not A Kind!")
