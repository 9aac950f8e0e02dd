"""Statements before speaker resolution: from cue contents, then from the quotes left over."""

from dataclasses import dataclass
import re

from pipeline.quotes.content import has_own_complement
from pipeline.quotes.cues import Cue, find_cues
from pipeline.quotes.people import is_person_entity
from pipeline.quotes.marks import SENTENCE_END
from pipeline.quotes.syntax import (
    MAX_NAME_TAIL_TOKENS, SUBJECT_DEPS, WORD_RE, inner_span, token_range_chars, trim, word_count,
)
from pipeline.quotes.words import EN, PERSON_NOUNS

# Words a quote passage needs to count as a statement rather than a term in scare quotes.
MIN_ATTRIBUTED_QUOTE_WORDS = 3
MIN_CONTINUATION_QUOTE_WORDS = 5
# Fragments this short inside a reported clause are scare quotes ("open door"), not quoted speech.
MIN_FRAGMENT_WORDS = 3
MIN_CONTENT_WORDS = 3


@dataclass
class Draft:
    """A statement before speaker resolution: kind, character span of the content, cue, and the head token of the
    speaker phrase (or, for a continuation quote, the speaker of the statement before)."""
    kind: str
    start: int
    end: int
    cue: Cue | None
    speaker: object = None
    inherits_from_previous: bool = False


def _strip_content(text, start, end, layout):
    """Content span without a leading complementiser "that" and without punctuation outside the quote marks."""
    start, end = trim(text, start, end, " \t\n,;:")
    complementiser = EN.pattern("leading_complementiser").match(text, start, end)
    if complementiser and layout.quote_at(start) is None:
        start, end = trim(text, complementiser.end(), end, " \t\n,;:")
    while end > start and text[end - 1] in ".,;:!?—–- \n" and layout.quote_at(end - 1) is None:
        end -= 1
    return start, end


def _drafts_from_cue(doc, cue, layout):
    """Statements a cue with content gives, and the quotes they use up."""
    text = layout.text
    start, end = token_range_chars(doc, *cue.content)
    overlapping = layout.quotes_overlapping(start, end)
    if overlapping:  # a quote cut by the clause boundary is taken whole
        start = min(start, layout.pairs[overlapping[0]][0])
        end = max(end, layout.pairs[overlapping[-1]][1] + 1)
    residue = text[start:end]
    for i in reversed(overlapping):
        o, c = layout.pairs[i]
        residue = residue[:o - start] + " " * (c + 1 - o) + residue[c + 1 - start:]
    residue_words = [w for w in WORD_RE.findall(residue) if w.lower() != EN.word("complementiser")]
    if overlapping and not residue_words:
        drafts = [Draft("direct", *inner_span(text, layout.pairs[i]), cue, cue.speaker) for i in overlapping]
        return [d for d in drafts if d.end > d.start], set(overlapping)
    start, end = _strip_content(text, start, end, layout)
    if word_count(text[start:end]) < MIN_CONTENT_WORDS:
        return [], set()
    fragments = [inner_span(text, layout.pairs[i]) for i in overlapping]
    is_mixed = any(word_count(text[s:e]) >= MIN_FRAGMENT_WORDS for s, e in fragments)
    return [Draft("mixed" if is_mixed else "indirect", start, end, cue, cue.speaker)], set(overlapping)


def _sentence_ends(layout, start, stop):
    """Sentence ends between start and stop, ignoring punctuation inside quotes unless a mark closes right after."""
    for match in SENTENCE_END.finditer(layout.text, start, stop):
        last = match.end() - 1
        inside = layout.quote_at(last)
        if inside is None or layout.pairs[inside][1] == last:
            yield match


def _sentence_window(layout, pair, after):
    """Character range of the quote's own sentence on one side of it, other quotes included."""
    text = layout.text
    if after:  # a quote running over paragraphs ends in a later one than it starts in
        paragraph_end = layout.paragraph(pair[1])[1]
        inner_end = inner_span(text, pair)[1]
        following = text[pair[1] + 1:paragraph_end].lstrip()[:1]
        if text[inner_end - 1:inner_end] in ".!?" and (not following or following.isupper()):
            return pair[1] + 1, pair[1] + 1  # the quote closes its own sentence
        end = next(_sentence_ends(layout, pair[1] + 1, paragraph_end), None)
        return pair[1] + 1, (end.start() if end else paragraph_end)
    paragraph_start = layout.paragraph(pair[0])[0]
    ends = list(_sentence_ends(layout, paragraph_start, pair[0]))
    return (ends[-1].end() if ends else paragraph_start), pair[0]


def _window_cue(cues, window, nearest_first_from):
    """The cue inside the window closest to the quote."""
    inside = [c for c in cues if window[0] <= c.start < window[1]]
    return min(inside, key=lambda c: abs(c.start - nearest_first_from), default=None)


def _name_after(doc, layout, window):
    """A person named in a short tail after a quote ("“...”, tweeted X"), for cues the lexicon does not know."""
    tail = doc.char_span(*window, alignment_mode="expand")
    after_comma = layout.text[window[0]:window[1]].lstrip().startswith(",")
    if tail is None or len(tail) > MAX_NAME_TAIL_TOKENS or not after_comma:
        return None
    people = [e for e in layout.ents if is_person_entity(e) and window[0] <= e.start_char < window[1]]
    return people[0].root if people else None


def _colon_speaker(doc, layout, window):
    """The speaker of a quote introduced by a colon: the head of a verbless phrase naming a person or a role ("Club
    coach Ann Lee: “...”"), or the person a clause ending in the colon is about ("Varga left no doubt: “...”", "She
    was blunt: “...”")."""
    start, end = trim(layout.text, *window, chars=" \t\n-–—•")
    if not layout.text[start:end].endswith(":"):
        return None
    phrase = doc.char_span(start, end - 1, alignment_mode="expand")
    if phrase is None or not 0 < len(phrase) <= MAX_NAME_TAIL_TOKENS:
        return None
    if not any(t.pos_ in ("VERB", "AUX") for t in phrase):
        head = phrase.root
        return head if head.ent_type_ in ("PERSON", "ORG") or head.lemma_.lower() in PERSON_NOUNS else None
    subject = next((c for c in phrase.root.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is not None and (subject.ent_type_ == "PERSON" or subject.lower_ in EN.gendered_subject_pronouns):
        return subject
    return None


def _contains_verb(doc, start, end):
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and any(t.pos_ in ("VERB", "AUX") for t in span)


def _paragraph_breaks(text, start, end):
    return len(re.findall(r"\n\s*", text[start:end]))


def _drafts_from_leftover_quote(doc, pair, cues, layout, previous):
    """A quote no cue's content took: attributed to a cue in its own sentence, to a name right after it, or, when it
    reads as speech right after another statement, to that statement's speaker. Short ones are scare quotes."""
    text = layout.text
    start, end = inner_span(text, pair)
    words = word_count(text[start:end])
    # A quoted sentence of its own ("“Please.”") is speech however short; a few quoted words inside a sentence
    # are a scare quote or a title unless a cue attributes them.
    is_sentence = _is_quoted_sentence(layout, pair, start, end)
    if words < MIN_ATTRIBUTED_QUOTE_WORDS and not is_sentence:
        return None
    after = _sentence_window(layout, pair, after=True)
    before = _sentence_window(layout, pair, after=False)
    cue = (_window_cue(cues, after, pair[1]) or _window_cue(cues, before, pair[0])
           or _cue_opening_next_sentence(doc, cues, layout, pair, after))
    if cue is not None:
        return Draft("direct", start, end, cue, cue.speaker)
    named = _name_after(doc, layout, after) or _colon_speaker(doc, layout, before)
    if named is not None:
        return Draft("direct", start, end, None, named)
    if previous is None:
        return None
    breaks = _paragraph_breaks(text, previous.end, start)
    reads_as_speech = words >= MIN_CONTINUATION_QUOTE_WORDS and _contains_verb(doc, start, end)
    if (reads_as_speech and breaks <= 1) or (is_sentence and breaks == 0):
        return Draft("direct", start, end, None, previous.speaker, inherits_from_previous=True)
    return None


def _is_quoted_sentence(layout, pair, start, end):
    """Whether the quote starts a sentence and ends one inside its marks (or hands over to an attribution)."""
    text = layout.text
    before = text[layout.paragraph(pair[0])[0]:pair[0]].rstrip()
    opens = not before or re.search(r"[.!?][\"'”’»]?$", before) is not None
    return opens and text[end - 1:end] in ".!?,"


def _cue_opening_next_sentence(doc, cues, layout, pair, after):
    """“Vote on Tuesday!” Trump tweeted. A quote that closes its own sentence is attributed by a cue that reports
    no clause of its own at the start of the next one."""
    if after[0] != after[1]:
        return None
    paragraph_end = layout.paragraph(pair[1])[1]
    end = next(_sentence_ends(layout, pair[1] + 1, paragraph_end), None)
    window = (pair[1] + 1, end.start() if end else paragraph_end)
    tail = doc.char_span(*window, alignment_mode="expand")
    if tail is None or len(tail) > MAX_NAME_TAIL_TOKENS:
        return None
    # "…” England will announce their squad on Saturday": a verb with an object of its own reports something else
    bare = [c for c in cues if c.content is None
            and not has_own_complement(doc.char_span(c.start, c.end, alignment_mode="expand")[0], layout)]
    return _window_cue(bare, window, pair[1])


def draft_statements(doc, layout):
    """Statements from cue contents first, then from the quotes left over, without overlaps, in reading order."""
    cues = find_cues(doc, layout)
    drafts, used_quotes = [], set()
    for cue in cues:
        if cue.content is None:
            continue
        new, used = _drafts_from_cue(doc, cue, layout)
        drafts.extend(new)
        used_quotes |= used
    # A report inside another report's content ("According to X, the allies rejected ...") is part of it.
    drafts = [d for d in drafts if not any(o.start <= d.cue.start < o.end for o in drafts if o is not d)]
    drafts.sort(key=lambda d: d.start)
    for i, pair in enumerate(layout.pairs):
        if i in used_quotes:
            continue
        previous = max((d for d in drafts if d.end <= pair[0]), key=lambda d: d.end, default=None)
        draft = _drafts_from_leftover_quote(doc, pair, cues, layout, previous)
        if draft is not None:
            drafts.append(draft)
            drafts.sort(key=lambda d: d.start)
    return _without_overlaps(drafts)


def _without_overlaps(drafts):
    """One statement per stretch of text: where two drafts overlap, keep the longer."""
    kept = []
    for draft in sorted(drafts, key=lambda d: (d.start, -(d.end - d.start))):
        if kept and draft.start < kept[-1].end:
            if draft.end - draft.start > kept[-1].end - kept[-1].start:
                kept[-1] = draft
            continue
        kept.append(draft)
    return kept
