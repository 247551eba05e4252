"""The widget for people whose neck and hands won't keep still: an axe-core audit (WCAG 2.2 AA)
with zero violations, the whole conversation by keyboard, new messages announced, 44 x 44 px
targets, no horizontal scrolling at 320 px or at 200% zoom, reduced motion respected."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.test_widget_browser import BOT_TEXT, USER_TEXT, WAIT_MS, ask, browser  # noqa: F401
from tests.support.channel_fixtures import HANDOFF_MARK, QUESTION
from tests.support.servers import PROJECT_ROOT

pytestmark = pytest.mark.e2e

AXE = PROJECT_ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
TARGET_PX = 44


def open_page(browser: Browser, url: str, **options) -> Page:  # noqa: F811
    # The page's CSP allows only its own scripts; the audit script is injected by the test.
    context = browser.new_context(bypass_csp=True, **options)
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()
    page.goto(url)
    expect(page.locator(BOT_TEXT).first).to_be_visible()
    return page


@pytest.fixture
def phone(browser: Browser, widget_page: str) -> Iterator[Page]:  # noqa: F811
    page = open_page(browser, widget_page, viewport={"width": 390, "height": 844}, has_touch=True)
    yield page
    page.context.close()


def violations(page: Page) -> list[str]:
    """axe-core's WCAG 2.2 A/AA violations of the page as it is now."""
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))"
        ".violations.map(v => `${v.id}: ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)",
        WCAG_22_AA,
    )
    return list(found)


def test_axe_finds_no_violation_on_the_page_a_conversation_and_an_emergency(phone: Page) -> None:
    assert violations(phone) == []
    ask(phone, "what can you do?")
    expect(phone.locator(".rw-reply").first).to_be_visible()
    assert violations(phone) == []
    ask(phone, "I can't breathe properly")
    expect(phone.locator(BOT_TEXT, has_text="Get emergency help now")).to_have_count(1)
    assert violations(phone) == []


def tab_to(page: Page, css_class: str, most_presses: int) -> None:
    """Press Tab from where focus is until the element with `css_class` has it."""
    for _ in range(most_presses):
        page.keyboard.press("Tab")
        if page.evaluate("c => document.activeElement.classList.contains(c)", css_class):
            return
    pytest.fail(f"Tab never reached .{css_class}")


def test_the_whole_conversation_works_by_keyboard(phone: Page) -> None:
    tab_to(phone, "rw-new-message", 10)  # from the page start
    phone.keyboard.type("what can you do?")
    phone.keyboard.press("Enter")
    expect(phone.locator(".rw-reply").first).to_be_visible()
    phone.locator(".rw-reply").first.focus()
    chosen = phone.evaluate("document.activeElement.textContent")
    assert phone.evaluate("document.activeElement.getAttribute('role')") == "button"
    phone.keyboard.press("Enter")
    expect(phone.locator(USER_TEXT, has_text=chosen)).to_have_count(1)
    expect(phone.locator(BOT_TEXT, has_text=HANDOFF_MARK)).to_have_count(1)


def test_new_messages_are_announced(phone: Page) -> None:
    log = phone.locator("#rw-messages")
    assert log.get_attribute("role") == "log" and log.get_attribute("aria-live") == "polite"
    assert phone.locator(".rw-send").get_attribute("aria-label") == "Send"


def test_every_target_is_at_least_44_px(phone: Page) -> None:
    ask(phone, "what can you do?")
    expect(phone.locator(".rw-reply").first).to_be_visible()
    for selector in (".rw-reply", ".rw-send", ".rw-new-message"):
        for box in (element.bounding_box() for element in phone.locator(selector).all()):
            assert box and box["width"] >= TARGET_PX and box["height"] >= TARGET_PX, (selector, box)


@pytest.mark.parametrize(
    "viewport",
    [{"width": 320, "height": 640}, {"width": 640, "height": 400}],  # 320 px; 1280 px at 200%
    ids=["320px", "zoom-200"],
)
def test_no_horizontal_scrolling(browser: Browser, widget_page: str, viewport: dict) -> None:  # noqa: F811
    page = open_page(browser, widget_page, viewport=viewport)
    try:
        ask(page, QUESTION)
        expect(page.locator(BOT_TEXT, has_text=HANDOFF_MARK)).to_have_count(1)
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    finally:
        page.context.close()


def test_reduced_motion_is_respected(browser: Browser, widget_page: str) -> None:  # noqa: F811
    page = open_page(browser, widget_page, reduced_motion="reduce")
    try:
        animated = page.evaluate(
            "[...document.querySelectorAll('#webchat *')].filter(e => "
            "getComputedStyle(e).animationName !== 'none').length"
        )
        assert animated == 0
    finally:
        page.context.close()
