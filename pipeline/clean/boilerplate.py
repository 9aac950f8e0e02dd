"""Page furniture: how a text's lines split into header, body and footer, what the header says (title, outlet,
credits), and why a line is not article text."""

from dataclasses import dataclass
import datetime
import re

from pipeline.clean.dates import labelled_date
from pipeline.clean.lines import Line, MIN_PARAGRAPH_WORDS, SENTENCE_END, is_paragraph, normalise_for_compare
from pipeline.clean.words import EN

MAX_FOOTER_STUB_WORDS = 3
# A line repeating part of the headline has at least this many words (two-word crossheads may share words);
# headlines are preferred at this length too.
MIN_TITLE_REPEAT_WORDS = 3


def agencies_in(text: str) -> list[str]:
    return [EN.news_agencies[name.lower()] for name in EN.pattern("agency_name").findall(text)]


def credits_from_line(text: str) -> list[str]:
    """Agencies credited by a boilerplate line (credit line or photo credit)."""
    if EN.pattern("credit_line").match(text):
        return agencies_in(text)
    return [EN.news_agencies[m.lower()] for m in EN.pattern("photo_credit_agency").findall(text)]


def boilerplate_kind(line: Line, title: str | None) -> str | None:
    """Why a line is page furniture rather than article text, or None for article text."""
    text = line.text
    if not re.search(r"[^\W\d_]", text):
        return "artifact"
    if title and line.words >= MIN_TITLE_REPEAT_WORDS and not is_paragraph(line) \
            and normalise_for_compare(text) in normalise_for_compare(title):
        return "title_repeat"
    if labelled_date(text) and labelled_date(text)[1] >= len(text) - 1:
        return "date_line"
    if EN.pattern("credit_line").match(text):
        return "agency_credit"
    if EN.pattern("source_tag").match(text):
        return "scraper_artifact"
    if EN.pattern("legal_label").match(text):
        return "site_disclaimer"
    if EN.pattern("related_link").match(text) and not SENTENCE_END.search(text.rstrip("”\"’")) or re.match(r"^[→►▶➤]", text):
        return "related_link"
    if EN.pattern("caption").search(text) and line.words <= 60:
        return "photo_caption"
    if EN.pattern("chrome_phrase").search(text) and line.words <= 20 and not SENTENCE_END.search(text):
        return "site_chrome"
    if EN.pattern("byline").match(text) and line.words <= 8:
        return "byline"
    return None


def is_teaser_headline(line: Line) -> bool:
    """A "Topic: headline" line standing alone inside the body: a link to another article, not a crosshead."""
    head, _, tail = line.text.partition(": ")
    return bool(tail) and len(head.split()) <= 4 and line.words <= 16 and not SENTENCE_END.search(line.text)


def choose_title(header: list[Line]) -> Line | None:
    """The headline among the header lines: the first headline-shaped line, or a later one that contains it
    (a kicker printed before the full headline). Two-word lines qualify only when nothing longer does and they
    are printed once (site names are short and repeated)."""
    shaped = [line for line in header
              if line.words >= 2 and not boilerplate_kind(line, None) and not labelled_date(line.text)]
    texts = [line.text for line in header]
    candidates = [line for line in shaped if line.words >= MIN_TITLE_REPEAT_WORDS] or [
        line for line in shaped if texts.count(line.text) == 1]
    if not candidates:
        return None
    first = candidates[0]
    containing = [line for line in candidates[1:]
                  if normalise_for_compare(first.text) in normalise_for_compare(line.text) and line.words > first.words]
    return containing[0] if containing else first


def site_name(header: list[Line], title: Line | None) -> str | None:
    """The outlet named in the masthead (header lines above the headline): a short capitalised line that is not
    furniture, preferring the one printed most often (site names repeat across banner, logo and menu)."""
    masthead = header[: header.index(title)] if title else []
    names = [
        line.text for line in masthead
        if line.words <= 4 and not re.search(r"[.!?:;,]$", line.text)
        and not boilerplate_kind(line, title.text if title else None)
        and line.text.lower() not in EN.blog_platforms and line.text[:1].isupper()
    ]
    return max(names, key=names.count) if names else None


@dataclass
class Layout:
    """How the lines of a text split into header, body and footer, and what the header says."""

    body: list[Line]
    removed: list[Line]
    title: Line | None
    outlet: str | None


def body_start(lines: list[Line]) -> tuple[int, Line | None]:
    """(index of the first body line, headline line or None). The body opens with the first paragraph, or
    earlier with a long line below the headline that is not furniture (a standfirst missing its full stop)."""
    first = next((i for i, line in enumerate(lines) if is_paragraph(line)), len(lines))
    title = choose_title(lines[:first])
    if title is None:
        return (first if first < len(lines) else 0), None
    below_title = lines.index(title) + 1
    standfirst = next((i for i in range(below_title, first) if lines[i].words >= MIN_PARAGRAPH_WORDS
                       and not boilerplate_kind(lines[i], title.text)), first)
    return standfirst, title


def is_footer_stub(line: Line) -> bool:
    """A tiny unpunctuated line after the last paragraph ("Share", "Related topics"): page furniture."""
    return line.words <= MAX_FOOTER_STUB_WORDS and not SENTENCE_END.search(line.text)


def split_layout(lines: list[Line]) -> Layout:
    first, title = body_start(lines)
    last = max((i for i, line in enumerate(lines) if is_paragraph(line)), default=len(lines) - 1)
    title_text = title.text if title else None
    body, removed = [], [line for line in lines[:first] if line is not title]
    for position, line in enumerate(lines[first:], start=first):
        if (boilerplate_kind(line, title_text) or (position > last and is_footer_stub(line))
                or (position > first and is_teaser_headline(line))):
            removed.append(line)
        else:
            body.append(line)
    return Layout(body, removed, title, site_name(lines[:first], title))


def strip_leading_date(line: Line) -> tuple[Line, datetime.date | None]:
    """A body line without a leading "date 2022-01-12" metadata prefix, and that date."""
    found = labelled_date(line.text)
    if not found:
        return line, None
    rest = line.text[found[1]:]
    kept = rest.lstrip(" ,;:-–—|")
    return Line(kept, line.end - len(kept)), found[0]


def strip_trailing_signature(line: Line) -> tuple[Line, list[str]]:
    """A paragraph without the agency name that signs it off, and the agencies named."""
    match = EN.pattern("trailing_signature").search(line.text)
    if not match:
        return line, []
    return Line(line.text[: match.start()], line.start), agencies_in(match.group(1))
