"""Clean article records: body text without boilerplate, conservative machine-translation repairs, metadata.

Text inputs are cleaned line by line (a line is a paragraph, a headline or a piece of page furniture). The
header (lines before the first real paragraph) yields the title, site name and date lines; the footer (lines after
the last real paragraph) and boilerplate lines inside the body (related-article links, photo captions, site chrome,
repeated headlines, credit lines) are dropped. Every clean character keeps the index of the raw character it came
from, so spans found in the clean text map back to the raw file.

HTML inputs are extracted with trafilatura (precision mode) and then pass through the same line rules.
"""

import datetime
import re
from dataclasses import dataclass

import py3langid
import trafilatura
from datasketch import MinHash, MinHashLSH

from pipeline.lang import language_pack

EN = language_pack("en")
# Full dates, and dates without a year, in the order they are tried (see the language pack's date_patterns).
FULL_DATES = [EN.pattern(name) for name in ("iso_date", "month_day_year", "day_month_year", "numeric_date")]
YEARLESS_DATES = [EN.pattern(name) for name in ("weekday_month_day", "weekday_day_month")]
EARLIEST_INFERRED_YEAR = 1990
# A full date this close to the start of the first paragraph is its dateline; later ones date events.
DATELINE_CHARS = 80

SENTENCE_END = re.compile(r"[.!?…\"”’»)]$")
# A full stop (possibly inside closing quotes or brackets): headlines end with "?" or a quote, never with one.
FULL_STOP_END = re.compile(r"[.…][\"”’»)]?$")
# Running text: a long line ending like a sentence, or a shorter one ending with a full stop. Headlines,
# kickers and furniture are shorter or unpunctuated.
MIN_PARAGRAPH_WORDS = 12
MIN_SHORT_PARAGRAPH_WORDS = 5
MAX_FOOTER_STUB_WORDS = 3
# A line repeating part of the headline has at least this many words (two-word crossheads may share words);
# headlines are preferred at this length too.
MIN_TITLE_REPEAT_WORDS = 3

# Lowercase-initial words with an inner capital that are spelled that way on purpose (brands, units,
# molecular biology); a run-together repair must never split them.
# A glued word is split only when its lowercase part is a short English function word or at least
# MIN_GLUED_WORD_LETTERS long: shorter fragments are name particles or technical prefixes ("diCaprio", "phpBB").
MIN_GLUED_WORD_LETTERS = 4
RUN_TOGETHER = re.compile(r"(?<![\w@#/.'’-])([a-z]+)([A-Z][A-Za-z]*)(?![\w@/.-]*\.[a-z])")
# Only lowercase words: capitalised repeats are names and titles ("Duran Duran", "Spend Spend Spend").
DOUBLED_WORD = re.compile(r"(?<![\w'’-])([a-z]+)( +)\1(?![\w'’-])")

# Two single marks or backticks typed for one double mark (``like this'' or ’’like this’’).
DOUBLED_SINGLE_QUOTE = re.compile(r"‘‘|``|’’|''")

# A text that quotes with single marks (‘...’, as many British papers do) and nests double ones gets the two kinds
# swapped, so that quotes are found as in any other text; apostrophes (don’t, the players’ union) stay as they are.
SINGLE_MARKS = ("‘'", "’'")  # (opening, closing)
DOUBLE_MARKS = ('“"„', '”"')
SWAPPED_MARK = {"“": "‘", "„": "‘", "”": "’", '"': "'"}
# Marks around fewer words are scare quotes or names, which say nothing about how the text quotes speech.
MIN_SPEECH_WORDS = 4

HTML_EXTRACTION = {"favor_precision": True, "include_comments": False, "include_tables": False, "with_metadata": True}

SHINGLE_WORDS = 5
MINHASH_PERMUTATIONS = 128
NEAR_DUPLICATE_JACCARD = 0.8


@dataclass(frozen=True)
class Line:
    """One stripped, non-blank line of the input: its text and where it sits in the raw text."""

    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def words(self) -> int:
        return len(self.text.split())


def split_lines(text: str) -> list[Line]:
    """Non-blank lines with surrounding whitespace removed, in order."""
    lines = []
    for match in re.finditer(r"[^\n]+", text):
        stripped = match.group().strip()
        if stripped:
            lines.append(Line(stripped, match.start() + match.group().index(stripped)))
    return lines


def normalise_for_compare(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def is_paragraph(line: Line) -> bool:
    """Whether a line reads as running text (an agency sign-off after the last sentence does not count)."""
    text = EN.pattern("trailing_signature").sub("", line.text)
    return (line.words >= MIN_PARAGRAPH_WORDS and bool(SENTENCE_END.search(text))) or (
        line.words >= MIN_SHORT_PARAGRAPH_WORDS and bool(FULL_STOP_END.search(text)))


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


def run_together_edits(text: str) -> list[tuple[int, int, str]]:
    """Spaces to insert where MT glued a word to the next capitalised word or acronym ("outsetNATO")."""
    return [
        (match.end(1), match.end(1), " ")
        for match in RUN_TOGETHER.finditer(text)
        if (len(match.group(1)) >= MIN_GLUED_WORD_LETTERS or match.group(1) in EN.gluable_function_words)
        and match.group(1) not in EN.camelcase_prefixes
    ]


def doubled_word_edits(text: str) -> list[tuple[int, int, str]]:
    """Deletions of the second of two identical adjacent words ("claimed claimed"), except legitimate repeats."""
    return [
        (match.end(1), match.end(), "")
        for match in DOUBLED_WORD.finditer(text)
        if match.group(1).lower() not in EN.legitimate_repeats
    ]


def doubled_quote_edits(text: str) -> list[tuple[int, int, str]]:
    """Replacements of a pair of single marks typed for a double one by that double mark, so that the quote's own
    marks pair with each other."""
    return [(match.start(), match.end(), "“" if match.group() in ("‘‘", "``") else "”")
            for match in DOUBLED_SINGLE_QUOTE.finditer(text)]


def quoted_pairs(text: str, marks: tuple[str, str]) -> list[tuple[int, int]]:
    """(opening, closing) indices of the quotes made with `marks` (opening and closing characters), paragraph by
    paragraph: an opening mark starts a word; its closing mark is the next one that is not inside a word (don’t) and
    not a plural possessive before a lower-case word (the players’ union)."""
    opening, closing = marks
    pairs = []
    for paragraph in re.finditer(r"[^\n]+", text):
        opened = None
        for i in range(paragraph.start(), paragraph.end()):
            before = text[i - 1] if i > paragraph.start() else " "
            after = text[i + 1] if i + 1 < paragraph.end() else " "
            if opened is None:
                if text[i] in opening and (before.isspace() or before in "([—–-") and after.isalpha():
                    opened = i
                continue
            inside_word = before.isalnum() and after.isalnum()
            possessive = before == "s" and text[i + 1:i + 3].strip()[:1].islower()
            too_short = i - opened <= 2  # rock 'n' roll
            if text[i] in closing and not before.isspace() and not inside_word and not possessive and not too_short:
                pairs.append((opened, i))
                opened = None
    return pairs


def single_quote_edits(text: str) -> list[tuple[int, int, str]]:
    """For a text whose speech is quoted with single marks more often than with double ones, each pair of single
    marks as double marks and each double mark as a single one (same length, so offsets hold)."""
    single = quoted_pairs(text, SINGLE_MARKS)

    def speech(pairs):
        return sum(len(text[o + 1:c].split()) >= MIN_SPEECH_WORDS for o, c in pairs)

    if not single or speech(single) <= speech(quoted_pairs(text, DOUBLE_MARKS)):
        return []
    edits = [(i, i + 1, mark) for o, c in single for i, mark in ((o, "“"), (c, "”"))]
    edits += [(i, i + 1, SWAPPED_MARK[char]) for i, char in enumerate(text) if char in SWAPPED_MARK]
    return sorted(edits)


LINE_REPAIRS = (("run_together", run_together_edits), ("doubled_word", doubled_word_edits),
                ("doubled_quote", doubled_quote_edits))


def apply_edits(text: str, offsets: list[int], edits: list[tuple[int, int, str]]) -> tuple[str, list[int]]:
    """`text` with (start, end, replacement) edits applied; inserted characters map to the next raw character,
    replacing ones to the first character they replace."""
    pieces, mapped, position = [], [], 0
    for start, end, replacement in sorted(edits):
        pieces.append(text[position:start] + replacement)
        source = offsets[start] if end > start else offsets[min(end, len(offsets) - 1)]
        mapped.extend(offsets[position:start] + [source] * len(replacement))
        position = end
    pieces.append(text[position:])
    mapped.extend(offsets[position:])
    return "".join(pieces), mapped


def repair_line(line: Line) -> tuple[str, list[int], dict[str, int]]:
    """A line's text after MT and typing repairs, its raw offsets, and how many repairs of each kind were made."""
    text, offsets = line.text, list(range(line.start, line.end))
    counts = {}
    for name, find_edits in LINE_REPAIRS:
        edits = find_edits(text)
        counts[name] = len(edits)
        text, offsets = apply_edits(text, offsets, edits)
    return text, offsets, counts


def join_body(raw: str, body: list[Line]) -> tuple[str, list[int], dict[str, int]]:
    """Body lines repaired and joined; the layout between adjacent kept lines is copied from the raw text, and a
    paragraph break stands where furniture was removed."""
    pieces, offsets = [], []
    repairs = {name: 0 for name, _ in LINE_REPAIRS}
    previous = None
    for line in body:
        if previous is not None:
            gap = raw[previous.end:line.start]
            if gap.strip():
                pieces.append("\n\n")
                offsets.extend([line.start] * 2)
            else:
                pieces.append(gap)
                offsets.extend(range(previous.end, line.start))
        text, line_offsets, counts = repair_line(line)
        pieces.append(text)
        offsets.extend(line_offsets)
        repairs = {name: repairs[name] + counts[name] for name in repairs}
        previous = line
    return "".join(pieces), offsets, repairs


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


def detect_language(text: str) -> str:
    return py3langid.classify(text)[0] if text.strip() else "und"


def unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def clean_text(raw: str, meta: dict) -> dict:
    """Clean a plain-text article (see `clean_article`), with an offset map into `raw`."""
    layout = split_layout(split_lines(raw))
    removed, body = list(layout.removed), list(layout.body)
    credits = [agency for line in removed for agency in credits_from_line(line.text)]
    if body:
        first, date_prefix = strip_leading_date(body[0])
        if date_prefix:
            removed.append(Line(body[0].text[: len(body[0].text) - len(first.text)], body[0].start))
        dateline = EN.pattern("agency_dateline").match(first.text)
        credits.extend(agencies_in(dateline.group(1)) if dateline else [])
        body[0] = first
        signed, signed_by = strip_trailing_signature(body[-1])
        credits.extend(signed_by)
        if signed_by:
            removed.append(Line(body[-1].text[len(signed.text):], signed.end))
        body[-1] = signed
    text, offsets, repairs = join_body(raw, body)
    quote_edits = single_quote_edits(text)
    text, offsets = apply_edits(text, offsets, quote_edits)
    repairs["single_quotes"] = sum(replacement == "“" for _, _, replacement in quote_edits)
    return {
        "text": text,
        "offset_map": offsets,
        "title": meta.get("title") or (layout.title.text if layout.title else None),
        "published_at": published_date(removed, body, meta.get("published")),
        "outlet": meta.get("outlet") or layout.outlet,
        "credits": unique(credits),
        "language": detect_language(text),
        "repairs": repairs,
        "boilerplate_chars": sum(len(line.text.strip()) for line in removed),
    }


def clean_html(html: str, meta: dict) -> dict:
    """Clean an HTML page: trafilatura extraction, then the text rules; no offset map (markup is not text)."""
    page = trafilatura.bare_extraction(html, url=meta.get("url"), **HTML_EXTRACTION)
    extracted = (page.text if page else "") or ""
    page_meta = {
        "title": meta.get("title") or (page.title if page else None),
        "published": meta.get("published") or (page.date if page else None),
        "outlet": meta.get("outlet") or (page.sitename if page else None),
    }
    # The headline is metadata; a copy opening the extracted text is not body.
    title = page_meta["title"]
    body_text = extracted if not title else "\n".join(
        line for line in extracted.split("\n")
        if normalise_for_compare(line) != normalise_for_compare(title)
    )
    return clean_text(body_text, page_meta) | {"offset_map": None}


def clean_article(record: dict) -> dict:
    """{"text", "offset_map" (raw index of each clean char, None for HTML), "title", "published_at" (date or
    None), "outlet", "credits" (agencies), "language" (ISO 639-1), "repairs" ({kind: count}),
    "boilerplate_chars"} for one record from `pipeline.ingest.read_input`."""
    meta = record.get("meta") or {}
    if record.get("html"):
        return clean_html(record["html"], meta)
    return clean_text(record["raw_text"], meta)


def shingles(text: str) -> set[str]:
    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[i:i + SHINGLE_WORDS]) for i in range(max(1, len(words) - SHINGLE_WORDS + 1))}


def find_near_duplicates(articles: list[dict]) -> dict[int, int]:
    """{index: index of the earliest earlier article whose text is a near duplicate} (MinHash LSH over word
    5-shingles, estimated Jaccard >= 0.8). Articles without text are never duplicates."""
    index = MinHashLSH(threshold=NEAR_DUPLICATE_JACCARD, num_perm=MINHASH_PERMUTATIONS)
    duplicates = {}
    for position, article in enumerate(articles):
        if not (article.get("text") or "").strip():
            continue
        signature = MinHash(num_perm=MINHASH_PERMUTATIONS)
        signature.update_batch([shingle.encode("utf-8") for shingle in shingles(article["text"])])
        earlier = index.query(signature)
        if earlier:
            duplicates[position] = min(earlier)
        index.insert(position, signature)
    return duplicates
