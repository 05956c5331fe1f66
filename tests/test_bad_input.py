"""A corpus of bad instructor input: every case names file, line (and column), message and hint, and exits 1.

Each case writes one or more files into a copy of the fixture course (``fixture_book``), runs
``medialit check`` in-process and checks the one diagnostic the case is about. No case may produce a
traceback; every diagnostic of the run must carry a hint.
"""

from __future__ import annotations

import json
import re
import time
import tracemalloc
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from generator.diagnostics import Code
from generator.errors import Report
from generator.load import load_yaml

from .conftest import REPO, run_cli

# ---------------------------------------------------------------------------------------------------------------
# Building blocks. Line numbers in the cases below are counted from these.

BANK = "quizzes/bad.yaml"
ANN = "articles/town-library/annotations.yaml"
ART = "articles/town-library/article.md"

BANK_HEAD = "bank: b1\narticle: town-library\ntitle: T\nquestions:\n"  # lines 1-4; questions from line 5
TF = "  - id: q1\n    type: true-false\n    prompt: P\n    answer: true\n"  # 4 lines

GUIDE = ("guide:\n  objectives: [o]\n  before_reading: [b]\n  during_reading: [d]\n  after_reading: [a]\n"
         "annotations:\n")  # lines 1-6; annotations from line 7

FRONT = {
    "title": '"Our Library Will Close Its Doors — Again"',
    "author": '"A. Tester"',
    "publisher": '"Test fixture"',
    "date": "2024-03-01",
    "url": '""',
    "license": '"Invented for the test suite."',
}
# The fixture's body: line 12 of article.md is "The town council voted **7 to 2** on Tuesday ..." when the
# front matter has 7 fields (lines 1-9). With FRONT (6 fields) the body starts on line 9 and that sentence is line 11.
BODY = """# Our Library Will Close Its Doors — Again

The town council voted **7 to 2** on Tuesday to close the Elm Street library on Sundays.
Councillor *Rivera* said the change "will save 40,000 a year".

Clearly, this is the worst decision the council has ever made. Readers will surely
abandon the library for good.

The council also said the library will stay open seven days a week.
"""


def front(**changes: str | None) -> str:
    fields = {**FRONT, **changes}
    return "---\n" + "".join(f"{k}: {v}\n" for k, v in fields.items() if v is not None) + "---\n"


def article(**changes: str | None) -> str:
    return front(**changes) + BODY


def ann(*items: str) -> str:
    return GUIDE + "".join(items)


def claim(aid: str = "a1", quote: str = "The town council voted 7 to 2 on Tuesday", extra: str = "",
          verdict: str = "unverifiable") -> str:
    return (f"  - id: {aid}\n    kind: claim\n    quote: \"{quote}\"\n    note: n\n    verdict: {verdict}\n{extra}")


SOURCE = ("    sources:\n      - title: t\n        publisher: p\n        date: {date}\n        url: {url}\n")


def claim_with_source(date: str = "2024-03-02", url: str = '"https://example.org/x"') -> str:
    # annotation at line 7; sources: line 12; date line 15; url line 16
    return claim(verdict="accurate", extra=SOURCE.format(date=date, url=url))


# ---------------------------------------------------------------------------------------------------------------


@dataclass
class Case:
    id: str
    files: dict[str, str | bytes]
    path: str
    line: int
    column: int | None
    message: str
    hint: str = ""  # a part of the hint, when the hint is what matters
    remove: list[str] = field(default_factory=list)


CASES: list[Case] = [
    # --- YAML -----------------------------------------------------------------------------------------------
    Case("yaml-unclosed-quote", {BANK: BANK_HEAD + "  - id: q1\n    prompt: \"unclosed\n"}, BANK, 6, 13,
         "YAML syntax error"),
    Case("yaml-colon-in-plain-text", {BANK: BANK_HEAD + "  - id: q1\n    type: true-false\n    prompt: Note: this\n"
                                      "    answer: true\n"}, BANK, 7, 17, "mapping values are not allowed"),
    Case("yaml-unclosed-bracket", {BANK: BANK_HEAD + "  - id: q1\n    tags: [a, b\n    type: single\n"}, BANK, 6, 11,
         "YAML syntax error: expected ',' or ']'", hint="The list opened here with '[' is not closed"),
    Case("yaml-unclosed-brace", {BANK: BANK_HEAD + TF + "    feedback: {correct: yes\n    hint: h\n"}, BANK, 9, 15,
         "YAML syntax error: expected ',' or '}'", hint="The mapping opened here with '{' is not closed"),
    Case("yaml-quote-inside-quotes", {BANK: BANK_HEAD + "  - id: q1\n    type: true-false\n"
                                      "    prompt: \"He said \"no\" to it\"\n    answer: true\n"}, BANK, 7, 23,
         "YAML syntax error", hint="Text goes on after a closing quote"),
    Case("yaml-bad-indentation", {BANK: BANK_HEAD + "  - id: q1\n    type: true-false\n   prompt: P\n"}, BANK, 7, None,
         "YAML syntax error"),
    Case("yaml-tab-indentation", {BANK: BANK_HEAD + "  - id: q1\n\ttype: single\n"}, BANK, 6, 1,
         "a tab character is used for indentation", hint="replace the tab with spaces"),
    Case("yaml-duplicate-key", {BANK: BANK_HEAD + TF + "    prompt: again\n"}, BANK, 9, 5,
         "duplicate key 'prompt' (first given on line 7)"),
    Case("yaml-duplicate-top-key", {BANK: BANK_HEAD.replace("title: T\n", "title: T\ntitle: U\n") + TF}, BANK, 4, 1,
         "duplicate key 'title' (first given on line 3)"),
    Case("yaml-billion-laughs",
         {BANK: 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
          + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},"
                    f"*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]\n"
                    for i in range(8))}, BANK, 1, 4, "anchors and aliases"),
    Case("yaml-alias", {BANK: BANK_HEAD + "  - id: &x q1\n    type: true-false\n    prompt: *x\n    answer: true\n"},
         BANK, 5, 9, "anchors and aliases"),
    Case("yaml-undefined-alias", {BANK: BANK_HEAD + "  - id: q1\n    type: true-false\n    prompt: *nothing\n"},
         BANK, 7, 13, "found undefined alias"),
    Case("yaml-merge-key", {BANK: BANK_HEAD + TF + "    <<: {hint: h}\n"}, BANK, 9, 5, "a key must be plain text"),
    Case("yaml-python-object-apply",
         {BANK: BANK_HEAD + '  - id: q1\n    type: true-false\n    prompt: !!python/object/apply:os.system '
          '["touch PWNED_MARKER"]\n    answer: true\n'}, BANK, 7, 13,
         "the YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"),
    Case("yaml-python-name-tag", {BANK: BANK_HEAD + TF + "    hint: !!python/name:os.system ''\n"}, BANK, 9, 11,
         "is not allowed"),
    Case("yaml-custom-tag", {BANK: BANK_HEAD + TF + "    hint: !include other.yaml\n"}, BANK, 9, 11,
         "the YAML tag '!include' is not allowed"),
    Case("yaml-binary-tag", {BANK: BANK_HEAD + TF + "    hint: !!binary aGVsbG8=\n"}, BANK, 9, 11,
         "the YAML tag 'tag:yaml.org,2002:binary' is not allowed"),
    Case("not-utf8", {BANK: (BANK_HEAD + "  - id: q1\n    type: true-false\n    prompt: Caf").encode() + b"\xe9\n"},
         BANK, 7, 16, "byte 0xe9 is not valid UTF-8"),
    Case("utf16", {BANK: "\ufeff".encode("utf-16-le") + (BANK_HEAD + TF).encode("utf-16-le")}, BANK, 1, 1,
         "the file is UTF-16, not UTF-8"),
    Case("nul-bytes", {BANK: BANK_HEAD + TF + "    hint: a\x00b\n"}, BANK, 1, 1, "NUL bytes"),
    Case("empty-file", {BANK: ""}, BANK, 1, 1, "the file is empty"),
    Case("comments-only-file", {BANK: "# nothing here yet\n\n"}, BANK, 1, 1, "the file is empty"),
    Case("two-documents", {BANK: BANK_HEAD + TF + "---\n" + BANK_HEAD + TF}, BANK, 9, 1, "YAML structure error"),
    Case("list-instead-of-mapping", {BANK: "- bank: b1\n- article: town-library\n"}, BANK, 1, 1,
         "the file must be a mapping (key: value lines), not a list"),
    Case("scalar-instead-of-mapping", {BANK: "just some words\n"}, BANK, 1, 1,
         "the file must be a mapping (key: value lines), not text"),
    Case("question-is-a-list", {BANK: BANK_HEAD + "  - [id, q1]\n"}, BANK, 5, 5,
         "questions[0] must be a mapping (key: value lines), not a list"),
    Case("questions-is-a-mapping", {BANK: BANK_HEAD + "  id: q1\n"}, BANK, 5, 3,
         "questions must be a list, not a mapping"),
    Case("float-nan", {BANK: BANK_HEAD + "  - id: q1\n    type: numeric\n    prompt: P\n    answer: .nan\n"},
         BANK, 8, 13, "'.nan' is not a number a quiz can use"),
    Case("float-infinite-tolerance", {BANK: BANK_HEAD + "  - id: q1\n    type: numeric\n    prompt: P\n"
                                      "    answer: 5\n    tolerance: .inf\n"}, BANK, 9, 16,
         "'.inf' is not a number a quiz can use"),
    Case("folder-named-like-a-bank", {"quizzes/folder.yaml/readme.txt": "x"}, "quizzes/folder.yaml", 1, 1,
         "this is not a regular file"),
    Case("deep-nesting", {BANK: BANK_HEAD + TF + "    hint: " + "[" * 5000 + "]" * 5000 + "\n"}, BANK, 1, 1,
         "nested too deeply"),
    # --- Schema ---------------------------------------------------------------------------------------------
    Case("unknown-key-did-you-mean", {BANK: BANK_HEAD + TF + "    explaination: e\n"}, BANK, 9, 5,
         "unknown key 'explaination' in questions[0]", hint="Did you mean 'explanation'?"),
    Case("unknown-top-key", {BANK: BANK_HEAD + TF + "shufle: true\n"}, BANK, 9, 1, "unknown key 'shufle' in the file"),
    Case("wrong-type-draw", {BANK: BANK_HEAD + TF + "draw: five\n"}, BANK, 9, 7,
         "draw must be a whole number, not text"),
    Case("wrong-type-answer", {BANK: BANK_HEAD + "  - id: q1\n    type: true-false\n    prompt: P\n"
                               "    answer: \"true\"\n"}, BANK, 8, 13,
         "questions[0].answer must be true or false, not text", hint="Write true or false, without quotes."),
    Case("wrong-type-yes-as-text", {BANK: BANK_HEAD + "  - id: q1\n    type: text\n    prompt: P\n"
                                    "    accept: [yes, maybe]\n"}, BANK, 8, 14,
         "questions[0].accept[0] must be text, not true/false", hint="Put the text in quotes"),
    Case("wrong-type-prompt-number", {BANK: BANK_HEAD + "  - id: q1\n    type: true-false\n    prompt: 2013\n"
                                      "    answer: true\n"}, BANK, 7, 13, "questions[0].prompt must be text"),
    Case("missing-prompt", {BANK: BANK_HEAD + "  - id: q1\n    type: true-false\n    answer: true\n"}, BANK, 5, 5,
         "missing required field 'prompt' in questions[0]"),
    Case("missing-questions", {BANK: "bank: b1\narticle: town-library\ntitle: T\n"}, BANK, 1, 1,
         "missing required field 'questions' in the file"),
    Case("bad-enum-type", {BANK: BANK_HEAD + "  - id: q1\n    type: multi\n    prompt: P\n"}, BANK, 6, 11,
         "questions[0].type is 'multi', which is not allowed"),
    Case("bad-question-id", {BANK: BANK_HEAD + TF.replace("id: q1", "id: Q_1")}, BANK, 5, 9,
         "questions[0].id 'Q_1' is not a valid id"),
    Case("bad-bank-id", {BANK: BANK_HEAD.replace("bank: b1", "bank: My Bank") + TF}, BANK, 1, 7,
         "bank 'My Bank' is not a valid id"),
    Case("duplicate-question-id", {BANK: BANK_HEAD + TF + TF}, BANK, 9, 9,
         "duplicate question id 'q1' (first used on line 5)"),
    Case("duplicate-bank-id-across-files", {"quizzes/a-first.yaml": BANK_HEAD + TF, "quizzes/b-second.yaml":
                                            BANK_HEAD + TF}, "quizzes/b-second.yaml", 1, 7,
         "bank id 'b1' is also used by "),
    Case("draw-larger-than-pool", {BANK: BANK_HEAD + TF + "draw: 3\n"}, BANK, 9, 7,
         "draw is 3, but the bank has only 1 questions"),
    Case("draw-zero", {BANK: BANK_HEAD + TF + "draw: 0\n"}, BANK, 9, 7, "draw is 0, but must be at least 1"),
    Case("attempts-without-graded-mode", {BANK: BANK_HEAD + TF + "attempts: 2\n"}, BANK, 9, 11,
         "attempts limits the checks of a graded quiz, but this bank is not graded", hint="Add 'mode: graded'"),
    Case("mode-misspelt", {BANK: BANK_HEAD + TF + "mode: grade\n"}, BANK, 9, 7, "mode is 'grade', which is not allowed",
         hint="Did you mean 'graded'?"),
    Case("negative-tolerance", {BANK: BANK_HEAD + "  - id: q1\n    type: numeric\n    prompt: P\n    answer: 5\n"
                                "    tolerance: -1\n"}, BANK, 9, 16, "tolerance is -1, but must be at least 0"),
    Case("negative-points", {BANK: BANK_HEAD + TF + "    points: -2\n"}, BANK, 9, 13, "points is -2"),
    Case("numeric-answer-and-range", {BANK: BANK_HEAD + "  - id: q1\n    type: numeric\n    prompt: P\n"
                                      "    answer: 5\n    range: [1, 2]\n"}, BANK, 5, 5,
         "numeric question 'q1' needs either 'answer' or 'range'"),
    Case("numeric-range-reversed", {BANK: BANK_HEAD + "  - id: q1\n    type: numeric\n    prompt: P\n"
                                    "    range: [9, 2]\n"}, BANK, 8, 12, "the range of 'q1' starts above its end"),
    Case("pattern-does-not-compile", {BANK: BANK_HEAD + "  - id: q1\n    type: text\n    prompt: P\n"
                                      "    pattern: \"elm( st\"\n"}, BANK, 8, 14,
         "the pattern of 'q1' is not a valid regular expression: missing ), unterminated subpattern"),
    Case("pattern-python-only", {BANK: BANK_HEAD + "  - id: q1\n    type: text\n    prompt: P\n"
                                 "    pattern: \"(?P<x>elm)\"\n"}, BANK, 8, 14, "uses Python-only syntax"),
    Case("text-no-answer", {BANK: BANK_HEAD + "  - id: q1\n    type: text\n    prompt: P\n"}, BANK, 5, 5,
         "text question 'q1' has no accepted answer"),
    Case("order-duplicate-items", {BANK: BANK_HEAD + "  - id: q1\n    type: order\n    prompt: P\n"
                                   "    items: [Stop, Look, stop]\n"}, BANK, 8, 25,
         "item 'stop' appears twice in 'q1'"),
    Case("match-duplicate-right", {BANK: BANK_HEAD + "  - id: q1\n    type: match\n    prompt: P\n    pairs:\n"
                                   "      - {left: a, right: x}\n      - {left: b, right: x}\n"}, BANK, 10, 26,
         "the right side 'x' appears twice in 'q1'"),
    Case("match-duplicate-left", {BANK: BANK_HEAD + "  - id: q1\n    type: match\n    prompt: P\n    pairs:\n"
                                  "      - {left: a, right: x}\n      - {left: a, right: y}\n"}, BANK, 10, 16,
         "the left side 'a' appears twice in 'q1'"),
    Case("classify-unknown-category", {BANK: BANK_HEAD + "  - id: q1\n    type: classify\n    prompt: P\n"
                                       "    categories: [Fact, Opinion]\n    items:\n"
                                       "      - {text: x, category: Fact}\n      - {text: y, category: Opnion}\n"},
         BANK, 11, 29, "item category 'Opnion' is not one of the categories of 'q1'",
         hint="Use one of: Fact, Opinion"),
    Case("classify-duplicate-category", {BANK: BANK_HEAD + "  - id: q1\n    type: classify\n    prompt: P\n"
                                         "    categories: [Fact, Fact]\n    items:\n"
                                         "      - {text: x, category: Fact}\n"},
         BANK, 8, 24, "category 'Fact' appears twice in 'q1'"),
    Case("single-two-correct", {BANK: BANK_HEAD + "  - id: q1\n    type: single\n    prompt: P\n    options:\n"
                                "      - {text: a, correct: true}\n      - {text: b, correct: true}\n"}, BANK, 9, 7,
         "single-choice question 'q1' has 2 correct options; it needs exactly one"),
    Case("duplicate-option", {BANK: BANK_HEAD + "  - id: q1\n    type: single\n    prompt: P\n    options:\n"
                              "      - {text: a, correct: true}\n      - {text: \"A \"}\n"}, BANK, 10, 16,
         "option 'A ' appears twice in 'q1'"),
    Case("multiple-none-correct", {BANK: BANK_HEAD + "  - id: q1\n    type: multiple\n    prompt: P\n    options:\n"
                                   "      - {text: a}\n      - {text: b}\n"}, BANK, 9, 7,
         "question 'q1' has no correct option"),
    Case("option-is-text", {BANK: BANK_HEAD + "  - id: q1\n    type: single\n    prompt: P\n    options:\n"
                            "      - a\n      - b\n"}, BANK, 9, 9,
         "questions[0].options[0] must be a mapping (key: value lines), not text"),
    Case("select-text-answer-missing", {BANK: BANK_HEAD + "  - id: q1\n    type: select-text\n    prompt: P\n"
                                        "    passage: \"One. Two.\"\n    answers: [Three.]\n"}, BANK, 9, 15,
         "answer 'Three.' of 'q1' is not in its passage"),
    Case("bank-file-name-with-quote", {'quizzes/x");import os;("y.yaml': BANK_HEAD + TF},
         'quizzes/x");import os;("y.yaml', 1, 1,
         "the file name 'x\");import os;(\"y.yaml' may use only letters, digits, '.', '_' and '-'"),
    Case("bank-title-html", {BANK: BANK_HEAD.replace("title: T", "title: \"<b>Quiz</b>\"") + TF}, BANK, 3, 8,
         "title contains HTML ('<b>')", hint="Write plain text"),
    Case("bank-unknown-article", {BANK: BANK_HEAD.replace("article: town-library", "article: town-libary") + TF},
         BANK, 1, 7, "bank 'b1' points at article 'town-libary', which does not exist"),
    # --- Annotations and articles ----------------------------------------------------------------------------
    Case("quote-not-found", {ANN: ann(claim(quote="The town council voted 8 to 1 on Tuesday"))}, ANN, 9, 12,
         "quote of 'a1' not found in the article: \"The town council voted 8 to 1 on Tuesday\"",
         hint="Closest text in the article (articles/town-library/article.md, line 12): "
              "\"The town council voted 7 to 2 on Tuesday\""),
    Case("quote-ambiguous", {ANN: ann(claim(quote="the library"))}, ANN, 9, 12,
         "quote of 'a1' occurs 2 times in the article (lines 16, 18): \"the library\"", hint="prefix:"),
    Case("prefix-does-not-match", {ANN: ann(claim(quote="the library", extra="    prefix: \"nothing like this\"\n"))},
         ANN, 12, 13, "the prefix of 'a1' does not come just before any occurrence of its quote"),
    Case("exercise-draw-larger-than-its-questions", {ANN: ann(claim()) + "exercises:\n  check-claims:\n    draw: 5\n"},
         ANN, 14, 11, "the check-claims exercise draws 5 questions, but the annotations make only 1",
         hint="Lower draw to at most 1, write 'draw: all'"),
    Case("exercise-draw-zero", {ANN: ann(claim()) + "exercises:\n  fact-or-opinion:\n    draw: 0\n"},
         ANN, 14, 11, "exercises.fact-or-opinion.draw is 0, but must be at least 1"),
    Case("exercise-name-misspelt", {ANN: ann(claim()) + "exercises:\n  fact-or-opnion:\n    draw: 3\n"},
         ANN, 13, 3, "unknown key 'fact-or-opnion' in exercises", hint="Did you mean 'fact-or-opinion'?"),
    Case("annotate-kind-not-annotated",
         {ANN: ann(claim()) + "exercises:\n  annotate:\n    kinds: [claim, opinion]\n"},
         ANN, 14, 20, "the annotate exercise asks for 'opinion' passages, but no annotation is of kind 'opinion'",
         hint="Remove 'opinion' from kinds"),
    Case("annotate-pass-above-one", {ANN: ann(claim()) + "exercises:\n  annotate:\n    pass: 60\n"},
         ANN, 14, 11, "exercises.annotate.pass: 60 is greater than the maximum of 1"),
    Case("claim-without-sources", {ANN: ann(claim(verdict="accurate"))}, ANN, 11, 14,
         "claim 'a1' is rated 'accurate' but cites no sources"),
    Case("claim-without-verdict", {ANN: ann("  - id: a1\n    kind: claim\n    quote: \"Councillor Rivera said\"\n"
                                            "    note: n\n")}, ANN, 7, 5, "claim 'a1' has no verdict"),
    Case("source-url-javascript", {ANN: ann(claim_with_source(url='"javascript:alert(1)"'))}, ANN, 16, 14,
         "sources[0].url 'javascript:alert(1)' is not an http(s) link"),
    Case("source-url-ftp", {ANN: ann(claim_with_source(url="ftp://example.org/file"))}, ANN, 16, 14,
         "'ftp://example.org/file' is not an http(s) link"),
    Case("source-date-not-real", {ANN: ann(claim_with_source(date="2021-02-30"))}, ANN, 15, 15,
         "date '2021-02-30' is not a real date"),
    Case("bank-language-without-catalog", {BANK: "bank: b1\narticle: town-library\ntitle: T\nlanguage: xh\n"
                                                  "questions:\n  - id: q1\n    type: true-false\n    prompt: P\n"
                                                  "    answer: true\n"}, BANK, 4, 11,
         "the bank's language 'xh' has no catalog (there are: en, fr)", hint="medialit translations init xh"),
    Case("source-date-yesterday", {ANN: ann(claim_with_source(date="yesterday"))}, ANN, 15, 15,
         "annotations[0].sources[0].date 'yesterday' is not a date"),
    Case("timeline-date-not-real", {ANN: GUIDE.replace("annotations:\n", "  timeline:\n    - {date: 2023-13-01, "
                                                                            "event: e}\nannotations: []\n")},
         ANN, 7, 14, "date '2023-13-01' is not a real date"),
    Case("annotation-duplicate-id", {ANN: ann(claim(), claim(quote="Councillor Rivera said"))}, ANN, 12, 9,
         "duplicate annotation id 'a1' (first used on line 7)"),
    Case("annotation-bad-kind", {ANN: ann("  - id: a1\n    kind: opnion\n    quote: \"Clearly\"\n    note: n\n")},
         ANN, 8, 11, "annotations[0].kind is 'opnion', which is not allowed", hint="Did you mean 'opinion'?"),
    Case("technique-bad-label", {ANN: ann("  - id: a1\n    kind: technique\n    technique: loaded-langage\n"
                                          "    quote: \"Clearly\"\n    note: n\n")}, ANN, 9, 16,
         "annotations[0].technique is 'loaded-langage', which is not allowed"),
    Case("opinion-cue-not-in-quote", {ANN: ann("  - id: a1\n    kind: opinion\n"
                                               "    quote: \"Clearly, this is the worst\"\n"
                                               "    note: n\n    cues: [surely]\n")}, ANN, 11, 12,
         "cue 'surely' of 'a1' is not in its quote"),
    Case("verdict-on-an-opinion", {ANN: ann("  - id: a1\n    kind: opinion\n    quote: \"Clearly, this is the worst\"\n"
                                            "    note: n\n    cues: [Clearly]\n    verdict: misleading\n")}, ANN, 12, 5,
         "only claims take a verdict; 'a1' is an opinion"),
    Case("contradiction-with-quote", {ANN: ann("  - id: a1\n    kind: contradiction\n    quote: \"Clearly\"\n"
                                               "    note: n\n")}, ANN, 9, 5, "contradiction 'a1' takes 'quotes'"),
    Case("contradiction-quote-list", {ANN: ann("  - id: a1\n    kind: contradiction\n"
                                               "    quote: [\"Clearly\", \"worst\"]\n    note: n\n")}, ANN, 9, 12,
         "annotations[0].quote is a list, but 'quote' takes one passage: for two or more, use 'quotes:'"),
    Case("verdict-yes", {ANN: ann("  - id: a1\n    kind: claim\n    quote: \"Clearly\"\n    note: n\n"
                                  "    verdict: yes\n")}, ANN, 11, 14,
         "annotations[0].verdict is 'yes', which is not allowed", hint="yes/no value"),
    Case("annotations-not-a-list", {ANN: GUIDE + "  id: a1\n"}, ANN, 7, 3, "annotations must be a list"),
    Case("guide-missing", {ANN: "annotations: []\n"}, ANN, 1, 1, "missing required field 'guide' in the file"),
    Case("front-matter-missing-fields", {ART: article(author=None, license=None)}, ART, 2, 1,
         "missing required field 'author' in the file"),
    Case("front-matter-unknown-key", {ART: article(auhtor='"x"')}, ART, 8, 1, "unknown key 'auhtor' in the file"),
    Case("front-matter-url-javascript", {ART: article(url='"javascript:alert(1)"')}, ART, 6, 6,
         "url 'javascript:alert(1)' is not an http(s) link"),
    Case("front-matter-title-html", {ART: article(title="'<img src=x onerror=alert(1)>'")}, ART, 2, 8,
         "title contains HTML ('<img src=x onerror=alert(1)>')", hint="Write plain text"),
    Case("front-matter-date-yesterday", {ART: article(date="yesterday")}, ART, 5, 7, "date 'yesterday' is not a date"),
    Case("front-matter-date-not-real", {ART: article(date="2021-02-30")}, ART, 5, 7,
         "date '2021-02-30' is not a real date"),
    Case("front-matter-yaml-error", {ART: article(title="Paris: a city")}, ART, 2, 13,
         "YAML syntax error: mapping values are not allowed here", hint="Put text that contains ': ' in quotes"),
    Case("front-matter-python-tag", {ART: article(notes="!!python/object/apply:os.system [\"touch PWNED_MARKER\"]")},
         ART, 8, 8, "the YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"),
    Case("front-matter-is-a-list", {ART: "---\n- a\n- b\n---\n" + BODY}, ART, 2, 1,
         "the file must be a mapping (key: value lines), not a list"),
    Case("front-matter-absent", {ART: BODY}, ART, 1, 1, "the article has no YAML front matter"),
    Case("front-matter-not-closed", {ART: front()[:-4] + BODY}, ART, 1, 1, "the article has no YAML front matter"),
    Case("front-matter-empty", {ART: "---\n---\n" + BODY}, ART, 2, 1, "the front matter is empty"),
    Case("article-body-empty", {ART: front()}, ART, 9, 1, "the article body is empty"),
    Case("quote-against-empty-body", {ART: front(), ANN: ann(claim())}, ANN, 9, 12, "quote of 'a1' not found",
         hint="has no text to quote yet"),
    Case("article-missing-annotations", {}, ANN, 1, 1, "the article folder has no annotations.yaml",
         remove=[ANN]),
    Case("article-folder-not-a-slug", {"articles/Town_Library/article.md": article(),
                                       "articles/Town_Library/annotations.yaml": GUIDE + "  []\n"},
         "articles/Town_Library", 1, 1, "article folder name 'Town_Library' is not a valid slug"),
]

CODES = {c.value for c in Code}
DIAG = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+):(?P<col>\d+): (?:error|warning): (?P<msg>.*)$")


def diagnostics(err: str) -> list[dict[str, str]]:
    """Parse `path:line:col: error: message` lines and their `    hint:` lines."""
    out: list[dict[str, str]] = []
    for line in err.splitlines():
        m = DIAG.match(line)
        if m:
            out.append({**m.groupdict(), "hint": ""})
        elif line.startswith("    hint: ") and out:
            out[-1]["hint"] = line[len("    hint: "):]
    return out


def apply(book: Path, case: Case) -> None:
    for rel in case.remove:
        (book / rel).unlink()
    for rel, data in case.files.items():
        target = book / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            target.write_bytes(data)
        else:
            target.write_text(data, encoding="utf-8")


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 40
    assert len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input(fixture_book: Path, case: Case, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(fixture_book)  # a '!!python/object' that ran would create PWNED_MARKER here
    apply(fixture_book, case)
    res = run_cli("check", cwd=fixture_book)
    assert "Traceback" not in res.out + res.err
    assert res.code == 1, res.out + res.err
    diags = diagnostics(res.err)
    assert diags, res.err
    assert all(d["hint"] for d in diags), res.err  # every diagnostic has a hint
    hits = [d for d in diags if d["path"] == case.path and case.message in d["msg"]]
    assert hits, f"no '{case.message}' in {case.path}:\n{res.err}"
    if case.hint:
        hits = [d for d in hits if case.hint in d["hint"]]
        assert hits, f"no hint with '{case.hint}':\n{res.err}"
    got = [(int(d["line"]), int(d["col"])) for d in hits]
    if case.column is None:
        assert case.line in [ln for ln, _ in got], res.err
    else:
        assert (case.line, case.column) in got, res.err
    assert re.search(r"medialit: \d+ errors?\.", res.err)
    assert not (fixture_book / "PWNED_MARKER").exists()
    as_json = json.loads(run_cli("check", "--format", "json", cwd=fixture_book).out)["errors"]
    assert as_json and all(e["code"] in CODES for e in as_json), as_json  # every diagnostic has a listed code


def test_python_tags_run_no_code(fixture_book: Path, tmp_path: Path) -> None:
    """Tags that would call Python in an unsafe loader are refused, and nothing they name is executed."""
    marker = tmp_path / "pwned"
    payloads = [
        f'!!python/object/apply:os.system ["touch {marker}"]',
        f"!!python/object/apply:subprocess.call [[touch, {marker}]]",
        f"!!python/object/apply:builtins.exec [\"open('{marker}', 'w').close()\"]",
        f"!!python/object/new:subprocess.Popen [[touch, {marker}]]",
        f'!!python/object:__main__.X {{path: "{marker}"}}',
        "!!python/module:os",
    ]
    for i, payload in enumerate(payloads):
        (fixture_book / "quizzes" / f"p{i}.yaml").write_text(BANK_HEAD.replace("b1", f"p{i}") + TF
                                                              + f"    hint: {payload}\n", "utf-8")
    (fixture_book / ART).write_text(article(notes=payloads[0]), "utf-8")
    res = run_cli("check", cwd=fixture_book)
    assert res.code == 1 and "Traceback" not in res.err
    assert res.err.count("is not allowed") == len(payloads) + 1, res.err
    assert not marker.exists()


def test_byte_order_mark_is_accepted(fixture_book: Path) -> None:
    bank = fixture_book / "quizzes" / "town-library.yaml"
    bank.write_bytes(b"\xef\xbb\xbf" + bank.read_bytes())
    art = fixture_book / ART
    art.write_bytes(b"\xef\xbb\xbf" + art.read_bytes())
    res = run_cli("check", cwd=fixture_book)
    assert res.code == 0, res.err
    assert "no problems found" in res.out


def test_crlf_line_endings_are_accepted_and_lines_still_right(fixture_book: Path) -> None:
    (fixture_book / BANK).write_bytes((BANK_HEAD + TF + "    promt: x\n").replace("\n", "\r\n").encode())
    res = run_cli("check", cwd=fixture_book)
    assert res.code == 1
    assert f"{BANK}:9:5: error: unknown key 'promt'" in res.err


def test_ten_megabyte_file_is_refused_quickly_and_cheaply(fixture_book: Path) -> None:
    """A 10 MB bank is refused by its size: bounded time, and the loader does not read it into memory."""
    path = fixture_book / BANK
    line = "  - {id: q, type: true-false, prompt: " + "x" * 60 + ", answer: true}\n"
    with path.open("w", encoding="utf-8") as fh:
        fh.write(BANK_HEAD)
        fh.write(line * (10 * 1024 * 1024 // len(line) + 1))
    assert path.stat().st_size > 10 * 1024 * 1024
    report = Report(base=fixture_book)
    tracemalloc.start()
    t0 = time.perf_counter()
    try:
        doc = load_yaml(path, report)
        elapsed = time.perf_counter() - t0
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert doc is None
    assert elapsed < 5
    assert peak < 1024 * 1024, peak  # far less than the file: it is never read
    [d] = report.diagnostics
    assert "larger than the 2 MB limit" in d.message and d.hint and (d.line, d.column) == (1, 1)
    t0 = time.perf_counter()
    res = run_cli("check", cwd=fixture_book)
    assert time.perf_counter() - t0 < 5
    assert res.code == 1 and f"{BANK}:1:1: error: the file is 10.5 MB, larger than the 2 MB limit" in res.err


def test_just_under_the_limit_is_read_in_bounded_time(fixture_book: Path) -> None:
    """A bank just under the 2 MB limit (one very long prompt) is checked and generated in bounded time."""
    path = fixture_book / BANK
    words = ("lorem ipsum dolor sit amet " * 70000)[:1_900_000]
    path.write_text(BANK_HEAD + f'  - id: q1\n    type: true-false\n    prompt: "{words}"\n    answer: true\n', "utf-8")
    assert 1_800_000 < path.stat().st_size < 2 * 1024 * 1024
    for cmd in ("check", "generate"):
        t0 = time.perf_counter()
        res = run_cli(cmd, cwd=fixture_book)
        assert time.perf_counter() - t0 < 15, cmd
        assert res.code == 0, res.err[:2000]


def test_many_questions_are_read_in_bounded_time(fixture_book: Path) -> None:
    """2,000 questions (about 0.2 MB) check in a few seconds; the pure-Python YAML parser costs ~0.5 ms a question."""
    path = fixture_book / BANK
    body = "".join(f"  - {{id: q{i}, type: true-false, prompt: \"{'x' * 40}\", answer: true}}\n" for i in range(2000))
    path.write_text(BANK_HEAD + body, "utf-8")
    t0 = time.perf_counter()
    res = run_cli("check", cwd=fixture_book)
    assert time.perf_counter() - t0 < 20
    assert res.code == 0, res.err[:2000]


def test_every_error_of_a_run_is_reported(fixture_book: Path) -> None:
    """One run reports the problems of every file: YAML, schema and semantic errors together."""
    chosen = ["yaml-tab-indentation", "unknown-key-did-you-mean", "quote-not-found", "front-matter-date-yesterday",
              "bank-unknown-article"]
    by_id = {c.id: c for c in CASES}
    for n, cid in enumerate(chosen):
        case = by_id[cid]
        files = {(k.replace("bad.yaml", f"bad{n}.yaml") if k == BANK else k): v for k, v in case.files.items()}
        if BANK in case.files:
            files = {k: (v.replace("bank: b1", f"bank: b{n}") if isinstance(v, str) else v) for k, v in files.items()}
        apply(fixture_book, Case(cid, files, case.path, case.line, case.column, case.message))
    res = run_cli("check", cwd=fixture_book)
    assert res.code == 1 and "Traceback" not in res.err
    diags = diagnostics(res.err)
    for n, cid in enumerate(chosen):
        case = by_id[cid]
        path = case.path.replace("bad.yaml", f"bad{n}.yaml")
        message = case.message.replace("bank 'b1'", f"bank 'b{n}'")
        assert any(d["path"] == path and message in d["msg"] and int(d["line"]) == case.line for d in diags), \
            (cid, res.err)
    assert f"medialit: {len(diags)} errors." in res.err


def test_json_format_gives_the_same_errors(fixture_book: Path) -> None:
    """`check --format json` lists exactly the diagnostics of the text output, with path, line, column and hint."""
    by_id = {c.id: c for c in CASES}
    apply(fixture_book, by_id["unknown-key-did-you-mean"])
    apply(fixture_book, by_id["quote-not-found"])
    apply(fixture_book, by_id["front-matter-url-javascript"])
    text = run_cli("check", cwd=fixture_book)
    res = run_cli("check", "--format", "json", cwd=fixture_book)
    assert res.code == 1 and text.code == 1
    assert "Traceback" not in res.err + res.out
    errors = json.loads(res.out)["errors"]
    assert len(errors) >= 3
    for e in errors:
        assert {"path", "line", "column", "message", "hint"} <= set(e)
        assert e["hint"] and e["line"] >= 1 and e["column"] >= 1
    from_text = [(d["path"], int(d["line"]), int(d["col"]), d["msg"], d["hint"]) for d in diagnostics(text.err)]
    from_json = [(e["path"], e["line"], e["column"], e["message"], e["hint"]) for e in errors]
    assert from_text == from_json
    assert any(e["path"] == BANK and e["line"] == 9 and "explaination" in e["message"]
               and "Did you mean 'explanation'?" in e["hint"] for e in errors)


def test_every_listed_code_is_used_by_the_generator() -> None:
    """The list of codes holds no dead entry: each is raised somewhere in the package."""
    source = "\n".join(p.read_text("utf-8") for p in (REPO / "generator").rglob("*.py") if p.name != "diagnostics.py")
    unused = [c.name for c in Code if f"Code.{c.name}" not in source]
    assert unused == []


def test_json_format_when_clean(fixture_book: Path) -> None:
    res = run_cli("check", "--format", "json", cwd=fixture_book)
    assert res.code == 0
    assert json.loads(res.out) == {"errors": []}


def test_did_you_mean_hint(fixture_book: Path) -> None:
    apply(fixture_book, next(c for c in CASES if c.id == "unknown-key-did-you-mean"))
    res = run_cli("check", cwd=fixture_book)
    assert "    hint: Did you mean 'explanation'?" in res.err


def test_quote_not_found_shows_closest_text_and_its_line(fixture_book: Path) -> None:
    apply(fixture_book, next(c for c in CASES if c.id == "quote-not-found"))
    res = run_cli("check", cwd=fixture_book)
    assert ('hint: Closest text in the article (articles/town-library/article.md, line 12): '
            '"The town council voted 7 to 2 on Tuesday"') in res.err, res.err


def test_generate_and_build_refuse_bad_input_without_writing(fixture_book: Path) -> None:
    apply(fixture_book, next(c for c in CASES if c.id == "yaml-billion-laughs"))
    toc = (fixture_book / "_toc.yml").read_bytes()
    for cmd in ("generate", "build"):
        res = run_cli(cmd, cwd=fixture_book)
        assert res.code == 1 and "Traceback" not in res.err
        assert f"{BANK}:1:4: error: YAML anchors and aliases" in res.err
        assert "nothing was written" in res.err
    assert not (fixture_book / "book" / "town-library").exists()
    assert (fixture_book / "_toc.yml").read_bytes() == toc


def test_duplicate_bank_id_names_the_other_file(fixture_book: Path) -> None:
    apply(fixture_book, next(c for c in CASES if c.id == "duplicate-bank-id-across-files"))
    res = run_cli("check", cwd=fixture_book)
    assert res.code == 1
    assert "quizzes/b-second.yaml:1:7: error: bank id 'b1' is also used by" in res.err
    assert "a-first.yaml" in res.err


def test_duplicate_bank_id_other_file_is_relative(fixture_book: Path) -> None:
    apply(fixture_book, next(c for c in CASES if c.id == "duplicate-bank-id-across-files"))
    res = run_cli("check", cwd=fixture_book)
    assert "bank id 'b1' is also used by quizzes/a-first.yaml" in res.err


def test_errors_page_quotes_real_messages(tmp_path: Path) -> None:
    """Every example message of book/instructors/errors.md is printed by the tool for one of the cases here."""
    from .conftest import FIXTURES, REPO, make_book
    from .test_files import UNWRITABLE

    seen: list[str] = []
    for n, case in enumerate(CASES):
        book = make_book(tmp_path / f"c{n}", FIXTURES / "course")
        apply(book, case)
        seen += [d["msg"] for d in diagnostics(run_cli("check", cwd=book).err)]
    for n, make_unwritable in enumerate(UNWRITABLE):
        book = make_book(tmp_path / f"w{n}", FIXTURES / "course")
        make_unwritable(book)
        seen += [d["msg"] for d in diagnostics(run_cli("generate", cwd=book).err)]
    book = make_book(tmp_path / "ten", FIXTURES / "course")
    with (book / BANK).open("w") as fh:
        fh.write("#" * 10_500_000)
    seen += [d["msg"] for d in diagnostics(run_cli("check", cwd=book).err)]
    book = make_book(tmp_path / "hand", FIXTURES / "course")
    (book / "articles" / "town-library").rename(book / "articles" / "methods")
    (book / "quizzes" / "town-library.yaml").unlink()
    seen += [d["msg"] for d in diagnostics(run_cli("generate", cwd=book).err)]

    book = make_book(tmp_path / "new", FIXTURES / "course")  # the placeholders of a new article (warnings)
    (tmp_path / "story.txt").write_text("Pool Closes\n\nThe pool will close.\n", encoding="utf-8")
    assert run_cli("new", "pool", "--from", tmp_path / "story.txt", cwd=book).code == 0
    md = book / "articles" / "pool" / "article.md"
    md.write_text(re.sub(r'^author: .*$', 'author: "Ann Example"   # TODO: check', md.read_text("utf-8"), flags=re.M),
                  "utf-8")
    seen += [d["msg"] for d in diagnostics(run_cli("check", cwd=book).err)]

    page = (REPO / "book" / "instructors" / "errors.md").read_text("utf-8")
    examples = []
    for line in page.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
        if line.startswith("| ") and len(cells) == 3 and cells[1].startswith("`"):
            examples += re.findall(r"`([^`]+)`", cells[1])
    assert len(examples) >= 60
    missing = [e for e in examples if not any(e in m for m in seen)]
    assert missing == []


def test_fast_schema_check_agrees_with_jsonschema(tmp_path: Path) -> None:
    """The compiled validator that lets valid files through fast never passes a file jsonschema finds errors in."""
    from generator.load import load_markdown
    from generator.validate.schema import _validator, is_valid

    from .conftest import FIXTURES, REPO, make_book

    checked = {"valid": 0, "invalid": 0}
    for n, case in enumerate([*CASES, None]):
        book = make_book(tmp_path / f"c{n}", FIXTURES / "course")
        if case is not None:
            apply(book, case)
        docs = [(load_yaml(p, Report()), "bank") for p in sorted((book / "quizzes").glob("*.yaml"))]
        docs += [(load_yaml(p, Report()), "annotations") for p in sorted(book.glob("articles/*/annotations.yaml"))]
        docs += [(md.front if (md := load_markdown(p, Report())) else None, "article")
                 for p in sorted(book.glob("articles/*/article.md"))]
        for doc, name in docs:
            if doc is None:
                continue
            reference = not any(True for _ in _validator(name).iter_errors(doc.data))
            assert is_valid(doc.data, name) == reference, (case and case.id, doc.path)
            checked["valid" if reference else "invalid"] += 1
    for p in sorted((REPO / "quizzes").glob("*.yaml")):
        doc = load_yaml(p, Report())
        assert doc is not None and is_valid(doc.data, "bank")
    assert checked["invalid"] >= 20 and checked["valid"] >= 20, checked
