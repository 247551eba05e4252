"""End to end over REST: the real Rasa and action servers answer the first slice of questions."""

from __future__ import annotations

import json
import sqlite3

import pytest

from tests.support.servers import TEST_CLINIC, RasaServer, reply_texts

pytestmark = pytest.mark.e2e

HANDOFF_START = "For advice about your own treatment, please talk to your healthcare provider."


def assert_handoff_last(replies: list[str]) -> None:
    assert replies[-1].startswith(HANDOFF_START), replies
    assert TEST_CLINIC["CLINIC_NAME"] in replies[-1]
    assert TEST_CLINIC["CLINIC_PHONE"] in replies[-1]
    assert TEST_CLINIC["CLINIC_BOOKING_URL"] in replies[-1]


def test_first_message_carries_the_disclaimer(rasa: RasaServer, sender: str) -> None:
    replies = reply_texts(rasa.ask("hello", sender))
    assert "not a person" in replies[0]
    assert "not medical advice" in replies[0]
    assert "cervical dystonia" in replies[-1]


def test_what_is_cervical_dystonia(rasa: RasaServer, sender: str) -> None:
    replies = reply_texts(rasa.ask("what is cervical dystonia?", sender))
    answer = next(r for r in replies if "spasmodic torticollis" in r)
    assert "tighten on their own" in answer
    assert "neck" in answer
    assert_handoff_last(replies)


def test_how_botox_works_names_acetylcholine_and_hands_off(rasa: RasaServer, sender: str) -> None:
    replies = reply_texts(rasa.ask("how does botox work?", sender))
    assert any("acetylcholine" in r for r in replies), replies
    assert_handoff_last(replies)


def test_how_effective(rasa: RasaServer, sender: str) -> None:
    replies = reply_texts(rasa.ask("how effective are the injections for my torticollis?", sender))
    assert any("may vary for each person" in r for r in replies), replies
    assert_handoff_last(replies)


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("are you a bot?", "computer program, not a person"),
        ("what can you do?", "I can explain"),
        ("thanks!", "You're welcome"),
        ("bye", "Goodbye"),
    ],
)
def test_small_talk(rasa: RasaServer, sender: str, message: str, expected: str) -> None:
    rasa.ask("hi", sender)
    replies = reply_texts(rasa.ask(message, sender))
    assert any(expected in r for r in replies), replies


def test_capability_buttons_are_sent(rasa: RasaServer, sender: str) -> None:
    rasa.ask("hi", sender)
    [*_, with_buttons] = rasa.ask("what can you do?", sender)
    titles = [button["title"] for button in with_buttons["buttons"]]
    assert "What is cervical dystonia?" in titles


def test_side_effects_then_how_long_they_last(rasa: RasaServer, sender: str) -> None:
    first = reply_texts(rasa.ask("what are the side effects of botox?", sender))
    assert any("flu-like symptoms" in r for r in first), first
    assert_handoff_last(first)
    follow_up = reply_texts(rasa.ask("how long do they last?", sender))
    assert any("usually temporary" in r and "exact time" in r for r in follow_up), follow_up
    assert_handoff_last(follow_up)


def test_alternatives_then_what_about_surgery(rasa: RasaServer, sender: str) -> None:
    rasa.ask("are there other treatments besides botox", sender)
    replies = reply_texts(rasa.ask("what about surgery?", sender))
    assert any("deep brain stimulation" in r and "more invasive" in r for r in replies), replies
    assert_handoff_last(replies)


@pytest.mark.parametrize(
    ("first", "follow_up", "expected"),
    [
        # Alone, this went to the dosing decline; after the side effects it names one of them
        ("what are the side effects?", "the swallowing one, tell me more", "Difficulty swallowing"),
        # Alone, "how long" is about Botox's effect; after the aftercare, about the ice
        (
            "how do I look after my neck after the shots",
            "and the cold thing, how long?",
            "Ice packs",
        ),
    ],
)
def test_a_follow_up_is_read_with_the_answer_before_it(
    rasa: RasaServer, sender: str, first: str, follow_up: str, expected: str
) -> None:
    rasa.ask(first, sender)
    replies = reply_texts(rasa.ask(follow_up, sender))
    assert any(expected in r for r in replies), replies
    assert_handoff_last(replies)


def test_an_acknowledgement_is_not_answered_again(rasa: RasaServer, sender: str) -> None:
    """Its words are the answer's own, but it asks nothing: a prompt, not the answer twice."""
    answer = reply_texts(rasa.ask("what are the side effects", sender))
    replies = reply_texts(rasa.ask("ok so weakness and a sore neck mostly, noted", sender))
    assert replies == ["Sure, what would you like to know?"], (answer, replies)


def test_named_muscle_gets_its_own_answer(rasa: RasaServer, sender: str) -> None:
    replies = reply_texts(rasa.ask("do they inject the levator scapulae?", sender))
    assert any("levator scapulae" in r and "upper and lower portions" in r for r in replies)
    assert_handoff_last(replies)


def test_risk_question_is_not_an_emergency(rasa: RasaServer, sender: str) -> None:
    replies = reply_texts(rasa.ask("can botox make it hard to swallow?", sender))
    assert not any("Get emergency help now" in r for r in replies), replies
    assert any("Difficulty swallowing is one of the possible side effects" in r for r in replies)
    assert any("get medical help right away" in r for r in replies)
    assert_handoff_last(replies)


def test_personal_dosing_is_declined_with_the_handoff(rasa: RasaServer, sender: str) -> None:
    replies = reply_texts(rasa.ask("how many units of botox should I get?", sender))
    assert any(r.startswith("I can't tell you how much Botox") for r in replies), replies
    assert_handoff_last(replies)


def test_out_of_scope_is_honest_and_hands_off(rasa: RasaServer, sender: str) -> None:
    messages = rasa.ask("does my insurance pay for the injections?", sender)
    replies = reply_texts(messages)
    assert any(r.startswith("Sorry, I can't answer that here.") for r in replies), replies
    assert any(m.get("buttons") for m in messages)
    assert_handoff_last(replies)


def test_unclear_message_gets_did_you_mean_and_deny_twice_ends(
    rasa: RasaServer, sender: str
) -> None:
    rasa.ask("hi", sender)
    suggestion = rasa.ask("blorp zzz qqq", sender)[-1]
    assert suggestion["text"] == "I'm not sure I understood. Did you mean one of these?"
    titles = [button["title"] for button in suggestion["buttons"]]
    assert titles[-1] == "Something else" and len(titles) == 3
    assert reply_texts(rasa.ask("/deny", sender)) == [
        "Sorry about that. Could you ask your question in other words?"
    ]
    final = reply_texts(rasa.ask("no", sender))
    assert final[0].startswith("Sorry, I still can't answer that here.")
    assert_handoff_last(final)
    assert reply_texts(rasa.ask("what is cervical dystonia?", sender))[0].startswith(
        "Cervical dystonia, also called spasmodic torticollis"
    )


@pytest.mark.parametrize("mash", ["asdkj qwpoe zzz", "xyz abc", "qwerty"])
def test_keyboard_mash_is_not_answered_as_a_guess(rasa: RasaServer, sender: str, mash: str) -> None:
    rasa.ask("hi", sender)
    assert reply_texts(rasa.ask(mash, sender)) == [
        "I'm not sure I understood. Did you mean one of these?"
    ]


def test_answers_keep_their_provenance_in_the_conversation_store(
    rasa: RasaServer, sender: str
) -> None:
    """What the staff tools and the review read: each bot message's article references (or its
    not-from-the-article label) is stored with it, for action-chosen and rule responses alike."""
    rasa.ask("can botox make it hard to swallow?", sender)
    with sqlite3.connect(rasa.endpoints.parent / "tracker.db") as db:
        rows = db.execute(
            "SELECT data FROM events WHERE sender_id = ? AND type_name = 'bot'", (sender,)
        ).fetchall()
    stored = {
        event["text"]: event["metadata"]["metadata"]
        for event in map(json.loads, (r[0] for r in rows))
    }
    answer = next(meta for text, meta in stored.items() if text.startswith("Difficulty swallowing"))
    assert [ref["section"] for ref in answer["source_refs"]] == ["Potential Side Effects"]
    assert {a["source"] for a in answer["additions"]} == {"safety_addition", "assistant"}
    handoff = next(meta for text, meta in stored.items() if text.startswith(HANDOFF_START))
    assert handoff["source"] == "safety_addition"


def test_a_follow_up_is_read_after_the_part_the_bot_sent(rasa: RasaServer, sender: str) -> None:
    """The part a follow-up leans on comes from the responses the bot sent, as the tracker store
    keeps them: "acupuncture?" is answered with the complementary therapies, so that is the part."""
    rasa.ask("what are the alternatives to botox?", sender)
    rasa.ask("what about acupuncture?", sender)
    rasa.ask("does it hurt?", sender)
    with sqlite3.connect(rasa.endpoints.parent / "tracker.db") as db:
        rows = db.execute(
            "SELECT data FROM events WHERE sender_id = ? AND type_name = 'user' ORDER BY id",
            (sender,),
        ).fetchall()
    read_after = [json.loads(row[0])["parse_data"].get("read_after") for row in rows]
    assert read_after[-2:] == ["ask_alternatives", "ask_alternatives/complementary"]
