"""The report's HTML: one self-contained page (its style inline, its charts inline SVG; nothing fetched from
anywhere), with a table of contents over its sections."""

from dataclasses import dataclass, field
from html import escape

STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; max-width: 60rem;
       padding: 1rem 1.5rem 3rem; color: #1d2433; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { border-bottom: 2px solid #dfe4ec; padding-bottom: 0.2rem; margin-top: 2.2rem; }
h3 { margin-bottom: 0.3rem; }
nav ol { columns: 2; padding-left: 1.2rem; }
table { border-collapse: collapse; margin: 0.6rem 0 1rem; font-size: 0.9rem; }
th, td { border: 1px solid #dfe4ec; padding: 0.25rem 0.6rem; text-align: left; vertical-align: top; }
th { background: #f3f5f9; }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
figure.chart { margin: 0.8rem 0; }
figure.chart svg { max-width: 100%; height: auto; }
figcaption { font-size: 0.85rem; color: #4a5468; }
.meta { color: #4a5468; }
.ok { color: #2f7d46; font-weight: 600; }
.failed { color: #b3261e; font-weight: 600; }
code { background: #f3f5f9; padding: 0 0.2rem; border-radius: 3px; }
"""


@dataclass
class Section:
    """One section of the report: a title and its HTML parts (paragraphs, tables, charts)."""

    title: str
    parts: list = field(default_factory=list)

    @property
    def anchor(self):
        return "".join(c if c.isalnum() else "-" for c in self.title.lower())


def paragraph(text):
    return f"<p>{escape(text)}</p>"


def status(ok, text):
    return f'<p class="{"ok" if ok else "failed"}">{escape(text)}</p>'


def table(columns, rows):
    """An HTML table; numbers align right. columns None: no heading row (a table of facts)."""
    head = "<thead><tr>" + "".join(f"<th>{escape(str(c))}</th>" for c in columns) + "</tr></thead>" if columns else ""
    body = "".join("<tr>" + "".join(
        f'<td class="number">{value:,}</td>' if isinstance(value, (int, float)) and not isinstance(value, bool)
        else f"<td>{escape('' if value is None else str(value))}</td>" for value in row) + "</tr>" for row in rows)
    return f"<table>{head}<tbody>{body}</tbody></table>"


def chart(svg, caption):
    """A chart (inline SVG from `charts`) with its caption, labelled for screen readers."""
    return f'<figure class="chart" role="img" aria-label="{escape(caption)}">{svg}' \
           f"<figcaption>{escape(caption)}</figcaption></figure>"


def page(title, subtitle, sections):
    """The whole page."""
    contents = "".join(f'<li><a href="#{s.anchor}">{escape(s.title)}</a></li>' for s in sections)
    body = "".join(f'<section id="{s.anchor}"><h2>{escape(s.title)}</h2>{"".join(s.parts)}</section>'
                   for s in sections)
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title><style>{STYLE}</style></head>"
            f'<body><h1>{escape(title)}</h1><p class="meta">{escape(subtitle)}</p>'
            f"<nav><ol>{contents}</ol></nav>{body}</body></html>\n")
