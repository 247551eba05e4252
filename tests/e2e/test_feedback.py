"""Feedback buttons (FEEDBACK_BUTTONS=1): under each answer, over REST and in the widget."""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.test_widget_browser import BOT_TEXT, PHONE, WAIT_MS, ask, browser  # noqa: F401
from tests.support.channel_fixtures import HANDOFF_MARK, QUESTION, serving_widget_page
from tests.support.responses import all_responses
from tests.support.servers import (
    ActionServer,
    RasaServer,
    free_port,
    rasa_server,
)

pytestmark = pytest.mark.e2e

ASK_TEXT = all_responses()["utter_feedback_ask"][0]["text"]
THANKS_TEXT = all_responses()["utter_feedback_thanks"][0]["text"]


@pytest.fixture(scope="module")
def origin() -> str:
    return f"http://127.0.0.1:{free_port()}"


@pytest.fixture(scope="module")
def rasa_with_feedback(
    tmp_path_factory: pytest.TempPathFactory, actions: ActionServer, origin: str
) -> Iterator[RasaServer]:
    workdir = tmp_path_factory.mktemp("feedback")
    env = {"FEEDBACK_BUTTONS": "1"}
    with rasa_server(workdir, actions.webhook, env=env, extra_args=("--cors", origin)) as server:
        yield server


@pytest.fixture(scope="module")
def feedback_page(
    tmp_path_factory: pytest.TempPathFactory, rasa_with_feedback: RasaServer, origin: str
) -> Iterator[str]:
    log = tmp_path_factory.mktemp("web") / "web.log"
    with serving_widget_page(origin, rasa_with_feedback.url, log) as url:
        yield url


def test_answers_offer_feedback_and_not_helpful_asks_once(rasa_with_feedback: RasaServer) -> None:
    sender = f"feedback-{uuid.uuid4().hex}"
    replies = rasa_with_feedback.ask(QUESTION, sender)
    handoff = replies[-1]
    assert HANDOFF_MARK in handoff["text"]
    assert [b["payload"] for b in handoff["buttons"]] == [
        "/feedback_helpful",
        "/feedback_not_helpful",
    ]

    assert [r["text"] for r in rasa_with_feedback.ask("/feedback_not_helpful", sender)] == [
        ASK_TEXT
    ]
    looking_for = rasa_with_feedback.ask("can I drive home after my injections?", sender)
    assert HANDOFF_MARK in looking_for[-1]["text"]  # answered as usual, the question is not lost
    assert [r["text"] for r in rasa_with_feedback.ask("/feedback_helpful", sender)] == [THANKS_TEXT]

    with sqlite3.connect(rasa_with_feedback.endpoints.parent / "tracker.db") as db:
        intents = [
            row[0]
            for row in db.execute(
                "SELECT intent_name FROM events WHERE sender_id = ? AND type_name = 'user'",
                (sender,),
            )
        ]
    assert intents[1:] == ["feedback_not_helpful", intents[2], "feedback_helpful"]


def test_feedback_buttons_in_the_widget(browser: Browser, feedback_page: str) -> None:  # noqa: F811
    context = browser.new_context(**PHONE)
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()
    try:
        page.goto(feedback_page)
        expect(page.locator(BOT_TEXT).first).to_be_visible()
        ask(page, QUESTION)
        expect(page.locator(BOT_TEXT, has_text=HANDOFF_MARK)).to_have_count(1)
        not_helpful = page.locator(".rw-reply", has_text="Not helpful").last
        expect(not_helpful).to_be_visible()
        expect(page.locator(".rw-reply", has_text="Helpful").first).to_be_visible()
        not_helpful.click()
        expect(page.locator(BOT_TEXT, has_text="What were you looking for?")).to_have_count(1)
    finally:
        context.close()


def test_feedback_is_off_by_default(rasa: RasaServer) -> None:
    replies = rasa.ask(QUESTION, f"no-feedback-{uuid.uuid4().hex}")
    assert HANDOFF_MARK in replies[-1]["text"]
    assert not replies[-1].get("buttons")
    assert json.dumps(replies).count("feedback_") == 0
