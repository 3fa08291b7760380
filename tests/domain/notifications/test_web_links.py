"""Links sent to users open the web app's pages, under the public URL (by default where the server
listens)."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from inergize.domain.notifications import web_pages
from inergize.domain.platform.errors import ConfigurationError
from inergize.settings import load_settings

# The pages the web app serves (its static export's folders), as agreed with it.
WEB_APP_PAGES = {
    "/", "/sign-in/", "/sign-up/", "/verify-email/", "/forgot-password/", "/reset-password/",
    "/confirm-email/", "/linkedin/", "/profile/", "/compose/", "/carousel/", "/banner/", "/library/",
    "/calendar/", "/queue/", "/imports/", "/best-times/", "/automation/", "/automation/tasks/",
    "/compliance/", "/notifications/", "/settings/", "/settings/security/", "/settings/sessions/",
    "/settings/notifications/", "/settings/data/", "/admin/", "/admin/users/", "/admin/audit/",
}


def test_every_link_target_is_a_page_of_the_web_app() -> None:
    some_id = uuid.uuid4()
    links = [web_pages.HOME, web_pages.SIGN_IN, web_pages.LINKEDIN, web_pages.COMPLIANCE,
             web_pages.SECURITY_SETTINGS, web_pages.NOTIFICATIONS, web_pages.verify_email("t0k-_en"),
             web_pages.reset_password("t"), web_pages.confirm_email("t"), web_pages.publication(some_id),
             web_pages.compose(some_id)]
    assert [link.partition("?")[0] for link in links if link.partition("?")[0] not in WEB_APP_PAGES] == []
    assert web_pages.verify_email("t0k-_en") == "/verify-email/?token=t0k-_en"
    assert web_pages.publication(some_id) == f"/calendar/?publication={some_id}"
    assert web_pages.compose("a b&c") == "/compose/?id=a%20b%26c"


@pytest.mark.parametrize(("env", "expected"), [
    ({}, "http://127.0.0.1:8000"),
    ({"INERGIZE_HTTP_PORT": "8123"}, "http://127.0.0.1:8123"),
    ({"INERGIZE_HTTP_HOST": "0.0.0.0", "INERGIZE_HTTP_PORT": "9000"}, "http://127.0.0.1:9000"),
    ({"INERGIZE_HTTP_HOST": "::1", "INERGIZE_HTTP_PORT": "9000"}, "http://[::1]:9000"),
    ({"INERGIZE_HTTP_HOST": "app.internal"}, "http://app.internal:8000"),
    ({"INERGIZE_PUBLIC_URL": "https://inergize.example/", "INERGIZE_HTTP_PORT": "9000"},
     "https://inergize.example"),
])
def test_the_public_url_defaults_to_where_the_server_listens(env: dict[str, str], expected: str,
                                                             tmp_path: Path) -> None:
    assert load_settings({**env, "INERGIZE_DATA_DIR": str(tmp_path)}).effective_public_url == expected


def test_a_public_url_must_be_http() -> None:
    with pytest.raises(ConfigurationError) as err:
        load_settings({"INERGIZE_PUBLIC_URL": "inergize.example"})
    assert err.value.extra["variable"] == "INERGIZE_PUBLIC_URL"
