"""`make review`: the clinical review sheet, one self-contained HTML file (offline, prints on A4).

For every answer: the reply as the patient sees it (text, buttons, the handoff that follows it),
each sentence labelled with where it comes from, the article sentences it rests on beside it,
its reading grade, the results of the checks, five questions that reach it, and its sign-off.
Answers changed or added since their sign-off are marked.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from datetime import datetime, timezone
from html import escape
from pathlib import Path

from actions.handoff import HANDOFF_RESPONSE
from content.answers import ARTICLE, Answer, load_answers
from content.article import Article, ReferenceError, load_article
from content.checks import all_problems
from content.language import reading_grade, word_count
from content.reach import example_questions, is_handed_off
from content.signoff import CHANGED, SIGNED, load_signoffs, status
from settings import ARTICLE_VARIABLE, PROJECT_ROOT, article_path

DEFAULT_OUTPUT = PROJECT_ROOT / "review" / "review-sheet.html"
LABELS = {
    ARTICLE: "from the article",
    "safety_addition": "safety addition",
    "plain_language": "plain-language addition",
    "assistant": "about the assistant",
}
STYLE_FILE = Path(__file__).with_name("review_sheet.css")


def _sentence_html(text: str, source: str, reason: str) -> str:
    why = f' <span class="why">({escape(reason)})</span>' if reason else ""
    return (
        f'<span class="s {source}"><span class="tag">{LABELS.get(source, source)}</span>'
        f"{escape(text)}{why}</span>"
    )


def _passage_html(answer: Answer, article: Article) -> str:
    if not answer.source_refs:
        return "<p><i>No article passage: nothing in this reply is from the article.</i></p>"
    rows = []
    for ref in answer.source_refs:
        shas = ref.get("sha") or []
        for i, number in enumerate(ref.get("sentences") or []):
            where = f"{escape(str(ref.get('section')))} · sentence {number}"
            try:
                found = article.sentence(
                    ref.get("section", ""), number, shas[i] if i < len(shas) else None
                )
                rows.append(f'<p class="ref"><b>{where}</b><br>{escape(found.text)}</p>')
            except ReferenceError as error:
                rows.append(f'<p class="ref missing">{where}: {escape(str(error))}</p>')
    return "".join(rows)


def answer_html(answer: Answer, article: Article, signoffs: list, handoff: Answer | None) -> str:
    parts = "".join(_sentence_html(p.text, p.source, p.reason) for p in answer.parts())
    buttons = "".join(f"<span>{escape(b.get('title', ''))}</span>" for b in answer.buttons)
    buttons_html = f'<div class="buttons">Buttons: {buttons}</div>' if buttons else ""
    handoff_html = (
        f'<div class="handoff">Then the handoff: {escape(handoff.filled_text)}</div>'
        if handoff is not None and is_handed_off(answer.name)
        else ""
    )
    problems = all_problems(answer, article)
    checks = (
        "<span class='ok'>All checks pass</span>"
        if not problems
        else "<span class='bad'>Problems:</span><ul>"
        + "".join(f"<li>{escape(str(p))}</li>" for p in problems)
        + "</ul>"
    )
    grade = reading_grade(answer.filled_text)
    longest = max((word_count(p.text) for p in answer.parts()), default=0)
    examples = example_questions(answer.name)
    examples_html = (
        "<ul>" + "".join(f"<li>{escape(e)}</li>" for e in examples) + "</ul>"
        if examples
        else "<i>Not reached by a question: sent by a rule (faults, fallbacks, safety).</i>"
    )
    state, signoff = status(answer, signoffs)
    css = {SIGNED: "signed", CHANGED: "changed"}.get(state, "unsigned")
    signed = (
        f"{escape(signoff.by)}, {escape(signoff.date)} (version {escape(signoff.version)})"
        if signoff
        else "—"
    )
    return f"""
<article class="answer" id="{escape(answer.name)}">
  <header><h2>{escape(answer.name)}</h2>
    <span>version {answer.version} · <span class="status-{css}">{state}</span></span></header>
  <div class="cols">
    <section><h3>What the patient sees</h3>{parts}{buttons_html}{handoff_html}</section>
    <section><h3>Article passage it rests on</h3>{_passage_html(answer, article)}</section>
  </div>
  <div class="meta">
    <div><b>Reading grade</b> {grade:.1f} (US, Flesch–Kincaid; at most 8)<br>
      <b>Longest sentence</b> {longest} words (at most 25)<br><b>Checks</b> {checks}</div>
    <div><b>Questions that reach it</b><br>{examples_html}</div>
    <div><b>Last sign-off</b> {signed}<br><b>Clinician sign-off of this version</b>
      <div class="sign"></div>name, date, signature</div>
  </div>
</article>"""


def build_sheet(article_file: Path | None = None) -> str:
    article_file = article_file or article_path()
    article = load_article(article_file)
    # the answers about the condition and the treatment first, then the assistant's own replies
    answers = sorted(load_answers(), key=lambda a: not a.source_refs)
    signoffs = load_signoffs()
    states = [status(a, signoffs)[0] for a in answers]
    failing = sum(bool(all_problems(a, article)) for a in answers)
    handoff = next((a for a in answers if a.name == HANDOFF_RESPONSE), None)
    digest = hashlib.sha256(article_file.read_bytes()).hexdigest()[:12]
    body = "".join(answer_html(a, article, signoffs, handoff) for a in answers)
    made = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    never = len(states) - states.count(SIGNED) - states.count(CHANGED)
    summary = "".join(
        f"<tr><td>{a}</td><td>{b}</td><td>{c}</td><td>{d}</td></tr>"
        for a, b, c, d in (
            ("Answers", len(answers), "Signed off (this version)", states.count(SIGNED)),
            ("Changed since sign-off", states.count(CHANGED), "Never signed off", never),
            ("Answers failing a check", failing, "Generated", made),
            ("Article", escape(article_file.name), "sha256", digest),
        )
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Clinical review sheet: Botox for cervical dystonia assistant</title>
<style>{STYLE_FILE.read_text(encoding="utf-8")}</style></head><body>
<h1>Clinical review sheet</h1>
<p>Every reply the assistant can send, beside the article sentences it rests on. Sentences are
labelled: <span class="tag">from the article</span> must say only what the passage says;
additions (safety, plain language, about the assistant) are not from the article, and say so.</p>
<table class="summary">{summary}</table>
{body}
</body></html>
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    output = parser.parse_args().output
    if not article_path().is_file():
        sys.exit(f"The source article is not at {article_path()}: set {ARTICLE_VARIABLE} in .env.")
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(build_sheet(), encoding="utf-8")
    answers = load_answers()
    signoffs = load_signoffs()
    signed = sum(status(a, signoffs)[0] == SIGNED for a in answers)
    print(f"review sheet written to {output}: {len(answers)} answers, {signed} signed off")


if __name__ == "__main__":
    main()
