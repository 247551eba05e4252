"""REST latency, throughput and memory of this bot next to a floor bot, in the same run.

The floor bot is the smallest Rasa project that answers: one intent (keyword classifier), one
response, one rule, trained here into a temporary folder and served on loopback with Rasa's own
SQL tracker store on a SQLite file. Its figures are what Rasa itself costs; the targets compare
this bot with it. A third row serves the floor bot on this bot's tracker store
(stores/tracker_store.py, whose package also brings rasa_speedups.py): what the floor
itself would gain from them.
For each level of concurrency, C worker threads each hold conversations of TURNS turns one after
another; the bots run each level one after another. Prints a table, the targets and the command.
Usage: make bench-load, or PYTHONPATH=. python bench/load.py [--model PATH] [--turns 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import requests

from tests.support.servers import (
    BIN,
    MODEL,
    PROJECT_ROOT,
    TEST_CLINIC,
    ActionServer,
    RasaServer,
    action_server,
    rasa_server,
)

LEVELS = (1, 8, 32)
# This bot's turns: small talk, retrieval FAQ answers and a custom-action answer.
BOT_TURNS = (
    "hello",
    "what is cervical dystonia?",
    "What are the side effects of botox?",
    "how does botox work?",
    "thanks!",
)
FLOOR_TURNS = ("hello",)
UNUSED_ACTION_SERVER = "http://127.0.0.1:9/webhook"
FLOOR_ON_OUR_STORE = "floor bot on this bot's store + Rasa fixes"
TARGETS = {
    "p50 latency at 1 conversation <= 1.5x floor": lambda r: r.ratio("p50", 1) <= 1.5,
    "throughput at 32 conversations >= 0.8x floor": lambda r: r.ratio("rps", 32) >= 0.8,
    "zero errors": lambda r: r.errors == 0,
    "Rasa server peak memory <= 1.5 GB": lambda r: r.rasa_peak_mb <= 1536,
}

FLOOR_PROJECT = {
    "config.yml": """recipe: default.v1
language: en
assistant_id: floor-bot
pipeline:
  - name: WhitespaceTokenizer
  - name: KeywordIntentClassifier
policies:
  - name: RulePolicy
""",
    "domain.yml": """version: "3.1"
intents:
  - greet
responses:
  utter_greet:
    - text: "Hello!"
""",
    "data/nlu.yml": """version: "3.1"
nlu:
  - intent: greet
    examples: |
      - hello
      - hi
""",
    "data/rules.yml": """version: "3.1"
rules:
  - rule: greet
    steps:
      - intent: greet
      - action: utter_greet
""",
    "credentials.yml": "rest:\n",
    "endpoints.yml": f"""action_endpoint:
  url: "{UNUSED_ACTION_SERVER}"
tracker_store:
  type: SQL
  dialect: sqlite
  db: floor.db
""",
}


@dataclass
class LevelResult:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0
    server_cpu_seconds: float = 0.0  # CPU time the Rasa server spent on this level

    def percentile(self, q: int) -> float:
        """The q-th percentile latency in milliseconds."""
        if len(self.latencies) < 2:
            return 1000 * self.latencies[0] if self.latencies else float("nan")
        return 1000 * statistics.quantiles(self.latencies, n=100, method="inclusive")[q - 1]

    @property
    def rps(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    @property
    def cpu_ms_per_request(self) -> float:
        requests_sent = len(self.latencies) + self.errors
        return 1000 * self.server_cpu_seconds / requests_sent if requests_sent else float("nan")


@dataclass
class Bot:
    name: str
    server: RasaServer
    conversation: list[str]  # the turns of every conversation
    results: dict[int, LevelResult] = field(default_factory=dict)


@dataclass
class Report:
    bot: Bot
    floor: Bot
    reference: Bot  # the floor bot on this bot's tracker store: shown, not a target
    rasa_peak_mb: float

    @property
    def bots(self) -> tuple[Bot, Bot, Bot]:
        return self.bot, self.floor, self.reference

    @property
    def errors(self) -> int:
        return sum(r.errors for b in self.bots for r in b.results.values())

    def figure(self, bot: Bot, name: str, level: int) -> float:
        result = bot.results[level]
        return result.rps if name == "rps" else result.percentile(int(name[1:]))

    def ratio(self, name: str, level: int) -> float:
        return self.figure(self.bot, name, level) / self.figure(self.floor, name, level)


def one_turn(
    server: RasaServer, sender: str, text: str, result: LevelResult, lock: threading.Lock
) -> None:
    """Send one message; record its latency, or an error for a failure or an empty reply."""
    start = time.perf_counter()
    try:
        response = requests.post(
            f"{server.url}/webhooks/rest/webhook",
            json={"sender": sender, "message": text},
            timeout=120,
        )
        ok = response.status_code == 200 and bool(response.json())
    except (requests.RequestException, ValueError):
        ok = False
    elapsed = time.perf_counter() - start
    with lock:
        if ok:
            result.latencies.append(elapsed)
        else:
            result.errors += 1


def run_level(bot: Bot, concurrency: int, conversations_per_worker: int) -> LevelResult:
    """`concurrency` workers, each holding `conversations_per_worker` conversations in turn."""
    result, lock = LevelResult(), threading.Lock()

    def worker(_: int) -> None:
        for _ in range(conversations_per_worker):
            sender = f"bench-{uuid.uuid4().hex}"
            for text in bot.conversation:
                one_turn(bot.server, sender, text, result, lock)

    start, cpu_start = time.perf_counter(), cpu_seconds(bot.server.pid)
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        list(pool.map(worker, range(concurrency)))
    result.seconds = time.perf_counter() - start
    result.server_cpu_seconds = cpu_seconds(bot.server.pid) - cpu_start
    return result


def cpu_seconds(pid: int) -> float:
    """User + system CPU time process `pid` has used so far, in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_rss_mb(pid: int) -> float:
    """The peak resident memory (VmHWM) of process `pid`, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def train_floor_bot(workdir: Path) -> Path:
    """Write and train the floor bot in `workdir`; the model's path."""
    for name, text in FLOOR_PROJECT.items():
        (workdir / name).parent.mkdir(parents=True, exist_ok=True)
        (workdir / name).write_text(text)
    command = [str(BIN / "rasa"), "train", "--out", str(workdir), "--fixed-model-name", "floor"]
    subprocess.run([*command, "--quiet"], cwd=workdir, check=True, capture_output=True)
    return workdir / "floor.tar.gz"


@contextmanager
def running_bots(workdir: Path, model: Path, turns: int) -> Iterator[tuple[Report, ActionServer]]:
    """This bot (with its action server) and the floor bot on both stores, up and warmed up."""
    floor_project = workdir / "floor"
    floor_model = train_floor_bot(floor_project)
    with ExitStack() as stack:
        actions = stack.enter_context(action_server(workdir, env=TEST_CLINIC))

        def floor_server(folder: str, endpoints: Path) -> RasaServer:
            (workdir / folder).mkdir()
            return stack.enter_context(
                rasa_server(
                    workdir / folder,
                    UNUSED_ACTION_SERVER,
                    credentials=floor_project / "credentials.yml",
                    endpoints_source=endpoints,
                    model=floor_model,
                )
            )

        (workdir / "bot").mkdir()
        rasa = stack.enter_context(rasa_server(workdir / "bot", actions.webhook, model=model))
        floor_turns = conversation(FLOOR_TURNS, turns)
        report = Report(
            Bot("this bot", rasa, conversation(BOT_TURNS, turns)),
            Bot(
                "floor bot",
                floor_server("floor-server", floor_project / "endpoints.yml"),
                floor_turns,
            ),
            Bot(
                FLOOR_ON_OUR_STORE,
                floor_server("floor-our-store", PROJECT_ROOT / "endpoints.yml"),
                floor_turns,
            ),
            rasa_peak_mb=float("nan"),
        )
        for bot in report.bots:
            run_level(bot, 2, 1)  # warm-up: the first requests load lazy parts of Rasa
        yield report, actions


def conversation(messages: tuple[str, ...], turns: int) -> list[str]:
    """`turns` messages, cycling through `messages`."""
    return [messages[i % len(messages)] for i in range(turns)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=MODEL)
    parser.add_argument("--turns", type=int, default=5, help="turns per conversation")
    args = parser.parse_args()
    with (
        tempfile.TemporaryDirectory(prefix="bench-load-") as tmp,
        running_bots(Path(tmp), args.model, args.turns) as (report, actions),
    ):
        for level in LEVELS:
            # at least 10 conversations per level, so the percentiles rest on enough requests
            per_worker = max(2, -(-10 // level))
            for each in report.bots:
                each.results[level] = run_level(each, level, per_worker)
        report.rasa_peak_mb = peak_rss_mb(report.bot.server.pid)
        print_table(report, peak_rss_mb(report.floor.server.pid), peak_rss_mb(actions.pid))
        print(
            f"| model size (MB) | {args.model.stat().st_size / 1e6:.1f} | "
            f"{(Path(tmp) / 'floor' / 'floor.tar.gz').stat().st_size / 1e6:.3f} |"
        )
    print()
    for target, met in TARGETS.items():
        print(f"{'PASS' if met(report) else 'MISS'}  {target}")
    print(f"\ncommand: PYTHONPATH=. {sys.executable} bench/load.py {' '.join(sys.argv[1:])}")


def print_table(report: Report, floor_peak_mb: float, actions_peak_mb: float) -> None:
    """Latency and throughput per level and bot, then memory."""
    rows = [
        "| bot | conversations | requests | errors | p50 ms | p95 ms | p99 ms | req/s "
        "| Rasa CPU ms/request |"
    ]
    rows.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for level in LEVELS:
        for bot in report.bots:
            r = bot.results[level]
            rows.append(
                f"| {bot.name} | {level} | {len(r.latencies) + r.errors} | {r.errors} | "
                f"{r.percentile(50):.0f} | {r.percentile(95):.0f} | {r.percentile(99):.0f} | "
                f"{r.rps:.1f} | {r.cpu_ms_per_request:.1f} |"
            )
    rows += ["", "| figure | this bot | floor bot |", "|---|---:|---:|"]
    rows.append(f"| Rasa server peak RSS (MB) | {report.rasa_peak_mb:.0f} | {floor_peak_mb:.0f} |")
    rows.append(f"| action server peak RSS (MB) | {actions_peak_mb:.0f} | - |")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
