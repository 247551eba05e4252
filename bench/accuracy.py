"""Hold-out NLU accuracy: the project's config.yml against Rasa's default config, side by side.

Trains an NLU model per config on the same data/ and domain.yml (each into a temp dir, never into
models/), parses every message of tests/data/nlu_holdout.yml in-process and prints a table.

    .venv/bin/python bench/accuracy.py                  # both configs (trains twice: heavy)
    .venv/bin/python bench/accuracy.py --skip-default   # the project's config only
    .venv/bin/python bench/accuracy.py --model models/current.tar.gz   # no training
"""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script

from settings import PROJECT_ROOT  # noqa: E402
from tests.support.nlu_eval import (  # noqa: E402
    HOLDOUT_PATH,
    LABEL_ACCURACY_TARGET,
    Report,
    evaluate_model,
    format_misclassified,
    load_examples,
)

PROJECT_CONFIG = PROJECT_ROOT / "config.yml"
# What the Makefile exports, for runs outside make (also passed on to `rasa train`).
QUIET_ENV = {
    "TF_CPP_MIN_LOG_LEVEL": "2",
    "PYTHONWARNINGS": "ignore",
    "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
}


@dataclass(frozen=True)
class Run:
    """One evaluated model: its name, report and training time (None when not trained here)."""

    name: str
    report: Report
    train_seconds: float | None


def default_config_path() -> Path:
    """The config.yml that `rasa init` writes (pipeline and policies left for Rasa to fill)."""
    import rasa

    return Path(rasa.__file__).parent / "cli" / "initial_project" / "config.yml"


def train_nlu(config: Path, workdir: Path) -> tuple[Path, float]:
    """Train an NLU model from `config` on the project's data; return its path and seconds taken.

    The config is copied first: Rasa writes the default pipeline it fills in back into the file.
    """
    config_copy = workdir / "config.yml"
    config_copy.write_text(config.read_text())
    command = [
        sys.executable,
        "-m",
        "rasa_fixes",
        "train",
        "nlu",
        "--config",
        str(config_copy),
        "--nlu",
        "data",
        "--domain",
        "domain.yml",
        "--out",
        str(workdir),
        "--fixed-model-name",
        "model",
        "--quiet",
    ]
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    started = time.perf_counter()
    subprocess.run(command, cwd=PROJECT_ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    return workdir / "model.tar.gz", time.perf_counter() - started


def train_and_evaluate(name: str, config: Path, holdout: Path) -> Run:
    """Train `config` into a temp dir and evaluate it on the hold-out set."""
    with tempfile.TemporaryDirectory(prefix=f"accuracy-{name.replace(' ', '-')}-") as workdir:
        model, seconds = train_nlu(config, Path(workdir))
        report = Report(evaluate_model(model, load_examples(holdout)))
    return Run(name, report, seconds)


def percent(value: float) -> str:
    return f"{100 * value:.1f}%"


def print_tables(runs: list[Run], holdout: Path) -> None:
    """Summary side by side, then per-label accuracy, confusions and mistakes of each run."""
    first = runs[0].report
    counts = first.label_counts()
    retrieval = sum(p.example.is_retrieval for p in first.predictions)
    print(
        f"\nHold-out {holdout}: {len(first.predictions)} messages, {len(counts)} labels, "
        f"{retrieval} on retrieval intents\n"
    )
    rows = [
        ("answer chosen accuracy", lambda r: percent(r.report.answer_accuracy)),
        ("intent accuracy", lambda r: percent(r.report.intent_accuracy)),
        ("response selection accuracy", lambda r: percent(r.report.response_selection_accuracy)),
        ("macro F1 (answer labels)", lambda r: f"{r.report.macro_f1:.3f}"),
        (f"labels < {percent(LABEL_ACCURACY_TARGET)}", lambda r: str(len(r.report.weak_labels()))),
        (
            "training time (NLU)",
            lambda r: "-" if r.train_seconds is None else f"{r.train_seconds:.0f} s",
        ),
    ]
    print_table(
        ["metric", *(run.name for run in runs)],
        [[label, *(cell(run) for run in runs)] for label, cell in rows],
    )

    print("\nPer-label accuracy of the answer chosen (! = below target)")
    accuracies = [run.report.label_accuracy() for run in runs]
    print_table(
        ["label", "n", *(run.name for run in runs)],
        [
            [label, str(counts[label]), *(flagged(acc[label]) for acc in accuracies)]
            for label in counts
        ],
    )
    for run in runs:
        print(f"\n{run.name}: 5 worst-confused pairs (expected -> chosen: count)")
        for (expected, chosen), count in run.report.worst_confusions():
            print(f"  {expected} -> {chosen}: {count}")
        print(f"\n{run.name}: misclassified messages (expected -> chosen)")
        print(format_misclassified(run.report.misclassified()) or "  none")


def flagged(accuracy: float) -> str:
    return percent(accuracy) + (" !" if accuracy < LABEL_ACCURACY_TARGET else "")


def print_table(header: list[str], rows: list[list[str]]) -> None:
    """A plain-text table with left-aligned first column and right-aligned others."""
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        first, *rest = cells
        return "  ".join(
            [first.ljust(widths[0]), *(c.rjust(w) for c, w in zip(rest, widths[1:], strict=True))]
        )

    print(line(header))
    print("  ".join("-" * width for width in widths))
    for row in rows:
        print(line(row))


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--skip-default", action="store_true", help="evaluate only config.yml")
    parser.add_argument("--model", type=Path, help="evaluate this trained model; train nothing")
    parser.add_argument("--holdout", type=Path, default=HOLDOUT_PATH, help="hold-out NLU file")
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    for name, value in QUIET_ENV.items():
        os.environ.setdefault(name, value)
    warnings.simplefilter("ignore")
    os.chdir(PROJECT_ROOT)  # config.yml's spaCy pipeline path is relative to the repo root
    holdout = args.holdout.resolve()
    if args.model:
        runs = [
            Run(
                args.model.name,
                Report(evaluate_model(args.model.resolve(), load_examples(holdout))),
                None,
            )
        ]
    else:
        runs = [train_and_evaluate("project", PROJECT_CONFIG, holdout)]
        if not args.skip_default:
            runs.append(train_and_evaluate("rasa default", default_config_path(), holdout))
    print_tables(runs, holdout)
    print(f"\ncommand: .venv/bin/python bench/accuracy.py {shlex.join(sys.argv[1:])}".rstrip())


if __name__ == "__main__":
    main()
