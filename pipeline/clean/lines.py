"""Lines of a text input: each a paragraph, a headline or a piece of page furniture, with where it sits in the raw text."""

from dataclasses import dataclass
import re

from pipeline.clean.words import EN

SENTENCE_END = re.compile(r"[.!?…\"”’»)]$")
# A full stop (possibly inside closing quotes or brackets): headlines end with "?" or a quote, never with one.
FULL_STOP_END = re.compile(r"[.…][\"”’»)]?$")
# Running text: a long line ending like a sentence, or a shorter one ending with a full stop. Headlines,
# kickers and furniture are shorter or unpunctuated.
MIN_PARAGRAPH_WORDS = 12
MIN_SHORT_PARAGRAPH_WORDS = 5


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
