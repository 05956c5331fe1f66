"""Synthetic courses for the generation benchmark: N articles of about 2,000 words, each with 60 annotations and a
bank of 40 questions of all nine types.

Everything is made from a seeded random generator, so two runs write the same files. Every sentence of an article
carries its own number ("week 017"), so every sentence is unique and no sentence contains another: each annotation
quotes whole sentences, which are then found exactly once in the text. The texts are invented, so every claim is
`verdict: unverifiable`, with a note that says why.
"""

from __future__ import annotations

import datetime
import random
from pathlib import Path
from typing import Any

import yaml

PLACES = ["Riverton", "Elmwood", "Northgate", "Ashford", "Millbrook", "Stonebridge", "Lakeside", "Fairhaven",
          "Oakridge", "Westfield", "Brookdale", "Kingsport"]
THINGS = ["the bus depot", "the harbour wall", "the school kitchens", "the flood barrier", "the town archive",
          "the night clinic", "the water meters", "the cycle lanes", "the market hall", "the library annex",
          "the tram extension", "the youth centre"]
BODIES = ["council", "mayor's office", "planning board", "audit committee", "harbour authority", "school board"]
PEOPLE = ["Councillor Adebayo", "Director Lindqvist", "Treasurer Moreau", "Inspector Okafor", "Ms Novak",
          "Mr Haddad", "Dr Ferreira", "Chair Whitcombe"]
VERBS = ["reviewed", "postponed", "approved", "inspected", "debated", "costed", "surveyed", "rescheduled"]
TECHNIQUES = ["loaded-language", "exaggeration", "appeal-to-fear", "name-calling", "doubt", "flag-waving",
              "causal-oversimplification", "bandwagon", "slogans", "black-and-white-fallacy", "repetition",
              "minimisation"]

N_SENTENCES = 110  # about 2,000 words (18 words a sentence on average)
KINDS = ["claim"] * 20 + ["opinion"] * 15 + ["contradiction"] * 5 + ["technique"] * 12 + ["source"] * 8  # 60


class _Article:
    """One synthetic article: its sentences, which of them are annotated and how."""

    def __init__(self, slug: str, seed: int) -> None:
        self.slug = slug
        self.rng = random.Random(seed)
        self.sentences: list[str] = []
        self.kind_of: dict[int, str] = {}
        r = self.rng
        # which sentence carries which kind: 65 quoted sentences (contradictions quote two)
        slots = r.sample(range(N_SENTENCES), 65)
        kinds = list(KINDS)
        r.shuffle(kinds)
        self.annotated: list[tuple[str, list[int]]] = []
        it = iter(slots)
        for kind in kinds:
            idx = [next(it), next(it)] if kind == "contradiction" else [next(it)]
            self.annotated.append((kind, sorted(idx)))
        pair_of: dict[int, tuple[int, int]] = {}
        for kind, idx in self.annotated:
            for j in idx:
                self.kind_of[j] = kind
            if kind == "contradiction":
                pair_of[idx[0]], pair_of[idx[1]] = (0, idx[1]), (1, idx[0])
        for i in range(N_SENTENCES):
            self.sentences.append(self._sentence(i, self.kind_of.get(i, "neutral"), pair_of.get(i)))

    def _sentence(self, i: int, kind: str, pair: tuple[int, int] | None) -> str:
        r, w = self.rng, f"week {i:03d}"
        place, thing, body = r.choice(PLACES), r.choice(THINGS), r.choice(BODIES)
        person, verb = r.choice(PEOPLE), r.choice(VERBS)
        if kind == "claim":
            amount = r.randrange(20, 900) * 1000
            return f"In {w} the {body} of {place} spent {amount:,} on {thing}, the published accounts show."
        if kind == "opinion":
            return f"Clearly, the plan for {thing} in {w} is the worst idea yet, and residents will surely regret it."
        if kind == "technique":
            return f"Only a reckless {body} would let {thing} slide into total disaster as it did in {w}."
        if kind == "source":
            return f"An unnamed official told this paper in {w} that {thing} in {place} had been {verb} in secret."
        if kind == "contradiction" and pair is not None:
            if pair[0] == 0:
                return f"The {body} confirmed in {w} that {thing} in {place} would close every Sunday."
            return f"Residents were promised in {w} that {thing} would stay open seven days a week."
        mid = r.choice([f"{person} said the figures for {thing} were still being checked",
                        f"the {body} of {place} {verb} the schedule for {thing} again",
                        f"a meeting about {thing} drew a larger crowd than the hall could hold",
                        f"the local paper asked the {body} for the full report on {thing}"])
        return f"During {w}, {mid}."

    def quote(self, i: int) -> str:
        return self.sentences[i]

    def body(self) -> str:
        out = [f"# Synthetic report {self.slug}", ""]
        para: list[str] = []
        for i, s in enumerate(self.sentences):
            if i and i % 20 == 0:
                out += [" ".join(para), "", f"## Part {i // 20 + 1}", ""]
                para = []
            elif i and i % 5 == 0:
                out += [" ".join(para), ""]
                para = []
            if self.kind_of.get(i, "neutral") == "neutral" and i % 7 == 3:
                s = s.replace("During", "*During*", 1)  # some Markdown emphasis, ignored by quote matching
            para.append(s)
        out += [" ".join(para), ""]
        return "\n".join(out)


def _article_md(a: _Article, n: int) -> str:
    front = {
        "title": f"Synthetic report {n}: the budget debate",
        "author": "A. Benchmark",
        "publisher": "Synthetic text for the benchmark (invented)",
        "date": datetime.date(2024, 1 + n % 12, 1 + n % 27),
        "url": "",
        "license": "Invented for the benchmark of this project; free to reuse.",
        "notes": "Not a real article: every name, number and event in it is made up.",
    }
    return "---\n" + yaml.safe_dump(front, sort_keys=False, allow_unicode=True) + "---\n" + a.body()


def _annotations(a: _Article) -> dict[str, Any]:
    notes = []
    for k, (kind, idx) in enumerate(a.annotated):
        item: dict[str, Any] = {"id": f"{kind}-{k:02d}", "kind": kind}
        if kind == "contradiction":
            item["quotes"] = [a.quote(j) for j in idx]
            item["note"] = "A place that closes every Sunday cannot stay open **seven days a week**."
        else:
            item["quote"] = a.quote(idx[0])
        if kind == "claim":
            item["note"] = ("A sum and a date can be checked in the published accounts. This text is invented, "
                            "so there is nothing to check it against.")
            item["verdict"] = "unverifiable"
            if k % 4 == 0:
                item["instructor_note"] = "Ask which document would settle the figure."
        elif kind == "opinion":
            item["note"] = "A judgement and a prediction: *worst* ranks, *will surely* predicts."
            item["cues"] = ["Clearly", "worst", "will surely"]
        elif kind == "technique":
            item["technique"] = TECHNIQUES[k % len(TECHNIQUES)]
            item["note"] = "Strong words (*reckless*, *total disaster*) steer the reader before any evidence."
        elif kind == "source":
            item["note"] = "An unnamed official: who is it, and how would the paper know? Nothing to follow up."
        notes.append(item)
    return {
        "guide": {
            "objectives": ["Tell a checkable statement from a judgement.", "Spot two statements that conflict."],
            "before_reading": ["Who publishes this text, and why?", "What do you expect from the headline?"],
            "during_reading": ["Mark every number and every date.", "Circle the words that judge."],
            "after_reading": ["Which statements could you check, and how?", "Which two statements conflict?"],
            "vocabulary": {"council": "The elected body that runs a town.",
                           "audit": "An independent check of accounts.",
                           "budget": "A plan of spending and income for a year."},
            "timeline": [{"date": datetime.date(2023, m, 1), "event": f"Budget step {m} (invented)"}
                         for m in (1, 4, 7, 10)],
        },
        "instructor": {
            "lesson_plan": [{"minutes": 10, "activity": "Read the first part aloud."},
                            {"minutes": 20, "activity": "Sort the statements into fact and opinion."}],
            "discussion": ["Why does an unnamed official make a claim hard to check?"],
            "misconceptions": ["A fact is not the same as a true statement."],
        },
        "annotations": notes,
    }


def _bank(a: _Article, n: int) -> dict[str, Any]:
    r = random.Random(1000 + n)
    claims = [a.quote(idx[0]) for kind, idx in a.annotated if kind == "claim"]
    opinions = [a.quote(idx[0]) for kind, idx in a.annotated if kind == "opinion"]
    neutral = [s for i, s in enumerate(a.sentences) if i not in a.kind_of]
    qs: list[dict[str, Any]] = []

    def add(q: dict[str, Any]) -> None:
        q["id"] = f"q{len(qs) + 1:02d}-{q['type']}"
        q.setdefault("hint", "Read the sentence again, slowly.")
        q.setdefault("explanation", "The text says so in so many words; the benchmark invented it.")
        q.setdefault("tags", ["benchmark"])
        qs.append(q)

    for k in range(6):
        add({"type": "single", "prompt": f"Which of these is a **checkable** statement of the text? ({k + 1})",
             "options": [{"text": claims[k], "correct": True, "feedback": "Right: a sum and a date."},
                         {"text": opinions[k], "feedback": "A judgement: *worst* ranks."},
                         {"text": opinions[k + 6], "feedback": "A prediction: *will surely*."},
                         {"text": "None of the above", "pinned": True, "feedback": "One of them can be checked."}]})
    for k in range(5):
        add({"type": "multiple", "prompt": f"Which statements are opinions? Select all that apply. ({k + 1})",
             "options": [{"text": opinions[k], "correct": True, "feedback": "Yes: *Clearly* and *worst*."},
                         {"text": opinions[k + 7], "correct": True, "feedback": "Yes: *will surely*."},
                         {"text": claims[k + 6], "feedback": "A sum in the accounts: checkable."},
                         {"text": claims[k + 11], "feedback": "A date and a sum: checkable."}],
             "points": 2})
    for k in range(5):
        add({"type": "true-false", "prompt": f"True or false: this sentence is in the text.\n\n> {neutral[k]}",
             "answer": True, "feedback": {"correct": "Right.", "incorrect": "Search the text for it."}})
    for k in range(4):
        add({"type": "numeric", "prompt": f"How many parts has the text? ({k + 1})", "answer": 6,
             "tolerance": k % 2, "unit": "parts",
             "feedback": {"correct": "Right: six.", "incorrect": "Count the headings, and the opening part."}})
    for k in range(4):
        add({"type": "text", "prompt": f"Which word opens every opinion of the text? ({k + 1})",
             "accept": ["Clearly", "clearly,"], "pattern": "clearly,?",
             "feedback": {"correct": "Right.", "incorrect": "It is *Clearly*."}})
    for k in range(4):
        add({"type": "order", "prompt": f"Put these moves of SIFT in order. ({k + 1})",
             "items": ["Stop", "Investigate the source", "Find better coverage", "Trace claims to the original"]})
    for k in range(4):
        add({"type": "match", "prompt": f"Match each word with its kind of cue. ({k + 1})",
             "pairs": [{"left": "surely", "right": "booster"}, {"left": "worst", "right": "evaluative word"},
                       {"left": "seems", "right": "hedge"}, {"left": "will", "right": "prediction"}],
             "points": 2})
    for k in range(4):
        add({"type": "classify", "prompt": f"Sort each statement. ({k + 1})", "categories": ["Fact", "Opinion"],
             "items": [{"text": claims[k], "category": "Fact", "feedback": "Checkable in the accounts."},
                       {"text": claims[k + 4], "category": "Fact", "feedback": "Checkable."},
                       {"text": opinions[k], "category": "Opinion", "feedback": "A judgement."},
                       {"text": opinions[k + 4], "category": "Opinion", "feedback": "A prediction."}],
             "points": 2})
    for k in range(4):
        passage = " ".join([neutral[10 + k], opinions[k + 8], claims[k + 8]])
        add({"type": "select-text", "prompt": f"Select the opinion in this passage. ({k + 1})", "passage": passage,
             "answers": [opinions[k + 8]], "answer_feedback": {opinions[k + 8]: "Right: *worst* judges."}})
    r.shuffle(qs)
    return {"bank": f"{a.slug}-quiz", "article": a.slug, "title": f"Synthetic quiz {n}",
            "description": "Forty questions of all nine types on an invented text.", "shuffle": True,
            "questions": qs}


def write_course(dest: Path, n_articles: int) -> Path:
    """Write articles/<slug>/ and quizzes/<slug>.yaml for n_articles synthetic articles under dest."""
    for n in range(1, n_articles + 1):
        slug = f"synthetic-{n:03d}"
        a = _Article(slug, seed=n)
        folder = dest / "articles" / slug
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "article.md").write_text(_article_md(a, n), "utf-8")
        (folder / "annotations.yaml").write_text(
            yaml.safe_dump(_annotations(a), sort_keys=False, allow_unicode=True, width=1000), "utf-8")
        (dest / "quizzes").mkdir(parents=True, exist_ok=True)
        (dest / "quizzes" / f"{slug}.yaml").write_text(
            yaml.safe_dump(_bank(a, n), sort_keys=False, allow_unicode=True, width=1000), "utf-8")
    return dest
