"""Server-side SVG for the three views: no script, nothing fetched, every text escaped.

Colours and shapes are SVG presentation attributes (``fill=``), not ``style=``, so the strict
Content-Security-Policy (no inline styles) does not blank them. Each mark carries a ``<title>``
(the browser's tooltip) and links to the page of the fact it stands for.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

from markupsafe import Markup, escape

from .views import DesignationCount, LaunchPoint, VoteCell, href

POSITION_COLOURS = {"InFavour": "#2e7d32", "Against": "#c62828", "Abstention": "#9e9e9e"}
FONT = 'font-family="sans-serif" font-size="12"'


def _svg(width: int, height: int, body: list[str], label: str) -> Markup:
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)}" {FONT}>')
    return Markup(head + "".join(body) + "</svg>")


def _text(x: float, y: float, text: str, anchor: str = "start", extra: str = "") -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" {extra}>{escape(text)}</text>'


def _link(iri: str, inner: str) -> str:
    target = href(iri)
    return f'<a href="{escape(target)}">{inner}</a>' if target else inner


def vote_matrix_svg(cells: Sequence[VoteCell]) -> Markup:
    """Rows: voters; columns: resolutions R1, R2 ... in date order; colour by position, V for a veto."""
    resolutions = list(dict.fromkeys(c.resolution for c in cells))
    voters = sorted({(c.iso3 or c.voter_label, c.voter, c.voter_label) for c in cells})
    left, top, cw, ch = 170, 40, 56, 26
    legend_y = top + ch * max(1, len(voters)) + 24
    width = max(left + cw * max(1, len(resolutions)) + 20, 820)
    height = legend_y + 36 + 20 * len(resolutions)
    body = [_text(left + cw * i + cw / 2, top - 10, f"R{i + 1}", "middle", 'font-weight="bold"')
            for i in range(len(resolutions))]
    for j, (_key, voter, label) in enumerate(voters):
        body.append(_link(voter, _text(left - 8, top + ch * j + ch / 2 + 4, label, "end")))
    for cell in cells:
        i, j = resolutions.index(cell.resolution), [v[1] for v in voters].index(cell.voter)
        x, y = left + cw * i + 2, top + ch * j + 2
        tip = f"{cell.voter_label}: {cell.position}{' (veto)' if cell.veto else ''} on {cell.resolution_label}"
        stroke = ' stroke="#000" stroke-width="3"' if cell.veto else ""
        mark = (f'<rect x="{x}" y="{y}" width="{cw - 4}" height="{ch - 4}" rx="3" '
                f'fill="{POSITION_COLOURS.get(cell.position, "#607d8b")}"{stroke}><title>{escape(tip)}</title></rect>')
        if cell.veto:
            mark += _text(x + (cw - 4) / 2, y + ch / 2 + 2, "VETO", "middle", 'fill="#fff" font-weight="bold"')
        body.append(_link(cell.resolution, f'<g class="vote">{mark}</g>'))
    body.extend(_legend(legend_y, 20))
    labels = {c.resolution: (c.resolution_label, c.vote_date) for c in cells}
    for i, resolution in enumerate(resolutions):
        label, when = labels[resolution]
        line = f"R{i + 1}: {label}" + (f" ({when})" if when and when not in label else "")
        body.append(_link(resolution, _text(20, legend_y + 44 + 20 * i, line)))
    return _svg(width, height, body, "vote matrix")


def _legend(y: float, x: float) -> list[str]:
    parts = []
    for name, colour in POSITION_COLOURS.items():
        parts.append(f'<rect x="{x}" y="{y}" width="14" height="14" fill="{colour}"/>')
        parts.append(_text(x + 20, y + 12, name))
        x += 110
    parts.append(f'<rect x="{x}" y="{y}" width="14" height="14" fill="#c62828" stroke="#000" stroke-width="3"/>')
    parts.append(_text(x + 20, y + 12, "veto (a permanent member against, not adopted)"))
    return parts


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def timeline_svg(points: Sequence[LaunchPoint]) -> Markup:
    """x: date; rows: missile type; circle area by count; hollow when only the report date is known."""
    dated = [(p, d) for p in points if (d := _day(p.date)) is not None]
    kinds = sorted({p.missile_type for p, _ in dated})
    left, top, row, plot_w = 150, 30, 44, 640
    width, height = left + plot_w + 40, top + row * max(1, len(kinds)) + 60
    if not dated:
        return _svg(width, 80, [_text(20, 40, "No dated launches in the graph.")], "launch timeline")
    first, last = min(d for _, d in dated), max(d for _, d in dated)
    span = max(1, (last - first).days)

    def x_of(day: date) -> float:
        return left + 20 + (plot_w - 40) * (day - first).days / span

    body = []
    for j, kind in enumerate(kinds):
        y = top + row * j + row / 2
        body.append(f'<line x1="{left}" y1="{y}" x2="{left + plot_w}" y2="{y}" stroke="#ddd"/>')
        body.append(_text(left - 8, y + 4, kind, "end"))
    axis_y = top + row * len(kinds) + 10
    body.append(f'<line x1="{left}" y1="{axis_y}" x2="{left + plot_w}" y2="{axis_y}" stroke="#444"/>')
    for k in range(5 if span > 1 else 1):
        day = date.fromordinal(first.toordinal() + round(span * k / 4)) if span > 1 else first
        body.append(_text(x_of(day), axis_y + 18, day.isoformat(), "middle"))
    for point, day in dated:
        y = top + row * kinds.index(point.missile_type) + row / 2
        count = int(point.count) if point.count.isdigit() else 1
        radius = 6 + 4 * math.sqrt(count)
        hollow = 'fill="none" stroke="#1565c0" stroke-width="2"'
        fill = hollow if point.date_is_report else 'fill="#1565c0" fill-opacity="0.7"'
        tip = (f"{point.actor} {point.date}{' (date of report)' if point.date_is_report else ''}: "
               f"{point.count or '?'} × {point.missile_type}{' from ' + point.site if point.site else ''}")
        mark = (f'<circle cx="{x_of(day):.1f}" cy="{y:.1f}" r="{radius:.1f}" {fill}>'
                f'<title>{escape(tip)}</title></circle>')
        label = _text(x_of(day), y + 4, point.count, "middle", 'fill="#fff" font-size="11"') if point.count else ""
        body.append(_link(point.launch, f'<g class="launch">{mark}{label}</g>'))
    return _svg(width, height, body, "launch timeline")


def designations_svg(counts: Sequence[DesignationCount]) -> Markup:
    """Rows: authority; columns: month; circle area and number: designations that month."""
    authorities = sorted({c.authority for c in counts})
    months = sorted({c.month for c in counts})
    left, top, cw, ch = 120, 40, 72, 40
    width, height = left + cw * max(1, len(months)) + 20, top + ch * max(1, len(authorities)) + 20
    body = [_text(left + cw * i + cw / 2, top - 12, m, "middle") for i, m in enumerate(months)]
    body += [_text(left - 8, top + ch * j + ch / 2 + 4, a, "end") for j, a in enumerate(authorities)]
    totals: dict[tuple[str, str], list[DesignationCount]] = {}
    for c in counts:
        totals.setdefault((c.authority, c.month), []).append(c)
    for (authority, month), group in totals.items():
        n = sum(c.count for c in group)
        x, y = left + cw * months.index(month) + cw / 2, top + ch * authorities.index(authority) + ch / 2
        tip = f"{authority}, {month}: " + ", ".join(f"{c.count} {c.status}" for c in group)
        body.append(f'<g class="designations"><circle cx="{x}" cy="{y}" r="{6 + 4 * math.sqrt(n):.1f}" '
                    f'fill="#6a1b9a" fill-opacity="0.75"><title>{escape(tip)}</title></circle>'
                    + _text(x, y + 4, str(n), "middle", 'fill="#fff" font-weight="bold"') + "</g>")
    return _svg(width, height, body, "designations by authority over time")
