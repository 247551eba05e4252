"""The one-snippet embed (web/embed.js) on a plain "clinic website" (web/demo-clinic.html):
a launcher in the corner, keyboard-only use, the conversation kept across the clinic's pages,
and no accessibility violation with the chat closed or open."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.test_widget_accessibility import TARGET_PX, tab_to, violations
from tests.e2e.test_widget_browser import BOT_TEXT, USER_TEXT, WAIT_MS, browser  # noqa: F401
from tests.support.channel_fixtures import HANDOFF_MARK, QUESTION

pytestmark = pytest.mark.e2e


@pytest.fixture
def clinic(browser: Browser, widget_page: str) -> Iterator[Page]:  # noqa: F811
    context = browser.new_context(viewport={"width": 390, "height": 844}, bypass_csp=True)
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()
    page.goto(f"{widget_page}demo-clinic.html")
    expect(page.locator(".rw-launcher")).to_be_visible()
    yield page
    context.close()


def ask_in_chat(page: Page, text: str) -> None:
    page.locator(".rw-new-message").fill(text)
    page.locator(".rw-new-message").press("Enter")


def test_the_launcher_sits_in_the_corner_and_is_large(clinic: Page) -> None:
    box = clinic.locator(".rw-launcher").bounding_box()
    assert box and box["width"] >= TARGET_PX and box["height"] >= TARGET_PX
    assert box["x"] > 390 / 2 and box["y"] > 844 / 2  # bottom right, as data-position asks
    assert clinic.locator(".rw-launcher").get_attribute("aria-label") == "Open the chat"


def test_no_violation_with_the_chat_closed_or_open(clinic: Page) -> None:
    assert violations(clinic) == []
    clinic.locator(".rw-launcher").click()
    expect(clinic.locator(BOT_TEXT).first).to_be_visible()
    ask_in_chat(clinic, "what can you do?")
    expect(clinic.locator(".rw-reply").first).to_be_visible()
    assert violations(clinic) == []


def test_keyboard_opens_chats_and_escape_closes_back_to_the_launcher(clinic: Page) -> None:
    tab_to(clinic, "rw-launcher", 15)
    clinic.keyboard.press("Enter")
    expect(clinic.locator(".rw-new-message")).to_be_focused()
    clinic.keyboard.type(QUESTION)
    clinic.keyboard.press("Enter")
    expect(clinic.locator(BOT_TEXT, has_text=HANDOFF_MARK)).to_have_count(1)
    clinic.keyboard.press("Escape")
    expect(clinic.locator(".rw-new-message")).to_have_count(0)
    expect(clinic.locator(".rw-launcher")).to_be_focused()


def test_the_conversation_follows_the_patient_across_the_clinics_pages(
    clinic: Page, widget_page: str
) -> None:
    clinic.locator(".rw-launcher").click()
    ask_in_chat(clinic, QUESTION)
    expect(clinic.locator(BOT_TEXT, has_text=HANDOFF_MARK)).to_have_count(1)
    clinic.goto(f"{widget_page}demo-clinic.html?page=visit")
    expect(clinic.locator(".rw-widget-container")).to_be_attached()
    clinic.wait_for_timeout(1000)  # the widget restores its open or closed state from storage
    if not clinic.locator(".rw-new-message").is_visible():
        clinic.locator(".rw-launcher").click()
    expect(clinic.locator(USER_TEXT, has_text=QUESTION)).to_have_count(1)
