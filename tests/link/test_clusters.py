"""Cross-source statement clustering on small invented statements."""

import re
from datetime import date

import pytest

from pipeline.link.clusters import cluster_statements, statement_parts, statement_similarity

HARBOUR_WARNING = [
    ("s1", "outlet-a", "Any new attack on the harbour would be a grave strategic error with heavy costs,"),
    ("s2", "outlet-b", "a new attack on the harbour would be a serious strategic mistake with heavy costs"),
    ("s3", "outlet-c", "any fresh attack against the harbour would constitute a serious strategic error and carry heavy costs"),
]
# Other statements of the collection, so that word rarity is measured on more than the quote itself.
BACKGROUND = [
    ("s4", "outlet-b", "The harbour authority will publish new safety rules and cost estimates next month"),
    ("s5", "outlet-c", "Farmers expect a poor harvest after the dry summer"),
    ("s6", "outlet-a", "The new stadium will open to the public in September"),
]


def statement(statement_id, source_id, text, speaker_entity_id="mayor-ortiz", **extra):
    return {
        "statement_id": statement_id,
        "source_id": source_id,
        "text": text,
        "kind": "direct",
        "speaker_entity_id": speaker_entity_id,
        "speaker": None,
        "published_at": date(2024, 5, 2),
        "duplicate_of": None,
        **extra,
    }


def collection(rows, **extra):
    return [statement(*row, **extra) for row in rows]


def test_paraphrased_translations_of_one_quote_share_a_cluster():
    ids = cluster_statements(collection(HARBOUR_WARNING + BACKGROUND))
    assert ids[0] is not None
    assert ids[0] == ids[1] == ids[2]


def test_lemmas_found_at_annotation_are_used_as_they_are():
    rows = collection(HARBOUR_WARNING + BACKGROUND)
    ids = cluster_statements([{**row, "lemmas": ["harbour", "fish", "boat"] if i < 2 else None}
                              for i, row in enumerate(rows)])
    assert ids[0] == ids[1] and ids[2] is None  # the third no longer shares the words given for the first two


def test_another_sentence_by_the_same_speaker_stays_alone():
    ids = cluster_statements(collection(HARBOUR_WARNING + BACKGROUND))
    assert ids[3:] == [None, None, None]


def test_cluster_id_is_clu_and_sixteen_hex_characters():
    ids = cluster_statements(collection(HARBOUR_WARNING + BACKGROUND))
    assert re.fullmatch(r"clu_[0-9a-f]{16}", ids[0])


@pytest.mark.parametrize("first, second, speaker, linked", [
    # the same words from the same speaker, however few content words they have
    ("We will not back down on steel,", "We will not back down on steel.", "minister-varga", True),
    # a part quoted word for word from a longer report
    ("and they happened on my watch.", "The failings were serious, and they happened on my watch.", "minister-varga",
     True),
    # the same stock words from another speaker
    ("We will not back down on steel,", "We will not back down on steel.", ["minister-varga", "union-nilsen"], False),
    # too short to tell
    ("I am delighted", "I am delighted", "minister-varga", False),
])
def test_the_same_words_quoted_from_one_speaker_cluster(first, second, speaker, linked):
    speakers = speaker if isinstance(speaker, list) else [speaker, speaker]
    rows = [statement("s1", "outlet-a", first, speakers[0]), statement("s2", "outlet-b", second, speakers[1])]
    ids = cluster_statements(rows + collection(BACKGROUND))
    assert (ids[0] is not None and ids[0] == ids[1]) == linked


def test_same_words_from_different_speaker_entities_do_not_cluster():
    rows = collection(HARBOUR_WARNING[:2] + BACKGROUND)
    rows[1]["speaker_entity_id"] = "minister-vance"
    assert cluster_statements(rows)[:2] == [None, None]


def test_an_organisation_and_the_person_speaking_for_it_agree():
    rows = collection(HARBOUR_WARNING[:2] + BACKGROUND)
    rows[1]["speaker_entity_id"] = "city-council"
    rows[0]["speaker_bodies"] = ["city-council"]
    ids = cluster_statements(rows)
    assert ids[0] == ids[1] is not None


def test_unknown_speaker_joins_a_known_one_on_close_wording():
    rows = collection(HARBOUR_WARNING + BACKGROUND)
    rows[1]["speaker_entity_id"] = None
    ids = cluster_statements(rows)
    assert ids[0] == ids[1] == ids[2] is not None


def test_ids_do_not_depend_on_input_order():
    rows = collection(HARBOUR_WARNING + BACKGROUND)
    forward = dict(zip((r["statement_id"] for r in rows), cluster_statements(rows)))
    reversed_rows = rows[::-1]
    backward = dict(zip((r["statement_id"] for r in reversed_rows), cluster_statements(reversed_rows)))
    assert forward == backward


def test_statements_of_one_source_are_not_linked_directly():
    rows = collection([(sid, "outlet-a", text) for sid, _, text in HARBOUR_WARNING[:2]] + BACKGROUND)
    assert cluster_statements(rows)[:2] == [None, None]


def test_the_parts_of_a_quote_split_by_its_attribution_join_the_cluster_together():
    # outlet-a: "Any new attack on the harbour would be a grave strategic error," she said, "and the port must close."
    second_part = statement("s7", "outlet-a", "and the port must close until the inquiry ends", cue_start=120)
    rows = collection(HARBOUR_WARNING[:2] + BACKGROUND)
    rows[0]["cue_start"] = 120
    ids = cluster_statements(rows + [second_part])
    assert ids[0] is not None and ids[0] == ids[1] == ids[-1]


def test_a_further_report_of_the_same_speaker_is_matched_on_its_own_words():
    # outlet-a: The mayor warned that any new attack ..., insisting that the port must close.
    rows = collection(HARBOUR_WARNING[:2] + BACKGROUND)
    rows[0]["speaker_start"] = 80
    insisted = statement("s7", "outlet-a", "the port must close until the inquiry ends", speaker_start=80)
    ids = cluster_statements(rows + [insisted])
    assert ids[0] is not None and ids[0] == ids[1] and ids[-1] is None


def test_a_further_report_of_the_same_speaker_joins_when_another_outlet_gave_the_passage_in_one_statement():
    # outlet-a: The mayor warned that any new attack ... and added that the port must close until the inquiry ends.
    rows = collection(HARBOUR_WARNING[:2] + BACKGROUND)
    rows[0]["speaker_start"] = 80
    rows[1]["text"] += ", and that the port must close"
    added = statement("s7", "outlet-a", "the port must close until the inquiry ends", speaker_start=80)
    ids = cluster_statements(rows + [added])
    assert ids[0] is not None and ids[0] == ids[1] == ids[-1]


# Two utterances of the mayor, each reported alone by two outlets; outlet-a fuses them in one statement.
REPAIRS = "the harbour repairs will take at least two years and cost forty million euros"
FERRY = "the ferry service to the islands will resume next week on a reduced timetable"
FUSED_REPORTS = [
    ("s1", "outlet-a", "although the ferry service will resume next week, the harbour repairs will take at least two "
                       "years and cost forty million euros"),
    ("s2", "outlet-b", "repairs to the harbour would take at least two years and cost forty million euros"),
    ("s3", "outlet-c", REPAIRS),
    ("s4", "outlet-c", FERRY),
    ("s5", "outlet-d", "ferry service to the islands would resume next week with a reduced timetable"),
]


def test_a_statement_fusing_two_utterances_does_not_chain_them_into_one_cluster():
    fused = ("s1", "outlet-a", f"although {FERRY}, {REPAIRS}")
    ids = cluster_statements(collection([fused] + FUSED_REPORTS[1:] + BACKGROUND))
    assert ids[1] is not None and ids[1] == ids[2]
    assert ids[3] is not None and ids[3] == ids[4] != ids[1]
    assert ids[0] in (ids[1], ids[3])


def test_a_statement_fusing_two_utterances_goes_to_the_one_it_renders_most():
    ids = cluster_statements(collection(FUSED_REPORTS + BACKGROUND))
    assert ids[0] is not None and ids[0] == ids[1] == ids[2]
    assert ids[3] is not None and ids[3] == ids[4] != ids[0]


def test_clauses_that_outlets_report_together_stay_one_utterance():
    sentence = "We remain ready to talk to the unions at any time, but we cannot offer more than the budget allows"
    rows = collection([("s1", "outlet-a", sentence), ("s2", "outlet-b", sentence.replace("We remain", "we are")),
                       ("s3", "outlet-c", "We remain ready to talk to the unions at any time."),
                       ("s4", "outlet-c", "the city could not offer more than the budget allows")] + BACKGROUND)
    ids = cluster_statements(rows)
    assert ids[0] is not None and ids[0] == ids[1] == ids[2] == ids[3]


@pytest.mark.parametrize("text, parts", [
    ("although the ferry will resume, the repairs will take years",
     ["although the ferry will resume, ", "the repairs will take years"]),
    ("talks had been useful, but that the gap on tariffs was still wide",
     ["talks had been useful", "the gap on tariffs was still wide"]),
    ("we are ready to talk, but not now", ["we are ready to talk, but not now"]),  # too short to be an utterance
    ("the port must close until the inquiry ends", ["the port must close until the inquiry ends"]),
])
def test_statement_parts_are_the_clauses_a_report_may_fuse(text, parts):
    assert [text[a:b] for a, b in statement_parts(text)] == parts


def test_one_passage_alone_forms_no_cluster():
    rows = collection([("s1", "outlet-a", "the harbour must close", "mayor-ortiz"),
                       ("s2", "outlet-a", "the inquiry will report in June", "mayor-ortiz")] + BACKGROUND, cue_start=None)
    rows[0]["cue_start"] = rows[1]["cue_start"] = 50
    assert cluster_statements(rows)[:2] == [None, None]


def test_a_published_cluster_keeps_its_members_and_never_merges_with_another():
    rows = collection(HARBOUR_WARNING + BACKGROUND)
    rows[0]["previous_cluster_id"] = rows[1]["previous_cluster_id"] = "clu_harbour"
    rows[2]["previous_cluster_id"] = rows[5]["previous_cluster_id"] = "clu_other"  # published before, whatever now
    ids = cluster_statements(rows)
    assert ids[0] == ids[1] and ids[2] == ids[5]
    assert None not in (ids[0], ids[2]) and ids[0] != ids[2]


def test_a_syndicated_copy_alone_with_its_original_forms_no_cluster():
    rows = collection(HARBOUR_WARNING[:2] + BACKGROUND)
    for row in rows:
        if row["source_id"] == "outlet-b":
            row["duplicate_of"] = "outlet-a"
    assert cluster_statements(rows)[:2] == [None, None]


def test_reports_published_months_apart_do_not_link():
    rows = collection(HARBOUR_WARNING[:2] + BACKGROUND)
    rows[1]["published_at"] = "2024-11-20"
    assert cluster_statements(rows)[:2] == [None, None]


def test_empty_input_gives_empty_output():
    assert cluster_statements([]) == []


def test_a_fragment_contained_in_a_longer_report_scores_higher_than_a_partial_overlap():
    weights = {}
    fragment = frozenset({"harbour", "attack", "serious", "error"})
    longer = fragment | {"heavy", "cost", "fresh", "strategic"}
    partial = frozenset({"harbour", "stadium", "summer", "quota"})
    assert statement_similarity(fragment, longer, weights) > 0.7
    assert statement_similarity(fragment, partial, weights) < 0.3


@pytest.mark.parametrize("first, second, variant", [
    ("fail", "failure", True), ("easy", "easily", True), ("refuse", "refusal", True), ("escalate", "escalation", True),
    ("state", "station", False),
])
def test_morphological_variants_count_as_matches(first, second, variant):
    score = statement_similarity(frozenset({first, "doom"}), frozenset({second, "doom"}), {})
    assert (score > 0.8) is variant


@pytest.mark.parametrize(
    "first_speaker, second_speaker, linked",
    [
        ("Mayor Lena Ortiz", "Ortiz", True),
        ("Lena Ortiz", "Tom Vance", False),
        ("she", "Tom Vance", True),  # a pronoun identifies nobody: the wording decides
    ],
)
def test_speaker_names_decide_when_entities_are_missing(first_speaker, second_speaker, linked):
    rows = collection(HARBOUR_WARNING[:2] + BACKGROUND, speaker_entity_id=None)
    rows[0]["speaker"], rows[1]["speaker"] = first_speaker, second_speaker
    ids = cluster_statements(rows)
    assert (ids[0] is not None and ids[0] == ids[1]) is linked


def test_a_statement_quoting_a_few_words_of_another_reports_its_utterance():
    from pipeline.link.echoes import echo_pairs

    texts = ["The mayor called the plan “a gift to the developers” on Monday",
             "This plan is a gift to the developers and nothing else,",
             "The mayor said the budget was a gift to nobody",
             "He called it “a gift” again"]  # two quoted words are a phrase many utterances share
    assert echo_pairs(texts, lambda i, j: True) == {(0, 1)}
    assert echo_pairs(texts, lambda i, j: False) == set()  # another speaker or story: no echo


def test_clustered_statements_carry_how_surely_they_report_the_utterance():
    from pipeline.link.clusters import member_similarities

    rows = collection(HARBOUR_WARNING + BACKGROUND)
    ids = cluster_statements(rows)
    scores = member_similarities(rows, ids)
    assert all((score is None) == (cluster_id is None) for score, cluster_id in zip(scores, ids))
    assert all(0 < score <= 1 for score in scores if score is not None)
