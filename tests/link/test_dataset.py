from pipeline import build
from pipeline.ingest import text_record
from pipeline.link import dataset

TEXT = ("NATO Secretary General Jens Stoltenberg spoke first. Kremlin spokesman Dmitry Peskov replied. "
        "Moscow, Dmitry Peskov said, would wait.")


def mention(text, label, entity_id, occurrence=0):
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(text, start + 1)
    return {"source_id": "src_a", "char_start": start, "char_end": start + len(text), "text": text, "label": label,
            "entity_id": entity_id}


def test_a_person_titled_by_an_organisation_speaks_for_it():
    mentions = [mention("NATO", "ORG", "nato"), mention("Jens Stoltenberg", "PERSON", "stoltenberg"),
                mention("Kremlin", "ORG", "kremlin"), mention("Dmitry Peskov", "PERSON", "peskov"),
                mention("Moscow", "GPE", "moscow"), mention("Dmitry Peskov", "PERSON", "peskov", occurrence=1)]
    bodies = dataset.speaker_bodies({"src_a": mentions}, {"src_a": TEXT})
    assert bodies == {"stoltenberg": {"nato"}, "peskov": {"kremlin"}}  # "Moscow, Dmitry Peskov said" is no title


def test_clean_spans_map_back_to_the_raw_input():
    raw = "Menu\\nHome\\n\\nHe said “hi”."
    clean = "He said “hi”."
    offset_map = list(range(raw.index("He"), len(raw)))
    assert dataset.to_raw_span(offset_map, 9, 11) == (raw.index("hi"), raw.index("hi") + 2)
    assert dataset.to_raw_span(None, 9, 11) == (None, None)
    assert clean[9:11] == "hi"


def _harbour_statements(previous_cluster_ids=None, reform_clusters=False):
    """{statement text: (statement_id, cluster_id)} of two invented reports of the mayor's warning."""
    texts = {"a.txt": "“Any new attack on the harbour would be a grave strategic error with heavy costs,” Mayor Lena "
                      "Ortiz said on Monday.",
             "b.txt": "Mayor Lena Ortiz said a new attack on the harbour would be a serious strategic mistake with heavy "
                      "costs. Ortiz also said the new stadium would open to the public in September."}
    articles = build.clean_batch([text_record(name, text) for name, text in texts.items()])
    statements = dataset.resolve_dataset(articles, build.annotate_batch(articles, workers=1),
                                         previous_cluster_ids=previous_cluster_ids,
                                         reform_clusters=reform_clusters)["statements"]
    return {text: (sid, cid if isinstance(cid, str) else None)
            for text, sid, cid in zip(statements["text"], statements["statement_id"], statements["cluster_id"])}


def test_a_published_cluster_is_re_formed_only_when_other_code_built_it():
    fresh = _harbour_statements()
    stadium = next(text for text in fresh if "stadium" in text)
    harbour = [text for text in fresh if "harbour" in text]
    assert fresh[harbour[0]][1] == fresh[harbour[1]][1] is not None and fresh[stadium][1] is None
    # a release by other code put the stadium statement in the harbour cluster
    published = {fresh[text][0]: "clu_published" for text in harbour + [stadium]}
    kept = _harbour_statements(published)
    assert {kept[text][1] for text in harbour + [stadium]} == {"clu_published"}
    reformed = _harbour_statements(published, reform_clusters=True)
    assert reformed[harbour[0]][1] == reformed[harbour[1]][1] == "clu_published" and reformed[stadium][1] is None


def test_only_the_stories_new_articles_joined_are_clustered_again():
    from pipeline.link.dataset import link_statements

    from link.test_clusters import BACKGROUND, HARBOUR_WARNING, collection

    rows = [{**row, "story_id": "sty_harbour"} for row in collection(HARBOUR_WARNING)]
    rows += [{**row, "story_id": "sty_other"} for row in collection(BACKGROUND)]
    fresh, _ = link_statements(rows, None, {}, {})
    assert fresh[0] == fresh[1] == fresh[2] is not None
    published = {"s4": "clu_kept", "s5": "clu_kept"}  # as an earlier release of other words had it
    ids, similarities = link_statements(rows, {"sty_harbour"}, published, {"s4": 0.5, "s5": 0.5})
    assert ids[:3] == fresh[:3] and ids[3:] == ["clu_kept", "clu_kept", None]
    assert similarities[3:] == [0.5, 0.5, None] and all(0 < s <= 1 for s in similarities[:3])
