"""The follow-up classifier: reading a message in the light of the answer just given."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT, INTENT_RESPONSE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu.answer_labels import chosen_answer
from nlu.follow_up import (
    OPENING,
    READ_AFTER_KEY,
    FollowUp,
    FollowUpClassifier,
    asked_words,
    model_input,
    previous_context,
    read_follow_ups,
    train_model,
    training_rows,
    words_and_context,
)
from tests.support.trackers import parse_answered, tracker_after

CONFIG = {
    "C": 10.0,
    "pairings": 2,
    "follow_up_weight": 2.0,
    "question_words": True,
    "spelling": True,
}
# Stand-alone questions, three answers apart
EXAMPLES = [
    *[(text, "ask_alternatives") for text in ("other treatments", "alternatives to botox")],
    *[(text, "ask_procedure") for text in ("what happens at the visit", "how is it injected")],
    *[(text, "faq/causes") for text in ("what causes it", "why do people get dystonia")],
]
# The same short words mean different answers after different answers
FOLLOW_UPS = [
    FollowUp("ask_alternatives", "ask_alternatives", "and the pills"),
    FollowUp("ask_alternatives", "ask_alternatives", "what about the tablets"),
    FollowUp("ask_procedure", "ask_procedure", "does that hurt"),
    FollowUp("ask_procedure", "ask_procedure", "is it painful"),
    FollowUp("faq/causes", "faq/causes", "is it genetic then"),
    FollowUp("faq/causes", "faq/causes", "so is it in the genes"),
]


def test_reads_the_tab_separated_follow_ups(tmp_path: Path) -> None:
    (tmp_path / "a.tsv").write_text(
        "# previous, label, focus, message\n"
        "ask_alternatives\task_alternatives\tsurgery\twhat about the operation\n\n"
    )
    assert read_follow_ups(tmp_path) == [
        FollowUp("ask_alternatives", "ask_alternatives", "what about the operation", "surgery")
    ]


def test_a_malformed_line_names_its_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "a.tsv").write_text(
        "ask_procedure\task_procedure\t-\tok\nask_procedure\tonly two\n"
    )
    with pytest.raises(ValueError, match=r"a\.tsv:2"):
        read_follow_ups(tmp_path)


def test_a_follow_up_naming_an_unknown_answer_stops_training() -> None:
    with pytest.raises(ValueError, match="faq/nonsense"):
        train_model([FollowUp("ask_procedure", "faq/nonsense", "why")], EXAMPLES, CONFIG)


def test_each_example_is_paired_with_previous_answers_and_follow_ups_weigh_more() -> None:
    inputs, labels, weights = training_rows(FOLLOW_UPS[:1], EXAMPLES[:1], ["a", "b", "c"], 2, 3.0)
    assert labels == ["ask_alternatives"] * 4
    assert weights == [3.0, 1.0, 1.0, 1.0]
    assert len(set(inputs[1:3])) == 2  # two different previous answers, then the opening


def test_each_example_is_also_read_as_an_opening() -> None:
    inputs, labels, _ = training_rows([], EXAMPLES, ["a", "b", "c"], 2, 3.0)
    assert len(inputs) == 3 * len(EXAMPLES)
    assert [model_input(OPENING, text) for text, _ in EXAMPLES] == inputs[2::3]
    assert labels[2::3] == [label for _, label in EXAMPLES]


HEAT, ICE, HANDOFF = "utter_post_care_heat", "utter_post_care_ice", "utter_handoff"


@pytest.mark.parametrize(
    ("parse", "sent", "expected"),
    [
        (None, (), None),  # a new conversation
        (parse_answered("faq/causes", "what causes it"), (HANDOFF,), "faq/causes"),
        (parse_answered("ask_alternatives", "other treatments"), (), "ask_alternatives"),
        (parse_answered("ask_post_care", "and heat?"), (HEAT, HANDOFF), "ask_post_care/heat"),
        (parse_answered("ask_post_care", "heat or ice?"), (HEAT, ICE, HANDOFF), "ask_post_care"),
        (
            parse_answered("ask_post_care", "aftercare?"),
            ("utter_post_care_overview",),
            "ask_post_care",
        ),
        (
            parse_answered("ask_alternatives", "acupuncture?"),
            ("utter_alternative_complementary", HANDOFF),
            "ask_alternatives/complementary",
        ),
        (parse_answered("faq/care_plan", "and heat?"), (HEAT,), "faq/care_plan"),
        (
            parse_answered("emergency", "i cant breathe"),
            ("utter_emergency",),
            None,
        ),  # safety owns it
        (parse_answered("nlu_fallback", "asdf"), (), None),
    ],
)
def test_the_previous_answer_and_the_one_part_it_sent(
    parse: dict | None, sent: tuple[str, ...], expected: str | None
) -> None:
    assert previous_context(tracker_after(parse, sent)) == expected
    assert previous_context(None) is None


def test_only_the_responses_to_the_latest_message_count() -> None:
    first = parse_answered("ask_post_care", "and heat?")
    events = [UserUttered("and heat?", first["intent"], parse_data=first)]
    events += [BotUttered("…", metadata={"utter_action": HEAT})]
    again = parse_answered("ask_post_care", "aftercare?")
    events += [UserUttered("aftercare?", again["intent"], parse_data=again)]
    tracker = DialogueStateTracker.from_events("someone", events, domain=Domain.empty())
    assert previous_context(tracker) == "ask_post_care"


def trained(tmp_path_factory: pytest.TempPathFactory) -> FollowUpClassifier:
    folder = tmp_path_factory.mktemp("follow_ups")
    lines = [f"{f.previous}\t{f.label}\t-\t{f.text}" for f in FOLLOW_UPS]
    (folder / "written.tsv").write_text("\n".join(lines) + "\n")
    storage = LocalModelStorage(tmp_path_factory.mktemp("storage"))
    config = {**CONFIG, "training_sets": str(folder)}  # absolute: PROJECT_ROOT / it
    component = FollowUpClassifier(config, storage, Resource("follow_up"))
    examples = [
        Message(data={TEXT: text, INTENT: label.split("/")[0], INTENT_RESPONSE_KEY: label})
        if "/" in label
        else Message(data={TEXT: text, INTENT: label})
        for text, label in EXAMPLES
    ]
    component.train(TrainingData(examples))
    return component


@pytest.fixture(scope="module")
def classifier(tmp_path_factory: pytest.TempPathFactory) -> FollowUpClassifier:
    return trained(tmp_path_factory)


def read(classifier: FollowUpClassifier, previous: dict | None, text: str) -> dict:
    """The parse of `text` after the `previous` parse (None: no tracker at all)."""
    message = Message(data={TEXT: text, INTENT: {"name": "unchanged", "confidence": 0.4}})
    tracker = tracker_after(previous) if previous else None
    classifier.process([message], tracker)
    return message.as_dict(only_output_properties=False)


def answer_after(classifier: FollowUpClassifier, previous: dict | None, text: str) -> str | None:
    return chosen_answer(read(classifier, previous, text))


AFTER_ALTERNATIVES = parse_answered("ask_alternatives", "other treatments")
AFTER_PROCEDURE = parse_answered("ask_procedure", "what happens at the visit")


def test_a_follow_up_gets_the_answer_it_leans_on(classifier: FollowUpClassifier) -> None:
    assert answer_after(classifier, AFTER_ALTERNATIVES, "and the tablets?") == "ask_alternatives"
    assert answer_after(classifier, AFTER_PROCEDURE, "does it hurt?") == "ask_procedure"


def test_a_new_question_after_an_answer_keeps_its_own_answer(
    classifier: FollowUpClassifier,
) -> None:
    assert answer_after(classifier, AFTER_PROCEDURE, "what causes dystonia") == "faq/causes"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("is it painful?", []),  # one sentence: its words are all there is
        ("My mum is nervous. She hates needles! does it hurt? thanks", ["does", "it", "hurt"]),
        ("Had my jabs on Monday.\nhow long till it works", ["how", "long", "till", "it", "works"]),
        ("Sorry. What causes it? And is it genetic?", ["and", "is", "it", "genetic"]),
        ("... ?", []),
    ],
)
def test_the_question_a_story_ends_on(text: str, words: list[str]) -> None:
    assert asked_words(model_input("ask_procedure", text)) == words


@pytest.mark.parametrize(
    ("text", "band"),
    [
        ("bruising?", "1-2"),
        ("and how long for that", "3-5"),
        ("my neck still hurts a week after the injection, is that normal", "11+"),
    ],
)
def test_a_message_is_read_with_its_length_after_the_previous_answer(text: str, band: str) -> None:
    features = words_and_context(model_input("ask_side_effects", text))
    assert f"length={band}" in features
    assert f"ask_side_effects|length={band}" in features
    assert sum(feature.startswith("length=") for feature in features) == 1


def test_a_carer_is_read_in_the_patients_words() -> None:
    carer = words_and_context(model_input("ask_post_care", "can she take his tablets herself"))
    patient = words_and_context(model_input("ask_post_care", "can i take my tablets myself"))
    assert carer == patient
    assert "can i" in carer and "ask_post_care|my" in carer
    clinic = words_and_context(model_input("ask_procedure", "what do they do"))
    assert "they" in clinic  # "they" is the clinic, not the patient


def test_after_one_part_the_answer_model_reads_the_answer_alone() -> None:
    after_heat = words_and_context(model_input("ask_post_care/heat", "use what instead"))
    assert after_heat == words_and_context(model_input("ask_post_care", "use what instead"))
    assert "after=ask_post_care" in after_heat and "ask_post_care|instead" in after_heat
    faq = words_and_context(model_input("faq/causes", "why"))  # a retrieval answer is no part
    assert "after=faq/causes" in faq and "faq/causes|why" in faq


def test_a_story_after_an_answer_gets_the_answer_its_question_needs(
    classifier: FollowUpClassifier,
) -> None:
    story = "My mum is booked in for next week. She gets very nervous. Does it hurt?"
    assert answer_after(classifier, AFTER_PROCEDURE, story) == "ask_procedure"


@pytest.mark.parametrize(
    "previous",
    [None, parse_answered("emergency", "i cant breathe"), parse_answered("nlu_fallback", "asdf")],
    ids=["no tracker", "after a safety reply", "after the fallback"],
)
def test_a_message_with_no_answer_to_lean_on_is_read_as_an_opening(
    classifier: FollowUpClassifier, previous: dict | None
) -> None:
    story = "My mum has her first jabs next week. She keeps asking me. Why do people get it?"
    parse = read(classifier, previous, story)
    assert chosen_answer(parse) == "faq/causes"
    assert READ_AFTER_KEY not in parse  # staff see no "read as a follow-up to ..."


def test_a_follow_up_says_which_answer_it_was_read_after(classifier: FollowUpClassifier) -> None:
    assert read(classifier, AFTER_PROCEDURE, "does it hurt?")[READ_AFTER_KEY] == "ask_procedure"


@pytest.mark.parametrize("text", ["", "?!", "🙂👍", "日本"])
def test_a_message_with_no_word_to_read_gets_an_empty_prediction(
    classifier: FollowUpClassifier, text: str
) -> None:
    """The FallbackClassifier after it needs a prediction; the input guard or the fallback reply
    then answers."""
    parse = read(classifier, AFTER_PROCEDURE, text)
    assert parse[INTENT] == {"name": None, "confidence": 0.0}
    assert parse["intent_ranking"] == []


def test_before_training_every_message_gets_an_empty_prediction(tmp_path: Path) -> None:
    untrained = FollowUpClassifier({}, LocalModelStorage(tmp_path), Resource("follow_up"))
    assert read(untrained, AFTER_PROCEDURE, "does it hurt?")[INTENT]["name"] is None
