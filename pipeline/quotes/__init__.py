"""Attributed statement extraction: who said what in one article.

`extract_statements(doc)` finds direct quotes, reported speech ("X said that ...") and mixed forms, with their cue
(reporting verb or "according to"), the speaker as written, and the speaker resolved to the fullest named mention
in the article. Three steps:

1. Pair quotation marks by position and context rather than by glyph, because machine translation reverses,
   drops and doubles them (`pair_quote_marks`).
2. Read cues from the dependency parse: a reporting verb's subject is the speaker and its clausal complement the
   content; quotes inside that content make it direct or mixed. Quotes left over are attributed to a cue in
   their own sentence, to a name right after them, or, when they read as a continuation, to the previous speaker.
3. Resolve speakers with the article's own context: names to their fullest form, pronouns to the last person or
   group that spoke or acted as subject, descriptions ("the Norwegian politician") through the titles seen next to
   names, institution nouns ("the allies") to the organisation the article is about, capitals to their country.

Modules, in the order of the data flow: `marks` (1), `cues` with `sources` and `content` (2), `drafts` (statements
before their speakers are known), `people` and `speakers` (3); `syntax` and `words` serve them all. The words come
from the English language pack (`pipeline/lang/en`).
"""

from pipeline.quotes.drafts import draft_statements
from pipeline.quotes.marks import ArticleLayout, pair_quote_marks
from pipeline.quotes.people import ArticleContext
from pipeline.quotes.speakers import SpeakerResolver
from pipeline.quotes.syntax import noun_phrase_range

__all__ = ["extract_statements", "pair_quote_marks"]


def extract_statements(doc, text=None):
    """Attributed statements of one article, in reading order.

    Each is a dict with kind ("direct" | "indirect" | "mixed"), text/char_start/char_end (what was said, an exact
    slice of doc.text), cue/cue_start/cue_end, speaker/speaker_start/speaker_end (as written at the attribution)
    and speaker_ref/speaker_ref_start/speaker_ref_end (the fullest named mention of the speaker in the article);
    parts that cannot be found are None.
    """
    layout = ArticleLayout(text or doc.text, doc.ents)  # `text`: doc.text, which spaCy builds at every access
    resolver = SpeakerResolver(ArticleContext(doc, layout))
    statements = []
    previous_ref = None
    for draft in draft_statements(doc, layout):
        speaker_span, ref = None, None
        if draft.inherits_from_previous:
            ref = previous_ref
        elif draft.speaker is not None:
            first, last = noun_phrase_range(draft.speaker, layout)
            if draft.cue is not None and draft.cue.speaker_first is not None:
                first, last = draft.cue.speaker_first, draft.speaker.i
            speaker_span = doc[first:last + 1]
            ref, is_person = resolver.resolve(draft.speaker)
            resolver.remember(speaker_span.start_char, ref, is_person)
        previous_ref = ref
        statements.append(_as_record(layout.text, draft, speaker_span, ref))
    return statements


def _span_fields(prefix, text, start, end):
    if start is None:
        return {prefix: None, f"{prefix}_start": None, f"{prefix}_end": None}
    return {prefix: text[start:end], f"{prefix}_start": start, f"{prefix}_end": end}


def _as_record(text, draft, speaker_span, ref):
    record = {"kind": draft.kind, "text": text[draft.start:draft.end], "char_start": draft.start, "char_end": draft.end}
    cue = draft.cue
    record.update(_span_fields("cue", text, *((cue.start, cue.end) if cue else (None, None))))
    record.update(_span_fields("speaker", text, *_char_bounds(speaker_span)))
    record.update(_span_fields("speaker_ref", text, *_char_bounds(ref)))
    return record


def _char_bounds(span):
    return (span.start_char, span.end_char) if span is not None else (None, None)
