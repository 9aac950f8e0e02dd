"""Charts of the report: matplotlib figures rendered to SVG markup that the page embeds inline.

Text is drawn as paths (matplotlib's default `svg.fonttype`), so a chart needs no font, script or style from
anywhere; each chart salts its element ids with its own name, so two charts on one page never share an id.
No pyplot: each chart is its own Figure, with no global state.
"""

import io
import re

from matplotlib import rcParams
from matplotlib.dates import ConciseDateFormatter
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

WIDTH, HEIGHT = 7.5, 3.2  # inches; 72 px each in the SVG
COLOURS = ["#1f5f8b", "#e07b39", "#3a9d5d", "#b8405e", "#7a5195"]
LABEL_CHARS = 40
DATES_NAMED = 12  # up to this many periods (or sizes in a histogram), each is named on the axis


def _short(label):
    label = str(label)
    return label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS - 1] + "…"


def to_svg(figure, name):
    """The figure as inline SVG markup (no XML declaration or doctype), its ids salted with `name`."""
    buffer = io.StringIO()
    salt = rcParams["svg.hashsalt"]
    rcParams["svg.hashsalt"] = name
    try:
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight")
    finally:
        rcParams["svg.hashsalt"] = salt
    svg = buffer.getvalue()
    return re.sub(r"^.*?(?=<svg)", "", svg, flags=re.S)


def _figure(height=HEIGHT):
    figure = Figure(figsize=(WIDTH, height))
    axes = figure.add_subplot()
    axes.spines[["top", "right"]].set_visible(False)
    return figure, axes


def bars(name, labels, series, horizontal=False, ylabel=""):
    """Grouped bars: labels on one axis, {series name: values} side by side ("statements" beside "sources")."""
    height = max(HEIGHT, 0.32 * len(labels) + 0.8) if horizontal else HEIGHT
    figure, axes = _figure(height)
    width = 0.8 / max(len(series), 1)
    positions = range(len(labels))
    for index, (title, values) in enumerate(series.items()):
        offsets = [p + (index - (len(series) - 1) / 2) * width for p in positions]
        draw = axes.barh if horizontal else axes.bar
        draw(offsets, values, width, label=title, color=COLOURS[index % len(COLOURS)])
    shown = [_short(label) for label in labels]
    if horizontal:
        axes.set_yticks(list(positions), shown)
        axes.invert_yaxis()
        axes.set_xlabel(ylabel)
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    else:
        crowded = len(labels) > 4
        axes.set_xticks(list(positions), shown, rotation=30 if crowded else 0, ha="right" if crowded else "center")
        axes.set_ylabel(ylabel)
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    _legend(axes, series)
    return to_svg(figure, name)


def _legend(axes, series):
    """A legend beside the plot, where it hides no bar or line; none for a single series."""
    if len(series) > 1:
        axes.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))


def over_time(name, days, series, ylabel=""):
    """Counts per day ({series name: values}, one per day), as lines with markers."""
    figure, axes = _figure()
    for index, (title, values) in enumerate(series.items()):
        axes.plot(days, values, marker="o", label=title, color=COLOURS[index % len(COLOURS)])
    axes.set_ylabel(ylabel)
    axes.set_ylim(bottom=0)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    if len(days) <= DATES_NAMED:
        axes.set_xticks(days, [day.isoformat() for day in days])
    else:
        axes.xaxis.set_major_formatter(ConciseDateFormatter(axes.xaxis.get_major_locator()))
    figure.autofmt_xdate()
    _legend(axes, series)
    return to_svg(figure, name)


def histogram(name, sizes, xlabel, ylabel):
    """How many groups have each size: bars at 1, 2, 3, ... (sizes: {size: groups})."""
    figure, axes = _figure()
    ordered = sorted(sizes.items())
    axes.bar([size for size, _ in ordered], [count for _, count in ordered], 0.8, color=COLOURS[0])
    axes.set_xlabel(xlabel)
    axes.set_ylabel(ylabel)
    if len(ordered) <= DATES_NAMED:
        axes.set_xticks([size for size, _ in ordered])
    else:
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_xlim(ordered[0][0] - 0.6, ordered[-1][0] + 0.6)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    return to_svg(figure, name)
