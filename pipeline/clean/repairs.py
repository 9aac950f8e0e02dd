"""Conservative repairs of machine-translation and typing damage that keep every character's raw offset: glued
words, doubled words, doubled quote marks, and texts that quote with single marks."""

import re

from pipeline.clean.lines import Line
from pipeline.clean.words import EN

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
