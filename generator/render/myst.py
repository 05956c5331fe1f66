"""Helpers to write MyST Markdown pages whose variable text is always escaped."""

from __future__ import annotations

from ..markup import md_escape

__all__ = ["md_escape", "page", "raw_html"]


def raw_html(html: str) -> str:
    """A block of HTML produced by our own renderers, passed through as is."""
    fence = "````"
    while fence in html:
        fence += "`"
    return f"{fence}{{raw}} html\n{html}\n{fence}\n"


def page(title: str, *blocks: str, front: dict[str, str] | None = None) -> str:
    head = ""
    if front:
        head = "---\n" + "".join(f"{k}: {v}\n" for k, v in front.items()) + "---\n"
    return head + f"# {md_escape(title)}\n\n" + "\n".join(b.rstrip("\n") + "\n" for b in blocks if b)
