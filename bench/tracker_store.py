"""Time per turn of loading and saving a conversation: Rasa's SQLTrackerStore and this bot's.

Each store gets its own SQLite file in a temporary folder and the same conversations: a turn loads
the tracker (as Rasa does for every message), adds a user message, an answer, the handoff and
listen, and saves it. Prints milliseconds per turn (median over the turns) and the speed-up.
Usage: make bench-store, or PYTHONPATH=. python bench/tracker_store.py [--conversations 40]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, Event, UserUttered

from stores.tracker_store import TurnSQLTrackerStore
from tests.support.servers import PROJECT_ROOT

TURNS = 5


def turn_events(number: int) -> list[Event]:
    """The events of one FAQ turn, as this bot logs them."""
    parse_data = {
        "intent": {"name": "faq", "confidence": 0.99},
        "entities": [],
        "intent_ranking": [{"name": "faq", "confidence": 0.99}],
    }
    return [
        UserUttered(f"question {number}", parse_data),
        ActionExecuted("utter_faq"),
        BotUttered("An answer of a few sentences from the article. " * 4),
        ActionExecuted("utter_handoff"),
        BotUttered("For advice about your own treatment, please talk to your provider."),
        ActionExecuted("action_listen"),
    ]


async def time_store(store: SQLTrackerStore, conversations: int) -> tuple[float, float]:
    """Median milliseconds per turn to load, and to save, over `conversations` conversations."""
    loads, saves = [], []
    for conversation in range(conversations):
        sender = f"bench-{conversation}"
        for number in range(TURNS):
            start = time.perf_counter()
            tracker = await store.get_or_create_tracker(sender, append_action_listen=False)
            loads.append(time.perf_counter() - start)
            for event in turn_events(number):
                tracker.update(event)
            start = time.perf_counter()
            await store.save(tracker)
            saves.append(time.perf_counter() - start)
    return 1000 * statistics.median(loads), 1000 * statistics.median(saves)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=40)
    args = parser.parse_args()
    domain = Domain.load(str(PROJECT_ROOT / "domain.yml"))
    results = {}
    with tempfile.TemporaryDirectory(prefix="bench-store-") as tmp:
        for store_class in (SQLTrackerStore, TurnSQLTrackerStore):
            store = store_class(domain, dialect="sqlite", db=f"{tmp}/{store_class.__name__}.db")
            results[store_class.__name__] = asyncio.run(time_store(store, args.conversations))
    print(f"SQLite, {args.conversations} conversations of {TURNS} turns, median ms per turn\n")
    print("| store | load ms | save ms | load + save ms |")
    print("|---|---:|---:|---:|")
    for name, (load, save) in results.items():
        print(f"| {name} | {load:.2f} | {save:.2f} | {load + save:.2f} |")
    rasa, ours = (sum(results[name]) for name in ("SQLTrackerStore", "TurnSQLTrackerStore"))
    print(f"\nspeed-up of load + save: {rasa / ours:.1f}x")
    print(f"command: PYTHONPATH=. {sys.executable} bench/tracker_store.py {' '.join(sys.argv[1:])}")


if __name__ == "__main__":
    main()
