"""Markdown to safe HTML, for bank and annotation text.

Raw HTML in the source is escaped (markdown-it's ``html`` option is off), links to
``javascript:`` and similar schemes are refused by markdown-it's link validator, and
``$...$`` math becomes MathML at build time, so pages need no math library.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from latex2mathml.converter import convert as latex_to_mathml
from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin

_FRAC = re.compile(r"\\frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}")


def spoken(tex: str) -> str:
    """A plain reading of TeX for an accessible name: fractions as "a over b", powers and indices in words, other
    commands as their names (\\times: times), groups as spaces."""
    while _FRAC.search(tex):
        tex = _FRAC.sub(r" \1 over \2 ", tex)
    tex = tex.replace("^", " to the power ").replace("_", " sub ")
    return " ".join(re.sub(r"[{}\\]", " ", tex).split())


def render_math(content: str, display: bool) -> str:
    """MathML, with the TeX as its text alternative (``alttext``) and a plain reading of it as its accessible name,
    so that an option or label made of math alone still has a name."""
    try:
        out = latex_to_mathml(content, display="block" if display else "inline")
    except Exception:  # noqa: BLE001 - any bad TeX is shown as code, never breaks a page
        return f'<code class="mlq-math-error">{html.escape(content)}</code>'
    names = f' alttext="{html.escape(content, quote=True)}" aria-label="{html.escape(spoken(content), quote=True)}"'
    return out.replace("<math ", "<math" + names + " ", 1)


def _make() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": False})
    md.use(dollarmath_plugin, allow_space=False, double_inline=True,
           renderer=lambda content, opts: render_math(content, bool(opts.get("display_mode"))))
    md.enable("table")
    md.enable("strikethrough")

    def link_open(self, tokens, idx, options, env):  # type: ignore[no-untyped-def]
        tokens[idx].attrSet("rel", "noopener noreferrer")
        href = tokens[idx].attrGet("href") or ""
        if href.startswith(("http://", "https://")):
            tokens[idx].attrSet("target", "_blank")
        return self.renderToken(tokens, idx, options, env)

    md.add_render_rule("link_open", link_open)
    return md


@lru_cache(maxsize=1)
def _md() -> MarkdownIt:
    return _make()


@lru_cache(maxsize=4096)
def markdown_html(text: str) -> str:
    """Block Markdown to HTML (paragraphs kept)."""
    return _md().render(text or "").strip()


@lru_cache(maxsize=4096)
def markdown_inline(text: str) -> str:
    """Inline Markdown to HTML, without the wrapping paragraph."""
    return _md().renderInline(text or "").strip()


_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$&:^=\"'])")


def md_escape(text: str) -> str:
    """Literal text inside (MyST) Markdown: headings, titles, an article's words quoted in a prompt."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def esc(text: str) -> str:
    return html.escape(text or "", quote=True)
