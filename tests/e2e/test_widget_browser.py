"""The website widget in a real browser (Playwright driving Debian's Chromium, headless).

The page (scripts/serve_web.py) talks over Socket.IO to the Rasa server that has the page's origin
as its CORS origin. A phone-sized screen is used throughout; the screenshot of the widget answering
is saved in tests/artifacts/.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.support.channel_fixtures import ANSWER_MARK, HANDOFF_MARK, QUESTION

pytestmark = pytest.mark.e2e

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
WAIT_MS = 60_000
BOT_TEXT = ".rw-response .rw-message-text"
USER_TEXT = ".rw-client .rw-message-text"
expect.set_options(timeout=WAIT_MS)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: apt-get install chromium (README, Test prerequisites)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh phone-sized browser context (empty storage) with one page."""
    context = browser.new_context(**PHONE)
    context.set_default_timeout(WAIT_MS)
    yield context.new_page()
    context.close()


def ask(page: Page, text: str) -> None:
    page.locator(".rw-new-message").fill(text)
    page.locator(".rw-new-message").press("Enter")


def texts_after(page: Page, user_text: str) -> list[str]:
    """Every message text shown after the user's message `user_text`."""
    shown = page.locator(".rw-message-text").all_inner_texts()
    return shown[shown.index(user_text) + 1 :]


def test_widget_answers_follows_up_and_keeps_the_conversation_on_reload(
    page: Page, widget_page: str
) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(widget_page)
    expect(page.locator(BOT_TEXT).first).to_be_visible()

    ask(page, QUESTION)
    expect(page.locator(BOT_TEXT, has_text=HANDOFF_MARK)).to_have_count(1)
    answer = texts_after(page, QUESTION)
    assert any(ANSWER_MARK in text.lower() for text in answer), answer

    ask(page, "what can you do?")
    button = page.locator(".rw-reply").last
    expect(button).to_be_visible()
    chosen = button.inner_text()
    button.click()
    expect(page.locator(BOT_TEXT, has_text=HANDOFF_MARK)).to_have_count(2)
    expect(page.locator(USER_TEXT, has_text=chosen)).to_have_count(1)

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "widget_phone.png"))
    shown_before_reload = page.locator(".rw-message-text").all_inner_texts()

    page.reload()
    expect(page.locator(BOT_TEXT, has_text=HANDOFF_MARK)).to_have_count(2)
    assert page.locator(".rw-message-text").all_inner_texts()[: len(shown_before_reload)] == (
        shown_before_reload
    )

    hosts = {urlsplit(url).hostname for url in requested if not url.startswith("data:")}
    assert hosts == {"127.0.0.1"}, requested


def test_widget_is_readable_on_a_phone(page: Page, widget_page: str) -> None:
    page.goto(widget_page)
    message = page.locator(BOT_TEXT).first
    expect(message).to_be_visible()
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    for element in (message, page.locator(".rw-new-message")):
        box = element.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, box
    font_size = message.evaluate("element => parseFloat(getComputedStyle(element).fontSize)")
    assert font_size >= 16


def test_html_in_a_message_shows_as_text_and_runs_nothing(page: Page, widget_page: str) -> None:
    attack = "<img src=x onerror=window.__xss=1>"
    page.goto(widget_page)
    expect(page.locator(BOT_TEXT).first).to_be_visible()
    replies_before = page.locator(BOT_TEXT).count()
    ask(page, attack)
    expect(page.locator(USER_TEXT)).to_have_text([attack])
    expect(page.locator(BOT_TEXT)).not_to_have_count(replies_before)
    assert page.locator("#webchat img[src='x']").count() == 0
    assert page.evaluate("window.__xss") is None


# Records, on the page's clock, when each bot message reaching the browser (over a WebSocket or
# a long-polling request) first contains each text of `window.watchedTexts`, and when that text
# first shows on screen.
WATCH_ARRIVAL_AND_DISPLAY = """
window.watchedTexts = [];
window.arrived = {};
window.shown = {};
const note = (data) => {
  if (typeof data !== "string") return;
  for (const text of window.watchedTexts) {
    if (data.includes(text) && !(text in window.arrived)) window.arrived[text] = performance.now();
  }
};
const NativeWebSocket = window.WebSocket;
window.WebSocket = function (...args) {
  const socket = new NativeWebSocket(...args);
  socket.addEventListener("message", (event) => note(event.data));
  return socket;
};
window.WebSocket.prototype = NativeWebSocket.prototype;
Object.assign(window.WebSocket, NativeWebSocket);
const nativeSend = XMLHttpRequest.prototype.send;
XMLHttpRequest.prototype.send = function (...args) {
  this.addEventListener("load", () => note(this.responseText));
  return nativeSend.apply(this, args);
};
new MutationObserver(() => {
  const texts = [...document.querySelectorAll(".rw-response .rw-message-text")];
  for (const text of window.watchedTexts) {
    if (!(text in window.shown) && texts.some((node) => node.innerText.includes(text))) {
      window.shown[text] = performance.now();
    }
  }
}).observe(document, {childList: true, subtree: true, characterData: true});
"""
URGENT_MARK = "Get emergency help now"
LONG_ANSWER_QUESTION = "how does botox work for cervical dystonia?"
LONG_ANSWER_MARK = "acetylcholine"
URGENT_WITHIN_MS = 500


def test_an_emergency_reply_shows_at_once_even_behind_a_long_answer(
    page: Page, widget_page: str
) -> None:
    page.add_init_script(WATCH_ARRIVAL_AND_DISPLAY)
    page.goto(widget_page)
    expect(page.locator(BOT_TEXT).first).to_be_visible()
    page.evaluate("(texts) => { window.watchedTexts = texts; }", [LONG_ANSWER_MARK, URGENT_MARK])

    ask(page, LONG_ANSWER_QUESTION)
    ask(page, "I cant breathe properly")
    expect(page.locator(BOT_TEXT, has_text=URGENT_MARK)).to_have_count(1)

    arrived, shown = page.evaluate("[window.arrived, window.shown]")
    # The long answer reached the browser first, so the emergency reply queued behind it ...
    assert arrived[LONG_ANSWER_MARK] < arrived[URGENT_MARK], arrived
    # ... yet showed at once, and nothing was shown out of order.
    delay_ms = shown[URGENT_MARK] - arrived[URGENT_MARK]
    assert delay_ms <= URGENT_WITHIN_MS, f"shown {delay_ms:.0f} ms after it arrived"
    assert shown[LONG_ANSWER_MARK] <= shown[URGENT_MARK], shown
