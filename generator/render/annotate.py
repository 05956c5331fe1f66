"""The "Annotate it yourself" exercise as data and as HTML: the bare article laid out as words, the spec the
front end (``static/quiz-annotate.js``) checks against, and the static HTML a page or a notebook's output carries.

One spec serves both hosts: the static page (its words written out as HTML here, the spec in a script element
beside them) and the kernel's widget (``generator.quiz.Annotate``: the same spec through the model, with the words
as data, ``text``, that the front end lays out the same way)."""

from __future__ import annotations

import re
from typing import Any

from .. import annotate
from ..i18n import runtime_strings, translator
from ..markup import esc, markdown_html
from ..model import Article
from ..seal import seal
from ..text import ArticleText
from .article import KIND_LABEL
from .quiz import spec_json

ANNOTATE_MARK = '<div class="mlq-annotate-root"'  # how the exercise's HTML starts (the page then gets the runtime)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)]*$")
_PARAGRAPH_BREAK = re.compile(r"\s*\n\n\s*")  # the space between two words that holds an empty line
KEYS = {"claim": "c", "opinion": "o", "contradiction": "x", "technique": "t", "source": "s"}
TECHNIQUES = ("loaded-language", "name-calling", "repetition", "exaggeration", "minimisation", "doubt",
              "appeal-to-fear", "flag-waving", "causal-oversimplification", "slogans", "appeal-to-authority",
              "black-and-white-fallacy", "thought-terminating-cliche", "whataboutism")


def layout(text: ArticleText, language: str) -> dict[str, Any]:
    """The article's words as the exercise shows them: its paragraphs, each a list of words (numbered across the
    article, from 0), and the numbers of the words that start a sentence. The words are those of
    ``annotate.words`` (runs of non-space); a paragraph ends where the space between two words holds an empty line."""
    paragraphs = [words for words in (para.split() for para in _PARAGRAPH_BREAK.split(text.plain)) if words]
    sentences: list[int] = []
    i = 0
    for words in paragraphs:
        new_sentence = True
        for word in words:
            if new_sentence:
                sentences.append(i)
            new_sentence = _SENTENCE_END.search(word) is not None
            i += 1
    return {"lang": language, "paragraphs": paragraphs, "sentences": sentences}


def words_html(text: dict[str, Any]) -> str:
    """A layout's paragraphs, each word a span with its number (data-w) and, where a sentence starts, data-s (the
    front end builds the same elements from the same layout when no page wrote them: in a kernel)."""
    starts = set(text["sentences"])
    out: list[str] = []
    i = 0
    for para in text["paragraphs"]:
        spans = []
        for word in esc(" ".join(para)).split(" "):  # escaped at once: escaping adds no space to a word
            spans.append(f'<span class="mlq-w" data-w="{i}"{" data-s" if i in starts else ""}>{word}</span>')
            i += 1
        out.append("<p>" + " ".join(spans) + "</p>")
    return "\n".join(out)


def spec(article: Article) -> dict[str, Any]:
    """The exercise with its key in plain text (the instructor edition's key is made from it)."""
    text = article.text or ArticleText.from_markdown(article.body)
    spans = annotate.words(text)
    by_id = {a.id: a for a in article.annotations}
    key = annotate.key(article)
    for k in key:
        a = by_id[k["id"]]
        k["note"] = markdown_html(a.note)
        k["quotes"] = [" ".join(text.plain[spans[p[0]][0]:spans[p[1] - 1][1]].split()) for p in k["passages"]]
    kinds = annotate.kinds_asked(article)
    _ = translator(article.language).gettext
    data: dict[str, Any] = {
        "id": f"{article.slug}-annotate", "kinds": kinds, "pass": article.annotate_pass,
        "labels": {k: _(KIND_LABEL[k]) for k in kinds}, "keys": {k: KEYS[k] for k in kinds},
        "techniques": list(TECHNIQUES) if "technique" in kinds else [], "key": key, "strings": {}}
    if article.language != "en":  # as a quiz's spec: the runtime's strings and the language tag (English: none)
        data["lang"], data["strings"] = article.language, runtime_strings(article.language)
    return data


def page_spec(article: Article) -> dict[str, Any]:
    """The spec as the page carries it: the key sealed, as a quiz's keys are (not in plain text in the page)."""
    data = spec(article)
    key = data.pop("key")
    data["sealed"] = seal({"key": key}, str(data["id"]), "annotate")
    return data


def widget_spec(article: Article) -> dict[str, Any]:
    """The spec of the exercise wherever it runs: the page's (key sealed) with the article's words as data
    (``text``, see ``layout``). The kernel's widget carries it as its ``spec``; ``static_html`` writes it out."""
    text = article.text or ArticleText.from_markdown(article.body)
    return page_spec(article) | {"text": layout(text, article.language)}


def unsealed_key(data: dict[str, Any]) -> list[dict[str, Any]]:
    """A spec's key: in plain text in ``spec``, sealed in the others."""
    from ..seal import unseal

    return data["key"] if "key" in data else unseal(data["sealed"], str(data["id"]), "annotate")["key"]


def static_html(data: dict[str, Any]) -> str:
    """The exercise as a page shows it (``data``: a ``widget_spec``): its words as HTML, the rest of the spec in
    a script element beside them, for the runtime to mount (``ANNOTATE_MARK``)."""
    text = data["text"]
    rest = {k: v for k, v in data.items() if k != "text"}
    needs_js = translator(str(data.get("lang") or "en")).gettext("This exercise needs JavaScript.")
    return (f'{ANNOTATE_MARK} data-annotate-id="{esc(str(data["id"]))}">'
            f'<script type="application/json" class="mlq-annotate-spec">{spec_json(rest)}</script>'
            f'<div class="mlq-an-text" lang="{esc(text["lang"])}">{words_html(text)}</div>'
            f'<noscript><p>{esc(needs_js)}</p></noscript></div>')


def key_html(data: dict[str, Any]) -> str:
    """The instructor edition's key: every passage the student should find, with its kind and note."""
    _ = translator(str(data.get("lang") or "en")).gettext
    key, pass_mark = _("Key"), _("Pass mark")  # outside the f-strings, where the catalog's extractor finds them
    labels: dict[str, str] = data["labels"]
    rows = "".join(
        f'<li><strong>{esc(labels[k["kind"]])}</strong>'
        + (f' ({esc(k["technique"].replace("-", " "))})' if k["technique"] else "")
        + ": " + " / ".join(f"“{esc(q)}”" for q in k["quotes"]) + f'<div>{k["note"]}</div></li>'
        for k in data["key"])
    return (f'<section class="mlq-instructor-only mlq-an-key"><h2>{esc(key)}</h2>'
            f'<p>{esc(pass_mark)}: {round(float(data["pass"]) * 100)} %</p><ol>{rows}</ol></section>')
