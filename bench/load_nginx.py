"""Throughput through nginx (deploy/nginx/bot.conf.template) with one and with two Rasa servers
on PostgreSQL + Redis, in the same run: the sizing figures of docs/deployment.md.

Everything runs on this machine: PostgreSQL, Redis, the action server, the Rasa servers, nginx
and the load generator share its cores, so the second server's gain here is a floor. nginx's
per-client rate limit is lifted for the run (all load comes from one address).
Usage: make bench-nginx, or PYTHONPATH=. python bench/load_nginx.py [--turns 5]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.load import BOT_TURNS, Bot, conversation, run_level  # noqa: E402
from tests.support.nginx import nginx_server  # noqa: E402
from tests.support.servers import (  # noqa: E402
    MODEL,
    PROJECT_ROOT,
    TEST_CLINIC,
    action_server,
    rasa_server,
)
from tests.support.services import postgres_server, redis_server  # noqa: E402

LEVELS = (8, 32)
UNLIMITED = 100_000  # requests per second: no rate limit during the benchmark


@dataclass
class Target:
    """What run_level needs of a server: where to send, and a process to read CPU time from."""

    url: str
    pid: int


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=5, help="turns per conversation")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-nginx-") as tmp, ExitStack() as stack:
        work = Path(tmp)
        for folder in ("actions", "rasa-1", "rasa-2", "nginx-1", "nginx-2"):
            (work / folder).mkdir()
        postgres = stack.enter_context(postgres_server(work / "postgres.log"))
        redis = stack.enter_context(redis_server(work / "redis.log"))
        actions = stack.enter_context(action_server(work / "actions", env=TEST_CLINIC))
        env = {**postgres.env(), **redis.env()}
        servers = [
            stack.enter_context(
                rasa_server(
                    work / f"rasa-{n}",
                    actions.webhook,
                    env=env,
                    endpoints_source=PROJECT_ROOT / "endpoints.scale.yml",
                    model=MODEL,
                )
            )
            for n in (1, 2)
        ]
        for count in (1, 2):
            front = servers[:count]
            folder = work / f"nginx-{count}"
            with nginx_server(folder, [s.url for s in front], UNLIMITED, UNLIMITED) as nginx:
                bot = Bot(
                    f"{count} Rasa server{'s' * (count > 1)}",
                    Target(nginx.url, front[0].pid),
                    conversation(BOT_TURNS, args.turns),
                )
                for level in LEVELS:
                    result = run_level(bot, level, max(2, -(-10 // level)))
                    rows.append((bot.name, level, result))
    print(f"command: PYTHONPATH=. {sys.executable} bench/load_nginx.py {' '.join(sys.argv[1:])}")
    print(f"machine: {os.cpu_count()} cores, everything on it")
    print("| through nginx | conversations at once | requests | errors | p50 ms | p95 ms | req/s |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, level, r in rows:
        print(
            f"| {name} | {level} | {len(r.latencies) + r.errors} | {r.errors} | "
            f"{r.percentile(50):.0f} | {r.percentile(95):.0f} | {r.rps:.1f} |"
        )


if __name__ == "__main__":
    main()
