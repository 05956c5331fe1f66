"""The article page: the text as published, with highlight layers and notes on demand."""

from __future__ import annotations

from collections import defaultdict

from markdown_it.renderer import RendererHTML
from markdown_it.token import Token

from ..i18n import N_, Translator, translator
from ..markup import esc, markdown_html
from ..model import Annotation, Article
from ..text import ArticleText, child_text

LAYERS = (
    ("claim", N_("Claims"), N_("checkable statements")),
    ("opinion", N_("Opinions"), N_("judgements and predictions")),
    ("contradiction", N_("Contradictions"), N_("statements that cannot all be true")),
    ("technique", N_("Techniques"), N_("persuasion techniques")),
    ("source", N_("Source clues"), N_("who is behind the page")),
)
KIND_LABEL = {"claim": N_("Claim"), "opinion": N_("Opinion"), "contradiction": N_("Contradiction"),
              "technique": N_("Technique"), "source": N_("Source clue")}


class _Marks:
    """One article's annotated stretches, for _MarkedRenderer: <mark> runs and the note button after each."""

    def __init__(self, text: ArticleText, ranges: list[tuple[int, int, Annotation]], with_notes: bool,
                 tr: Translator):
        self.tr = tr
        self.text = text
        self.ranges = ranges
        self.ends: dict[int, list[Annotation]] = defaultdict(list)
        self.starts: dict[int, list[Annotation]] = defaultdict(list)
        for s, e, a in ranges:
            self.ends[e].append(a)
            if s == a.spans[0].start and a not in self.starts[s]:
                self.starts[s].append(a)
        self.with_notes = with_notes
        self.buttons_done: set[tuple[str, int]] = set()  # (annotation id, end offset) already given a button
        self._next = 0  # ranges[:_next] start before the text at hand; those of them still open are in _open
        self._open: list[tuple[int, int, Annotation]] = []
        self._last = -1

    def _overlapping(self, start: int, end: int) -> list[tuple[int, int, Annotation]]:
        """The ranges that overlap [start, end). Text comes in the article's order, so the ranges are swept once
        (from the beginning again if it ever comes back)."""
        if start < self._last:
            self._next, self._open = 0, []
        self._last = start
        ranges = self.ranges
        while self._next < len(ranges) and ranges[self._next][0] < end:
            self._open.append(ranges[self._next])
            self._next += 1
        self._open = [r for r in self._open if r[1] > start]
        return [r for r in self._open if r[0] < end]

    def buttons(self, pos: int) -> str:
        """The note buttons of the spans that end at pos, each once."""
        if not self.with_notes:
            return ""
        out = []
        for a in self.ends.get(pos, []):
            if (a.id, pos) not in self.buttons_done:
                self.buttons_done.add((a.id, pos))
                out.append(_note_button(a, self.tr))
        return "".join(out)

    def marked(self, start: int, content: str) -> str:
        end = start + len(content)
        here = self._overlapping(start, end)  # the spans this text token is part of
        cuts = {start, end}
        for s, e, _ in here:
            cuts.add(max(s, start))
            cuts.add(min(e, end))
        pieces = []
        bounds = sorted(cuts)
        for a, b in zip(bounds, bounds[1:]):
            chunk = content[a - start:b - start]
            for x in self.starts.get(a, []):
                pieces.append(f'<span class="mlq-anchor" id="a-{esc(x.id)}"></span>')
            active = sorted({(x.kind, x.id) for s, e, x in here if s <= a and e >= b})
            if active and chunk.strip():
                kinds = " ".join(sorted({f"k-{k}" for k, _ in active}))
                ids = " ".join(i for _, i in active)
                pieces.append(f'<mark class="mlq-ann {kinds}" data-ann="{esc(ids)}">{esc(chunk)}</mark>')
            else:
                pieces.append(esc(chunk))
            pieces.append(self.buttons(b))  # right after the quote, even where it ends mid-token
        return "".join(pieces)


class _MarkedRenderer(RendererHTML):
    """Renders inline text with the <mark> runs and note buttons of ``env["marks"]`` (one renderer for every
    article: the article's own state travels in env)."""

    def renderInline(self, tokens, options, env):  # type: ignore[no-untyped-def]  # noqa: N802
        marks: _Marks = env["marks"]
        pos = marks.text.inline_start.get(id(tokens), 0)
        out: list[str] = []
        for i, child in enumerate(tokens):
            t = child.type
            content = child_text(child)
            if t in ("text", "code_inline", "softbreak", "hardbreak"):
                piece = marks.marked(pos, content)
                if t == "code_inline":
                    piece = f"<code>{piece}</code>"
                elif t == "hardbreak":
                    piece = "<br />\n"
                out.append(piece)
            elif t == "link_open":
                out.append(_link_open(child, marks.tr))
            elif t == "link_close":
                out.append(_link_close(tokens, i))
            elif t == "image":
                alt = marks.tr.gettext("[image: {alt}]").format(alt=content)
                out.append(f'<span class="mlq-image-alt">{esc(alt)}</span>')
            elif t in ("em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close"):
                out.append(self.renderToken(tokens, i, options, env))
            pos += len(content)
            out.append(marks.buttons(pos))  # a span that ends with a token whose text is not marked (an image)
        return "".join(out)


_RENDERER = _MarkedRenderer()


def _link_open(tok: Token, tr: Translator) -> str:
    href = tok.attrGet("href") or ""
    if str(href).startswith(("http://", "https://")):
        return f'<a href="{esc(str(href))}" rel="noopener noreferrer nofollow" target="_blank">'
    title = tr.gettext("In the copy received, this link leads nowhere.")
    return f'<span class="mlq-deadlink" title="{esc(title)}">'


def _link_close(tokens: list[Token], idx: int) -> str:
    depth = 0
    for j in range(idx - 1, -1, -1):
        if tokens[j].type == "link_close":
            depth += 1
        elif tokens[j].type == "link_open":
            if depth == 0:
                href = str(tokens[j].attrGet("href") or "")
                return "</a>" if href.startswith(("http://", "https://")) else "</span>"
            depth -= 1
    return "</span>"


def _note_button(a: Annotation, tr: Translator) -> str:
    label = tr.gettext("{kind} note: {id}").format(kind=tr.gettext(KIND_LABEL[a.kind]), id=a.id)
    return (f'<button type="button" class="mlq-note-btn k-{a.kind}" popovertarget="note-{esc(a.id)}" '
            f'aria-label="{esc(label)}"><span aria-hidden="true">{_ICON[a.kind]}</span></button>')


_ICON = {"claim": "C", "opinion": "O", "contradiction": "≠", "technique": "T", "source": "S"}


def note_body(a: Annotation, instructor: bool, language: str = "en") -> str:
    _ = translator(language).gettext
    parts = [f'<p class="mlq-note-kind">{_ICON[a.kind]} · {esc(_(KIND_LABEL[a.kind]))}'
             + (f": {esc(a.technique.replace('-', ' '))}" if a.technique else "") + "</p>"]
    if a.kind == "contradiction":
        parts.append("<ul>" + "".join(f"<li>“{esc(q)}”</li>" for q in a.quotes) + "</ul>")
    parts.append(markdown_html(a.note))
    if a.cues:
        parts.append("<p>" + esc(_("Cue words: {cues}")).format(cues=", ".join(f"<em>{esc(c)}</em>" for c in a.cues))
                     + "</p>")
    if a.kind == "claim":
        link = '<a href="check-claims.html">' + esc(_("“Check the claims”")) + "</a>"
        parts.append('<p class="mlq-note-more">' + esc(_("Check this claim yourself in the exercise {link}."))
                     .format(link=link) + "</p>")
    elif a.sources:
        parts.append("<ul class=\"mlq-sources\">" + "".join(
            f'<li><a href="{esc(s.url)}" rel="noopener noreferrer" target="_blank">{esc(s.title)}</a>, '
            f'{esc(s.publisher)}, {esc(s.date)}</li>' for s in a.sources) + "</ul>")
    if instructor and a.instructor_note:
        parts.append('<div class="mlq-instructor-only">' + markdown_html(a.instructor_note) + "</div>")
    return "".join(parts)


def article_html(article: Article, instructor: bool = False) -> str:
    text = article.text or ArticleText.from_markdown(article.body)
    ranges = sorted(((s.start, s.end, a) for a in article.annotations for s in a.spans),
                    key=lambda r: (r[0], r[1], r[2].id))
    for tok in text.tokens:
        if tok.type in ("heading_open", "heading_close"):
            tok.tag = f"h{min(int(tok.meta.setdefault('mlq_level', tok.tag)[1]) + 1, 6)}"  # one level down, once
    tr = translator(article.language)
    _ = tr.gettext
    body = _RENDERER.render(text.tokens, {"xhtmlOut": True, "breaks": False, "langPrefix": "language-",
                                          "highlight": None}, {"marks": _Marks(text, ranges, with_notes=True, tr=tr)})
    close, legend = _("Close"), _("Highlight in the text")
    counts = {k: sum(1 for a in article.annotations if a.kind == k) for k, _, _ in LAYERS}
    toggles = "".join(
        f'<label class="mlq-layer-toggle k-{k}"><input type="checkbox" data-layer="{k}"'
        f'{" disabled" if not counts[k] else ""}> <span class="mlq-swatch k-{k}" aria-hidden="true">'
        f'{_ICON[k]}</span> {esc(_(label))} ({counts[k]})<span class="mlq-layer-help"> {esc(_(help_))}</span></label>'
        for k, label, help_ in LAYERS)
    notes = "".join(
        f'<div id="note-{esc(a.id)}" popover class="mlq-note k-{a.kind}" role="note">'
        f'{note_body(a, instructor, article.language)}<button type="button" class="mlq-note-close" '
        f'popovertarget="note-{esc(a.id)}" popovertargetaction="hide">{esc(close)}</button></div>'
        for a in sorted(article.annotations, key=lambda a: a.id))
    lang = esc(article.language)
    return (f'<div class="mlq-article-page">'
            f'<fieldset class="mlq-layers"><legend>{esc(legend)}</legend>{toggles}</fieldset>'
            f'<article class="mlq-article" lang="{lang}">\n{body}</article>'
            f'<div class="mlq-notes">{notes}</div></div>')
