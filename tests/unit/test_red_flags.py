"""The red-flag detector: every emergency caught, few false alarms, never an exception."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rasa.nlu.constants import SPACY_DOCS
from rasa.nlu.utils.spacy_utils import SpacyModel
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from safety.red_flag_model import NO_FLAG, follow_up_messages, read_set, sets_fingerprint
from safety.red_flags import (
    DENIED_HARM_ABOVE,
    FLAG_BELOW,
    OVERRULE_BELOW,
    RED_FLAG_KEY,
    SELF_HARM_ABOVE,
    SELF_HARM_VETO_ABOVE,
    VETO_ABOVE,
    Assessment,
    RedFlag,
    RedFlagDetector,
    RedFlagMatcher,
    combine,
)
from settings import PROJECT_ROOT
from tests.support.red_flag_sets import (
    MAX_FALSE_ALARM_RATE,
    SETS,
    SPACY_PIPELINE,
    Score,
    detector_only,
    is_holdout,
    load_matcher,
    read_cases,
    score,
)

PREDICTED = [
    {"name": "faq", "confidence": 0.7},
    {"name": "greet", "confidence": 0.2},
    {"name": "emergency", "confidence": 0.1},
]


@pytest.fixture(scope="module")
def matcher() -> RedFlagMatcher:
    try:
        return load_matcher()
    except FileNotFoundError:
        pytest.fail(f"{SPACY_PIPELINE} is missing: run `make install`")


@pytest.fixture(scope="module")
def model(matcher: RedFlagMatcher) -> SpacyModel:
    return SpacyModel(matcher.nlp, str(SPACY_PIPELINE))


@pytest.fixture(scope="module")
def detector() -> RedFlagDetector:
    return RedFlagDetector.create(RedFlagDetector.get_default_config(), None, None, None)


def _message(text: str, model: SpacyModel | None = None) -> Message:
    """A message as the pipeline hands it over: the classifiers' verdict and (maybe) a doc."""
    message = Message(data={TEXT: text})
    message.set(INTENT, dict(PREDICTED[0]), add_to_output=True)
    message.set(INTENT_RANKING_KEY, [dict(intent) for intent in PREDICTED], add_to_output=True)
    if model is not None:  # SpacyNLP lower-cases the text before making the doc
        message.set(SPACY_DOCS[TEXT], model.model(text.lower()))
    return message


# Floors per set for the patterns alone: (recall, false-alarm rate). The tuning set was tuned on
# until every red flag was caught; the fresh sets were written blind, then tuned on
# (bench/red_flags.py says which). The pipeline on the hold-out set: test_red_flag_holdout.py.
PATTERN_FLOORS = {
    "tuning": (1.0, MAX_FALSE_ALARM_RATE),
    "fresh_a": (0.88, 0.08),
    "fresh_b": (0.80, 0.08),
}


BLIND_SETS = sorted(name for name in SETS if name != "authored")


@pytest.mark.parametrize("set_name", BLIND_SETS)
def test_the_blind_sets_are_large_enough(set_name: str) -> None:
    cases = read_cases(set_name)
    red_flags = [case for case in cases if case.label != NO_FLAG]
    assert len(red_flags) >= 150
    assert sum(case.label == "self_harm" for case in red_flags) >= 12
    assert {case.label for case in red_flags} == {"emergency", "self_harm"}
    assert len(cases) - len(red_flags) >= 300


@pytest.mark.parametrize("set_name", sorted(PATTERN_FLOORS))
def test_the_patterns_catch_red_flags_and_rarely_alarm(
    matcher: RedFlagMatcher, set_name: str
) -> None:
    result: Score = score(detector_only(matcher), read_cases(set_name))
    least_recall, most_false_alarms = PATTERN_FLOORS[set_name]
    wrong = "\n".join(f"{o.expected} -> {o.kind}: {o.case.text}" for o in result.wrong)
    assert result.recall >= least_recall, f"recall {result.recall:.1%}:\n{wrong}"
    assert (
        result.false_alarm_rate <= most_false_alarms
    ), f"false alarms {result.false_alarm_rate:.1%}:\n{wrong}"


def flag_of(kind: str) -> RedFlag:
    return RedFlag(kind, "category")  # type: ignore[arg-type]


CONFIG = {  # any values: the logic
    FLAG_BELOW: 0.3,
    VETO_ABOVE: 0.8,
    SELF_HARM_ABOVE: 0.25,
    SELF_HARM_VETO_ABOVE: 0.95,
    OVERRULE_BELOW: 0.05,
    DENIED_HARM_ABOVE: 0.9,
}
SOME_SELF_HARM = {"none": 0.6, "emergency": 0.1, "self_harm": 0.3}
SURE_NONE = {"none": 0.9, "emergency": 0.05, "self_harm": 0.05}
CERTAIN_NONE = {"none": 0.97, "emergency": 0.02, "self_harm": 0.01}
CERTAIN_EMERGENCY = {"none": 0.02, "emergency": 0.97, "self_harm": 0.01}
UNSURE = {"none": 0.5, "emergency": 0.3, "self_harm": 0.2}
LIKELY_SELF_HARM = {"none": 0.2, "emergency": 0.3, "self_harm": 0.5}
CERTAIN_SELF_HARM = {"none": 0.01, "emergency": 0.02, "self_harm": 0.97}


@pytest.mark.parametrize(
    ("assessment", "chances", "expected"),
    [
        (Assessment(flag_of("self_harm"), False), SURE_NONE, "self_harm"),  # a higher bar
        (Assessment(flag_of("self_harm"), False), CERTAIN_NONE, None),  # a history that is over
        (Assessment(flag_of("emergency"), False), SURE_NONE, None),  # a figure of speech
        (Assessment(flag_of("emergency"), False), UNSURE, "emergency"),
        (Assessment(flag_of("emergency"), False), None, "emergency"),  # no model: patterns
        (Assessment(None, False, True), LIKELY_SELF_HARM, "self_harm"),  # a paraphrase
        (Assessment(None, False, False), LIKELY_SELF_HARM, None),  # no word of harm at all
        (Assessment(None, True), LIKELY_SELF_HARM, None),  # negated or asked about
        (Assessment(None, True), CERTAIN_EMERGENCY, "emergency"),  # the ruling-out was wrong
        (Assessment(None, False), UNSURE, None),
        (Assessment(None, False, True), SOME_SELF_HARM, "self_harm"),  # a lower bar for self-harm
        (Assessment(None, True), SOME_SELF_HARM, None),
        (Assessment(None, False, True, True), LIKELY_SELF_HARM, None),  # "not in a crisis"
        (Assessment(None, False, True, True), CERTAIN_SELF_HARM, "self_harm"),  # yet all but sure
        (Assessment(flag_of("self_harm"), False, True, True), SURE_NONE, "self_harm"),  # a phrase
    ],
)
def test_combine_the_patterns_and_the_model(
    assessment: Assessment, chances: dict[str, float] | None, expected: str | None
) -> None:
    flag = combine(assessment, chances, CONFIG)
    assert (flag.kind if flag else None) == expected


@pytest.mark.parametrize(
    ("text", "speaks_of_harm"),
    [
        ("my neck has been twisting to the left for years and", False),
        ("I've written a note. I'm just so tired", True),
        ("i wont be around by then", True),
    ],
)
def test_the_self_harm_lexicon(matcher: RedFlagMatcher, text: str, speaks_of_harm: bool) -> None:
    assert matcher.assess(matcher.nlp(text)).speaks_of_harm is speaks_of_harm


@pytest.mark.parametrize(
    ("text", "denies_harm"),
    [
        ("To be clear I'm not going to hurt myself, I'm just at the end of my rope", True),
        ("not in a dark way, just guilty", True),
        ("I'm not going to do anything stupid, I just need info", True),
        ("I'm not in a crisis, I have good people around me", True),
        ("I just want my old life back", False),
        ("I'm going to hurt myself", False),
    ],
)
def test_a_plain_denial_of_self_harm(matcher: RedFlagMatcher, text: str, denies_harm: bool) -> None:
    assert matcher.assess(matcher.nlp(text)).denies_harm is denies_harm


def test_saying_what_still_works_rules_the_symptoms_out(matcher: RedFlagMatcher) -> None:
    text = "I can breathe, I can swallow, I can talk, I just cannot turn my head"
    assessment = matcher.assess(matcher.nlp(text))
    assert assessment.flag is None and assessment.ruled_out


def test_the_model_retrains_when_a_set_changes(tmp_path: Path) -> None:
    folder = tmp_path / "one"
    folder.mkdir()
    (folder / "emergency.txt").write_text("emergency\ti cant breathe\n")
    (folder / "ordinary.txt").write_text("is breathing trouble a side effect?\n")
    before = sets_fingerprint(tmp_path)
    (folder / "ordinary.txt").write_text("is swallowing trouble a side effect?\n")
    assert sets_fingerprint(tmp_path) != before
    assert [m.label for m in read_set(folder)] == ["emergency", NO_FLAG]


def test_follow_ups_train_the_model_as_no_red_flag_unless_the_patterns_flag_them(
    tmp_path: Path, matcher: RedFlagMatcher
) -> None:
    (tmp_path / "written.tsv").write_text(
        "ask_alternatives\task_alternatives\toral_medication\tno, the pills, sorry\n"
        "ask_side_effects\task_side_effects\tswallowing\tfood keeps getting stuck since the jab\n"
        "greet\tgoodbye\t-\tok thank you and goodbye\n"
    )
    messages = follow_up_messages(tmp_path, lambda text: matcher.detect_text(text) is not None)
    assert [(m.text, m.label) for m in messages] == [
        ("no, the pills, sorry", NO_FLAG),
        ("ok thank you and goodbye", NO_FLAG),
    ]


def test_the_detector_retrains_when_a_follow_up_changes(tmp_path: Path) -> None:
    (tmp_path / "written.tsv").write_text("greet\tgoodbye\t-\tbye\n")
    config = {"training_sets": str(tmp_path), "follow_ups": str(tmp_path)}
    before = RedFlagDetector.fingerprint_addon(config)
    (tmp_path / "written.tsv").write_text("greet\tgoodbye\t-\tbye for now\n")
    assert RedFlagDetector.fingerprint_addon(config) != before


def test_a_classifier_red_flag_the_detector_rejects_goes_to_did_you_mean(
    detector: RedFlagDetector, model: SpacyModel
) -> None:
    message = _message("no trouble breathing at all, just a stiff neck", model)
    message.set(INTENT, {"name": "emergency", "confidence": 0.6}, add_to_output=True)
    ranking = [{"name": "emergency", "confidence": 0.6}, *PREDICTED[:2]]
    message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
    detector.process([message], model)
    assert message.get(INTENT)["name"] == "nlu_fallback"
    names = [intent["name"] for intent in message.get(INTENT_RANKING_KEY)]
    assert names == ["nlu_fallback", "faq", "greet"]


@pytest.mark.parametrize(
    ("text", "kind", "reason"),
    [
        ("I can't breathe, what should I do?", "emergency", "breathing"),
        ("is it normal that I can't swallow since my injection?", "emergency", "swallowing"),
        ("should I worry, my eyelids are drooping", "emergency", "drooping"),
        ("My Lips Are Swelling", "emergency", "allergic_reaction"),
        ("i cant breathe and i want to die", "self_harm", "self_harm"),
        ("can botox make it hard to swallow?", None, None),
        ("I'm not having any trouble swallowing", None, None),
        ("no double vision or blurry vision", None, None),
        ("I had trouble swallowing last year but it's gone", None, None),
        ("I'm not suicidal", None, None),
        ("my wife is too weak to stand up, she was fine before the botox", "emergency", "weakness"),
        ("found my gran on the floor and she's not with it", "emergency", "fainting"),
        ("found my keys on the floor", None, None),
        ("thanks for everything, this will be my last message", "self_harm", "self_harm"),
        ("I'm sitting on the edge of the roof", "self_harm", "self_harm"),
        ("Been stockpiling tramadol for weeks", "self_harm", "self_harm"),
        ("I've found a new home for my dog and cleared out my flat", "self_harm", "self_harm"),
        ("is there a way to make sure I don't wake up?", "self_harm", "self_harm"),
        ("make sure you don't wake up the baby", None, None),
        ("I've said my goodbyes to everyone", "self_harm", "self_harm"),
        ("he gave me his ring and said he won't need it", "self_harm", "self_harm"),
        ("the nurse gave me a leaflet and said I won't need it again", None, None),
        ("how many of my tramadol would be too many", "self_harm", "self_harm"),
        ("been struggling to get air in since last night", "emergency", "breathing"),
        ("I can't breathe a word of this to my boss", None, None),
        ("my voice just went this morning, I can only croak", "emergency", "speech"),
        ("my voice went hoarse for a day last year", None, None),
        ("I blacked out the dates on the calendar", None, None),
        ("she blacked out in the kitchen", "emergency", "fainting"),
        ("how many muscle relaxants would be a fatal dose", "self_harm", "self_harm"),
        ("I'm not safe tonight", "self_harm", "self_harm"),
        ("I'm not safe to drive after the jabs", None, None),
        ("I want to die of embarrassment when my head jerks", None, None),
        ("i see everything two times now", "emergency", "vision"),
        ("some nights i hope i dont wake up", "self_harm", "self_harm"),
        ("I hope I don't wake up with a stiff neck again", None, None),
        ("he won't wake up", "emergency", "fainting"),
        ("i just want out, for good", "self_harm", "self_harm"),
        ("I just want out of this neck brace", None, None),
        ("I can't get a spoonful of soup down without choking", "emergency", "swallowing"),
        ("I can eat without choking now", None, None),
        ("since yesterday I can't lift a cup", "emergency", "weakness"),
        ("I feel like I'm choking on red tape", None, None),
        ("I'm drowning in paperwork", None, None),
        ("I can't breathe, I was just doing paperwork", "emergency", "breathing"),
        ("my swallowing got so bad today", "emergency", "swallowing"),
        ("I keep thinking about not waking up", "self_harm", "self_harm"),
        ("she's not waking up", "emergency", "fainting"),
        ("been on the balcony thinking about stepping off", "self_harm", "self_harm"),
        ("thinking about stepping off the bus a stop early", None, None),
        ("sorry, my last message was unclear", None, None),
        ("she had weak arms once but that was ages ago", None, None),
        ("he had trouble swallowing after round one, he's been fine since", None, None),
        ("that was a hard pill to swallow", None, None),
        ("I'm seeing double chins in every photo", None, None),
    ],
)
def test_detect_tells_reports_from_questions_negations_and_the_past(
    matcher: RedFlagMatcher, text: str, kind: str | None, reason: str | None
) -> None:
    flag = matcher.detect_text(text)
    found = (flag.kind, flag.reason) if flag else (None, None)
    assert found == (kind, reason)


@pytest.mark.parametrize("with_doc", [True, False], ids=["spacy-doc", "text-only"])
def test_process_makes_the_red_flag_the_final_intent(
    detector: RedFlagDetector, model: SpacyModel, with_doc: bool
) -> None:
    message = _message("since this morning i cant swallow properly", model if with_doc else None)
    detector.process([message], model)
    expected = {"name": "emergency", "confidence": 1.0}
    assert message.get(INTENT) == expected
    ranking = message.get(INTENT_RANKING_KEY)
    assert ranking[0] == expected
    assert [intent["name"] for intent in ranking] == ["emergency", "faq", "greet"]
    assert message.get(RED_FLAG_KEY) == {"kind": "emergency", "reason": "swallowing"}
    assert {INTENT, INTENT_RANKING_KEY, RED_FLAG_KEY} <= message.output_properties


def test_process_leaves_ordinary_messages_alone(
    detector: RedFlagDetector, model: SpacyModel
) -> None:
    message = _message("is trouble breathing a side effect?", model)
    detector.process([message], model)
    assert message.get(INTENT) == PREDICTED[0]
    assert message.get(INTENT_RANKING_KEY) == PREDICTED
    assert message.get(RED_FLAG_KEY) is None


def test_process_marks_self_harm(detector: RedFlagDetector, model: SpacyModel) -> None:
    message = _message("honestly i want to kill myself", model)
    detector.process([message], model)
    assert message.get(INTENT) == {"name": "self_harm", "confidence": 1.0}
    assert message.get(RED_FLAG_KEY) == {"kind": "self_harm", "reason": "self_harm"}


def test_process_training_data_passes_the_data_through(detector: RedFlagDetector) -> None:
    data = TrainingData([Message(data={TEXT: "i cant breathe", INTENT: "faq"})])
    assert detector.process_training_data(data) is data
    assert data.training_examples[0].get(INTENT) == "faq"


ODD_TEXTS = ["", " ", "\x00\x01\x02", "🫁😵‍💫🆘", "\n\n\t", "?!?!", "no", "i " * 5000]


@pytest.mark.parametrize("text", ODD_TEXTS, ids=range(len(ODD_TEXTS)))
def test_odd_input_never_raises(detector: RedFlagDetector, model: SpacyModel, text: str) -> None:
    for message in (_message(text, model), _message(text), Message(data={TEXT: None})):
        assert detector.process([message], model) == [message]


def test_a_red_flag_at_the_end_of_a_long_message_is_caught(matcher: RedFlagMatcher) -> None:
    text = "thanks for explaining the appointment. " * 300 + "now i cant swallow"
    assert len(text) > 10_000
    assert matcher.detect_text(text) == matcher.detect_text("now i cant swallow")
    assert matcher.detect_text(text) is not None


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=300))
def test_detect_never_raises_on_random_text(matcher: RedFlagMatcher, text: str) -> None:
    flag = matcher.detect_text(text)
    assert flag is None or flag.kind in {"emergency", "self_harm"}


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    words=st.lists(
        st.sampled_from(["i", "can't", "no", "not", "breathe", "swallow", "what", "if", ",", "?"])
        | st.text(max_size=12),
        max_size=400,
    )
)
def test_process_never_raises_on_random_word_salad(
    detector: RedFlagDetector, model: SpacyModel, words: list[str]
) -> None:
    message = _message(" ".join(words), model)
    detector.process([message], model)
    assert message.get(INTENT)["name"] in {"faq", "emergency", "self_harm"}


def test_only_the_sets_under_tests_are_hold_outs() -> None:
    assert is_holdout(PROJECT_ROOT / "tests" / "data" / "red_flags" / "fresh_s")
    assert not is_holdout(PROJECT_ROOT / "data" / "red_flags" / "fresh_r")
