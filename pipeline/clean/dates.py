"""Publication dates: from metadata, labelled dates, datelines, and yearless dates dated by their weekday."""

import datetime
import re

from pipeline.clean.lines import Line
from pipeline.clean.words import EN

# Full dates, and dates without a year, in the order they are tried (see the language pack's date_patterns).
FULL_DATES = [EN.pattern(name) for name in ("iso_date", "month_day_year", "day_month_year", "numeric_date")]
YEARLESS_DATES = [EN.pattern(name) for name in ("weekday_month_day", "weekday_day_month")]
EARLIEST_INFERRED_YEAR = 1990
# A full date this close to the start of the first paragraph is its dateline; later ones date events.
DATELINE_CHARS = 80


def date_from_match(match: re.Match, year: int | None = None) -> datetime.date | None:
    groups = match.groupdict()
    month = int(groups["month_number"]) if groups.get("month_number") else EN.months[groups["month"].lower().rstrip(".")]
    try:
        return datetime.date(year or int(groups["year"]), month, int(groups["day"]))
    except ValueError:
        return None


def find_full_date(text: str) -> datetime.date | None:
    """The first day-month-year date written in `text` (ISO, "January 13 2022", "13 January 2022", "13.01.2022")."""
    found = [(m.start(), date_from_match(m)) for pattern in FULL_DATES for m in pattern.finditer(text)]
    found = sorted((position, date) for position, date in found if date)
    return found[0][1] if found else None


def infer_yearless_date(text: str, current_year: int, mentioned_years: list[int]) -> datetime.date | None:
    """A "Wednesday January 12" date, dated to the latest year in which that day falls on that weekday: within a
    year after the latest year the article mentions, or, when it mentions none, not after `current_year`."""
    latest = max(mentioned_years) + 1 if mentioned_years else current_year
    earliest = max(mentioned_years) if mentioned_years else EARLIEST_INFERRED_YEAR
    for pattern in YEARLESS_DATES:
        for match in pattern.finditer(text):
            weekday = EN.weekdays[match.group("weekday").lower()]
            for year in range(latest, earliest - 1, -1):
                date = date_from_match(match, year)
                if date and date.weekday() == weekday:
                    return date
    return None


def labelled_date(text: str) -> tuple[datetime.date, int] | None:
    """(date, length of the label and date) when `text` opens with a date label and a date, e.g. "Posted on ..."."""
    label = EN.pattern("date_label").match(text)
    if not label:
        return None
    rest = text[label.end():]
    for pattern in FULL_DATES:
        match = pattern.match(rest)
        if match and date_from_match(match):
            time = EN.pattern("time_of_day").match(rest[match.end():])
            return date_from_match(match), label.end() + match.end() + (time.end() if time else 0)
    return None


def published_date(removed: list[Line], body: list[Line], meta_published: str | None) -> datetime.date | None:
    """Publication date: record metadata, then a labelled date ("Posted on ...") in removed furniture, then a
    dateline opening the body, then a yearless "Wednesday January 12" in the first two paragraphs with the year
    recovered from the weekday."""
    dated = [find_full_date(meta_published or "")]
    dated += [found[0] for line in removed if (found := labelled_date(line.text))]
    dated += [find_full_date(body[0].text[:DATELINE_CHARS])] if body else []
    known = [date for date in dated if date]
    if known:
        return known[0]
    mentioned = [int(year) for year in re.findall(r"\b(?:19|20)\d\d\b", " ".join(line.text for line in body))]
    opening = " ".join(line.text for line in body[:2])
    return infer_yearless_date(opening, datetime.date.today().year, mentioned)
