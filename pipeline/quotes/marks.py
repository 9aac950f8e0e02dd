"""Quotation marks paired by position and context, and the article's paragraphs and quoted passages."""

from bisect import bisect_right
import re

SENTENCE_END = re.compile(r"[.!?…][\"”“»]?(?=\s|$)|\n")
QUOTE_MARKS = frozenset('"“”„‟«»')


def _mark_openness(text, index):
    """Positive when the mark at `index` looks like an opening mark from its neighbours, negative for closing."""
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    opens = (before.isspace() or before in "([{—–-") + after.isalnum()
    closes = (before.isalnum() or before in ".,!?;:…)") + (after.isspace() or after in ".,;:!?)…")
    return opens - closes


def _pairing_score(text, marks):
    return sum(_mark_openness(text, o) - _mark_openness(text, c) for o, c in zip(marks[::2], marks[1::2]))


def _drop_stray_mark(text, marks):
    """For an odd number of marks, drop the one whose removal leaves the most plausible open/close pairing."""
    def score(i):
        rest = marks[:i] + marks[i + 1:]
        return _pairing_score(text, rest), -abs(_mark_openness(text, marks[i]))
    stray = max(range(len(marks)), key=score)
    return marks[:stray] + marks[stray + 1:]


def _reopens(text, index):
    """A mark opening a new sentence ('... to grasp. "Yet ...') while a quote is open: the paragraph-continuation
    convention with the paragraph break lost, so the open quote ends at that sentence end."""
    return (index > 0 and text[index - 1].isspace() and text[index + 1:index + 2].isalnum()
            and text[max(0, index - 20):index].rstrip()[-1:] in ".!?")


def _pair_segment(text, marks, implicit_close=None):
    """Pairs in alternation; an odd mark out closes at `implicit_close` if given, else is dropped as stray."""
    if len(marks) % 2:
        if implicit_close is None:
            marks = _drop_stray_mark(text, marks)
        else:
            marks = marks + [implicit_close]
    return list(zip(marks[::2], marks[1::2]))


def pair_quote_marks(text):
    """(open mark index, close mark index) of every quoted passage, in order; an implicit close is the index of
    the whitespace before the next opening mark.

    Marks are paired in alternation within a paragraph whatever their glyph, since reversed marks are common in
    machine translation. A paragraph left open whose next paragraph starts with a mark continues the quote (the
    usual convention for multi-paragraph quotes); a mark reopening a quote at a new sentence implicitly closes
    the open one; any other odd mark out is dropped as stray.
    """
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    pairs = []
    pending_open = None
    for number, (start, end) in enumerate(paragraphs):
        marks = [i for i in range(start, end) if text[i] in QUOTE_MARKS]
        first_char = start + len(text[start:end]) - len(text[start:end].lstrip())
        if pending_open is not None and marks and marks[0] == first_char:
            marks = [pending_open] + marks[1:]
        pending_open = None
        segments = [[]]
        for mark in marks:
            if len(segments[-1]) % 2 and _reopens(text, mark):
                segments.append([])
            segments[-1].append(mark)
        for segment, following in zip(segments, segments[1:]):
            pairs.extend(_pair_segment(text, segment, implicit_close=following[0] - 1))
        last = segments[-1]
        next_paragraph = paragraphs[number + 1] if number + 1 < len(paragraphs) else None
        next_opens_with_mark = (next_paragraph is not None
                                and text[next_paragraph[0]:next_paragraph[1]].lstrip()[:1] in QUOTE_MARKS)
        if len(last) % 2 and next_opens_with_mark and _mark_openness(text, last[-1]) > 0:
            pending_open = last.pop()
        pairs.extend(_pair_segment(text, last))
    return pairs


class ArticleLayout:
    """The article's text with its paragraphs, quoted passages and named entities, for fast lookups (spaCy rebuilds
    `doc.text` and `doc.ents` on every access)."""

    def __init__(self, text, ents=()):
        self.text = text
        self.ents = tuple(ents)
        self._headings = {}
        self.pairs = pair_quote_marks(text)
        self.quote_starts = [o for o, _ in self.pairs]
        self.paragraph_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def quote_at(self, offset):
        """Index of the quoted passage (marks included) holding `offset`, or None."""
        i = bisect_right(self.quote_starts, offset) - 1
        if i >= 0 and offset <= self.pairs[i][1]:
            return i
        return None

    def quotes_overlapping(self, start, end):
        return [i for i, (o, c) in enumerate(self.pairs) if o < end and c >= start]

    def is_heading(self, offset):
        """Whether the line holding `offset` is a headline or section title, worked out once per line: they have no
        sentence punctuation and their verbs report nothing. The last line is body text even without a final period
        (a truncated article)."""
        start, end = self.paragraph(offset)
        if start not in self._headings:
            is_last_line = not self.text[end:].strip()
            unpunctuated = SENTENCE_END.search(self.text[start:end].rstrip() + " ") is None
            self._headings[start] = not is_last_line and unpunctuated
        return self._headings[start]

    def paragraph(self, offset):
        """(start, end) of the line holding `offset`; the parser sometimes runs a headline into the next one."""
        i = bisect_right(self.paragraph_starts, offset) - 1
        start = self.paragraph_starts[i]
        end = self.paragraph_starts[i + 1] - 1 if i + 1 < len(self.paragraph_starts) else len(self.text)
        return start, end
