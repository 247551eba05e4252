"""A message typed while the connection is down is kept, not lost (issue 17, "calm for a shaky
hand"): the Socket.IO connection is cut by a proxy between the browser and the Rasa server
(tests/support/severable_proxy.py), and the widget page is pointed at the proxy."""

from __future__ import annotations

import json
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from tests.e2e.test_widget_accessibility import violations
from tests.e2e.test_widget_browser import (  # noqa: F401
    BOT_TEXT,
    PHONE,
    WAIT_MS,
    ask,
    browser,
)
from tests.support.channel_fixtures import HANDOFF_MARK, QUESTION, MessagingServer
from tests.support.severable_proxy import SeverableProxy, severable_proxy

pytestmark = pytest.mark.e2e

UNSENT = ".bot-unsent"


@pytest.fixture
def proxy(messaging: MessagingServer) -> Iterator[SeverableProxy]:
    with severable_proxy(urlsplit(messaging.rasa.url).port) as running_proxy:
        yield running_proxy


@pytest.fixture
def page(browser: Browser, widget_page: str, proxy: SeverableProxy) -> Iterator[Page]:  # noqa: F811
    """The widget page on a phone, its Socket.IO connection going through the proxy (the page's
    CSP names the Rasa server itself, so it is bypassed here)."""
    context = browser.new_context(**PHONE, bypass_csp=True)
    context.set_default_timeout(WAIT_MS)
    config = f"window.BOT_SOCKET_URL = {json.dumps(proxy.url)};\n"

    def point_at_proxy(route: Route) -> None:
        route.fulfill(body=config, content_type="text/javascript")

    context.route("**/config.js", point_at_proxy)
    page = context.new_page()
    page.goto(widget_page)
    expect(page.locator(BOT_TEXT).first).to_be_visible()
    yield page
    context.close()


def send_into_a_dead_connection(page: Page, proxy: SeverableProxy) -> None:
    """Send while the connection has silently died, until the browser notices it is gone."""
    proxy.go_silent()
    ask(page, QUESTION)
    expect(page.locator(".rw-new-message")).to_have_value("")  # the widget thinks it is sent
    proxy.cut()


def expect_kept(page: Page) -> None:
    expect(page.locator(".rw-new-message")).to_have_value(QUESTION)
    expect(page.locator(UNSENT)).to_have_attribute("role", "status")
    expect(page.locator(UNSENT)).to_contain_text("will be sent when it is back")
    expect(page.locator(BOT_TEXT, has_text=HANDOFF_MARK)).to_have_count(0)


def expect_sent_and_answered(page: Page) -> None:
    expect(page.locator(BOT_TEXT, has_text=HANDOFF_MARK)).to_have_count(1)
    expect(page.locator(".rw-new-message")).to_have_value("")
    expect(page.locator(UNSENT)).to_have_count(0)


def test_a_message_lost_with_the_connection_goes_back_in_the_box_and_is_sent_when_it_returns(
    page: Page, proxy: SeverableProxy
) -> None:
    send_into_a_dead_connection(page, proxy)
    expect_kept(page)
    expect(page.get_by_text("Connecting…")).to_be_visible()
    assert violations(page) == []  # the note and the waiting widget pass the audit too

    proxy.restore()
    expect_sent_and_answered(page)


def test_a_kept_message_survives_a_reload_and_is_sent_once_connected(
    page: Page, proxy: SeverableProxy
) -> None:
    send_into_a_dead_connection(page, proxy)
    expect_kept(page)

    page.reload()
    expect_kept(page)

    proxy.restore()
    expect_sent_and_answered(page)


def test_text_being_typed_when_the_connection_drops_is_not_cleared(
    page: Page, proxy: SeverableProxy
) -> None:
    page.locator(".rw-new-message").fill(QUESTION)
    proxy.cut()
    expect(page.get_by_text("Connecting…")).to_be_visible()
    expect(page.locator(".rw-new-message")).to_have_value(QUESTION)

    proxy.restore()
    expect(page.locator(".rw-new-message")).to_be_enabled()
    expect(page.locator(".rw-new-message")).to_have_value(QUESTION)
    page.locator(".rw-new-message").press("Enter")
    expect_sent_and_answered(page)
