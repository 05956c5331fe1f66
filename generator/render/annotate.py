"""The "Annotate it yourself" page: the bare article as words the runtime marks, and the spec it checks against
(``static/quiz-annotate.js``, in the book's one-file runtime)."""

from __future__ import annotations

import re

from .. import annotate
from ..i18n import runtime_strings, translator
from ..markup import esc, markdown_html
from ..model import Article
from ..seal import seal
from ..text import ArticleText
from .article import KIND_LABEL
from .quiz import spec_json

ANNOTATE_MARK = '<div class="mlq-annotate-root"'  # how the exercise's HTML starts (the page then gets the runtime)
# a word that ends a sentence, as escaped (esc writes " as &quot; and ' as &#x27;)
_SENTENCE_END = re.compile(r"[.!?…](?:&quot;|&#x27;|[”’»)])*$")
_PARAGRAPH_BREAK = re.compile(r"\s*\n\n\s*")  # the space between two words that holds an empty line
KEYS = {"claim": "c", "opinion": "o", "contradiction": "x", "technique": "t", "source": "s"}
TECHNIQUES = ("loaded-language", "name-calling", "repetition", "exaggeration", "minimisation", "doubt",
              "appeal-to-fear", "flag-waving", "causal-oversimplification", "slogans", "appeal-to-authority",
              "black-and-white-fallacy", "thought-terminating-cliche", "whataboutism")


def words_html(text: ArticleText) -> str:
    """The article's paragraphs, each word a span with its index (data-w) and, where a sentence starts, data-s.

    The words are those of ``annotate.words`` (runs of non-space), taken from the escaped text: escaping adds no
    space, so its runs are the same words, in the same order."""
    out: list[str] = []
    i = 0
    for para in _PARAGRAPH_BREAK.split(esc(text.plain)):
        spans = []
        new_sentence = True
        for word in para.split():
            spans.append(f'<span class="mlq-w" data-w="{i}"{" data-s" if new_sentence else ""}>{word}</span>')
            new_sentence = _SENTENCE_END.search(word) is not None
            i += 1
        if spans:
            out.append("<p>" + " ".join(spans) + "</p>")
    return "\n".join(out)


def spec(article: Article) -> dict[str, object]:
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
    data: dict[str, object] = {
        "id": f"{article.slug}-annotate", "kinds": kinds, "pass": article.annotate_pass,
        "labels": {k: _(KIND_LABEL[k]) for k in kinds}, "keys": {k: KEYS[k] for k in kinds},
        "techniques": list(TECHNIQUES) if "technique" in kinds else [], "key": key, "strings": {}}
    if article.language != "en":  # as a quiz's spec: the runtime's strings and the language tag (English: none)
        data["lang"], data["strings"] = article.language, runtime_strings(article.language)
    return data


def page_spec(article: Article) -> dict[str, object]:
    """The spec as the page carries it: the key sealed, as a quiz's keys are (not in plain text in the page)."""
    data = spec(article)
    key = data.pop("key")
    data["sealed"] = seal({"key": key}, str(data["id"]), "annotate")
    return data


def exercise_html(article: Article, instructor: bool = False) -> str:
    _ = translator(article.language).gettext
    text = article.text or ArticleText.from_markdown(article.body)
    data = page_spec(article)
    needs_js = _("This exercise needs JavaScript.")  # not inside the f-string: the catalog's extractor reads calls
    out = (f'{ANNOTATE_MARK} data-annotate-id="{esc(str(data["id"]))}">'
           f'<script type="application/json" class="mlq-annotate-spec">{spec_json(data)}</script>'
           f'<div class="mlq-an-text" lang="{esc(article.language)}">{words_html(text)}</div>'
           f'<noscript><p>{esc(needs_js)}</p></noscript></div>')
    if instructor:
        out += key_html(spec(article))
    return out


def key_html(data: dict[str, object]) -> str:
    """The instructor edition's key: every passage the student should find, with its kind and note."""
    _ = translator(str(data.get("lang") or "en")).gettext
    key, pass_mark = _("Key"), _("Pass mark")  # outside the f-strings, where the catalog's extractor finds them
    labels: dict[str, str] = data["labels"]  # type: ignore[assignment]
    rows = "".join(
        f'<li><strong>{esc(labels[k["kind"]])}</strong>'
        + (f' ({esc(k["technique"].replace("-", " "))})' if k["technique"] else "")
        + ": " + " / ".join(f"“{esc(q)}”" for q in k["quotes"]) + f'<div>{k["note"]}</div></li>'
        for k in data["key"])  # type: ignore[attr-defined]
    return (f'<section class="mlq-instructor-only mlq-an-key"><h2>{esc(key)}</h2>'
            f'<p>{esc(pass_mark)}: {round(float(data["pass"]) * 100)} %</p><ol>{rows}</ol></section>')  # type: ignore[arg-type]
