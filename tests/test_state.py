from pipeline import build
from pipeline.ingest import text_record
from pipeline.state import keep_previous_ids
from schemas.records import Annotation, FoundMention


def test_regrouped_items_keep_the_id_most_of_them_had():
    previous = {"m1": "ent_old", "m2": "ent_old", "m3": "ent_other"}
    assert keep_previous_ids(["ent_new", "ent_new", "ent_new", None], ["m1", "m2", "m3", "m4"], previous) == \
        ["ent_old", "ent_old", "ent_old", None]


def test_a_split_keeps_the_old_id_on_the_larger_part_and_never_reuses_it():
    previous = {"a": "ent_x", "b": "ent_x", "c": "ent_x"}
    kept = keep_previous_ids(["ent_x", "ent_x", "ent_y"], ["a", "b", "c"], previous)
    assert kept[:2] == ["ent_x", "ent_x"] and kept[2] == "ent_y"
    collided = keep_previous_ids(["ent_p", "ent_p", "ent_x"], ["a", "b", "c"], previous)
    assert collided[:2] == ["ent_x", "ent_x"] and collided[2] not in ("ent_x", "ent_p")


def test_new_groups_without_history_keep_their_fresh_ids():
    assert keep_previous_ids(["clu_1", "clu_1", "clu_2"], ["s1", "s2", "s3"], {}) == ["clu_1", "clu_1", "clu_2"]


def test_cache_keeps_only_the_current_code_version(tmp_path):
    from pipeline.state import AnnotationCache

    old, new = AnnotationCache(tmp_path, "old"), AnnotationCache(tmp_path, "new")
    [article] = build.clean_batch([text_record("a.txt", "Talks resumed on Monday.")])
    found = Annotation(article.source.source_id, [FoundMention(14, 20, "Monday", "DATE")], [])
    old.put(article, Annotation(article.source.source_id, [], []))
    new.put(article, found)
    new.drop_other_versions()
    assert old.get(article.source.source_id) is None
    assert new.get(article.source.source_id) == (article, found)
