"""The timeline figure: a vertical, proportional SVG drawn at build time (no plotting library, byte-stable)."""

from __future__ import annotations

import datetime as dt
import textwrap

from ..i18n import long_date, short_date, translator
from ..markup import esc
from ..model import TimelineEvent

WIDTH = 720
AXIS_X = 120
MIN_GAP = 44
LINE_H = 17


def _desc(items: list[TimelineEvent], language: str) -> str:
    first, last = items[0].date, items[-1].date
    if language != "en":  # the English figure keeps its ISO dates
        first, last = long_date(first, language), long_date(last, language)
    return translator(language).ngettext(
        "{n} event from {first} to {last}; the same events are listed as text below the figure.",
        "{n} events from {first} to {last}; the same events are listed as text below the figure.",
        len(items)).format(n=len(items), first=first, last=last)


def timeline_svg(events: tuple[TimelineEvent, ...], title: str, language: str = "en") -> str:
    items = sorted(events, key=lambda e: (e.date, e.event))
    if not items:
        return ""
    dates = [dt.date.fromisoformat(e.date) for e in items]
    span = max((dates[-1] - dates[0]).days, 1)
    scale = max(MIN_GAP * len(items), 480) / span
    rows = []
    y_prev = -1e9
    for e, d in zip(items, dates):
        lines = textwrap.wrap(e.event, 60) or [""]  # about 7 px a character: the text ends inside the 720 px
        y = max(40 + (d - dates[0]).days * scale, y_prev + MIN_GAP)
        rows.append((y, e, d, lines))
        y_prev = y + (len(lines) - 1) * LINE_H
    height = int(y_prev + 50)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" role="img" '
           f'aria-labelledby="tl-title tl-desc" class="mlq-timeline" fill="currentColor" '
           f'font-family="system-ui, sans-serif" font-size="14">',
           f'<title id="tl-title">{esc(title)}</title>',
           f'<desc id="tl-desc">{esc(_desc(items, language))}</desc>',
           f'<line x1="{AXIS_X}" y1="20" x2="{AXIS_X}" y2="{height - 20}" stroke="currentColor" stroke-width="2"/>']
    years = range(dates[0].year, dates[-1].year + 2)
    for year in years:
        d = dt.date(year, 1, 1)
        if d < dates[0] or d > dates[-1]:
            continue
        y = 40 + (d - dates[0]).days * scale
        out.append(f'<line x1="{AXIS_X - 6}" y1="{y:.1f}" x2="{AXIS_X}" y2="{y:.1f}" stroke="currentColor" '
                   f'opacity="0.4"/><text x="{AXIS_X - 10}" y="{y + 4:.1f}" text-anchor="end" opacity="0.6" '
                   f'font-size="12">{year}</text>')
    for y, _event, d, lines in rows:
        out.append(f'<circle cx="{AXIS_X}" cy="{y:.1f}" r="6" fill="currentColor"/>')
        out.append(f'<text x="{AXIS_X + 16}" y="{y + 5:.1f}" font-weight="bold">{esc(short_date(d, language))}'
                   '</text>')
        for i, line in enumerate(lines):
            out.append(f'<text x="{AXIS_X + 130}" y="{y + 5 + i * LINE_H:.1f}">{esc(line)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"
