from pipeline import build

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
    bodies = build.speaker_bodies({"src_a": mentions}, {"src_a": TEXT})
    assert bodies == {"stoltenberg": {"nato"}, "peskov": {"kremlin"}}  # "Moscow, Dmitry Peskov said" is no title


def test_clean_spans_map_back_to_the_raw_input():
    raw = "Menu\\nHome\\n\\nHe said “hi”."
    clean = "He said “hi”."
    offset_map = list(range(raw.index("He"), len(raw)))
    assert build.to_raw_span(offset_map, 9, 11) == (raw.index("hi"), raw.index("hi") + 2)
    assert build.to_raw_span(None, 9, 11) == (None, None)
    assert clean[9:11] == "hi"


def test_older_versions_of_an_article_point_at_the_current_one():
    articles = [{"source": {"source_id": sid, "uri": uri}} for sid, uri in
                (("src_new", "a.txt"), ("src_old", "a.txt"), ("src_other", "b.txt"))]
    build.mark_superseded(articles, {"src_new", "src_other"})
    assert [a["source"]["superseded_by"] for a in articles] == [None, "src_new", None]
