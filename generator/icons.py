"""The theme's Font Awesome icons, at the weight of the icons the book uses.

The theme (pydata-sphinx-theme, under sphinx-book-theme) ships Font Awesome twice: `scripts/fontawesome.js`
(1.5 MB, 0.5 MB gzipped), which turns every `<i class="fa-...">` into an inline SVG, and the same icons as CSS rules
plus webfonts (`fa-solid-900.woff2`, 156 KB), already in its style sheet. Without the script the icons are drawn by
the CSS and the font, as the theme draws its own decorations (admonition and link icons). This module, run after
each build on the site written:

- drops the script (the tidy step of sphinx_ext removes its `<script>` tag from every page);
- keeps, in the theme's style sheet, only the icon rules (`.fa-bars:before{content:"\\f0c9"}`, about 1,900 of them)
  of the icons that a page of the site names in a class;
- subsets the webfonts to the glyphs the remaining style sheets use (fontTools), a few kilobytes.

The style sheet and the fonts are always made from the theme's own files, so a rebuild that writes a few pages
still sees every page's icons, and the output is the same for the same pages.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from pathlib import Path

THEME_CSS = "styles/pydata-sphinx-theme.css"
FONTS = "vendor/fontawesome/webfonts"
SCRIPT = "scripts/fontawesome.js"
# one icon rule: `.fa-bars:before,.fa-navicon:before{content:"\f0c9"}`
_RULE = re.compile(r'((?:\.fa-[a-z0-9-]+:(?:before|after),?)+)\{content:"((?:\\[0-9a-f]+|[^"\\])*)"\}')
_NAME = re.compile(r"\.fa-([a-z0-9-]+):")
_CLASS = re.compile(r'class="([^"]*)"')
_ICON_CLASS = re.compile(r"(?<![\w-])fa-([a-z0-9-]+)")
_ESCAPE = re.compile(r"\\([0-9a-fA-F]{4,6})")
PRIVATE = range(0xE000, 0xF900)  # Font Awesome's glyphs sit in the private use area


def used_icons(pages: Iterable[str]) -> set[str]:
    """The names X of every `fa-X` class in the pages' class attributes (styles and sizes included: harmless)."""
    out: set[str] = set()
    for html in pages:
        for classes in _CLASS.findall(html):
            out.update(_ICON_CLASS.findall(classes))
    return out


def prune_css(css: str, icons: set[str]) -> str:
    """The style sheet with only the icon rules of the given icon names."""
    def keep(m: re.Match[str]) -> str:
        return m.group(0) if set(_NAME.findall(m.group(1))) & icons else ""

    return _RULE.sub(keep, css)


def codepoints(css: str) -> set[int]:
    """Every private-use character a style sheet puts on screen, written out or as a CSS escape."""
    out = {ord(c) for c in css if ord(c) in PRIVATE}
    out.update(int(h, 16) for h in _ESCAPE.findall(css) if int(h, 16) in PRIVATE)
    return out


def subset_font(data: bytes, keep: set[int], flavor: str | None) -> bytes:
    """The font with only the glyphs of keep (and .notdef), in the same format (woff2, or a plain TrueType font)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(data), recalcTimestamp=False)  # keep the theme font's date: same bytes every build
    options = subset.Options()
    options.flavor = flavor
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(keep))
    subsetter.subset(font)
    out = io.BytesIO()
    font.flavor = flavor
    font.save(out, reorderTables=True)
    return out.getvalue()


def theme_static(theme_dirs: Iterable[str | Path]) -> Path | None:
    """The theme's static folder that holds its style sheet (the pydata theme, below the book theme)."""
    for d in theme_dirs:
        static = Path(d) / "static"
        if (static / THEME_CSS).is_file():
            return static
    return None


def lighten(outdir: Path, theme_dirs: Iterable[str | Path]) -> None:
    """Prune the theme's icon rules and subset its fonts in the built site at outdir (see the module's text)."""
    source = theme_static(theme_dirs)
    static = outdir / "_static"
    if source is None or not (static / THEME_CSS).is_file():
        return  # another theme: nothing of this one to lighten
    pages = (p.read_text("utf-8", errors="replace") for p in sorted(outdir.rglob("*.html")))
    css = prune_css((source / THEME_CSS).read_text("utf-8"), used_icons(pages))
    _write(static / THEME_CSS, css.encode("utf-8"))
    keep: set[int] = set()
    for sheet in sorted(static.rglob("*.css")):
        keep |= codepoints(sheet.read_text("utf-8", errors="replace"))
    for font in sorted((source / FONTS).glob("*")):
        flavor = {".woff2": "woff2", ".ttf": None}.get(font.suffix)
        if font.suffix in (".woff2", ".ttf"):
            _write(static / FONTS / font.name, subset_font(font.read_bytes(), keep, flavor))
    for name in (SCRIPT, f"{SCRIPT}.map", f"{SCRIPT}.LICENSE.txt"):
        (static / name).unlink(missing_ok=True)


def _write(path: Path, data: bytes) -> None:
    if not path.is_file() or path.read_bytes() != data:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
