from datetime import date

from pipeline.link.stories import STORY_WINDOW_DAYS, StoryArticle, assign_stories


def article(source_id, day, lemmas, entities=("ent_pike",)):
    return StoryArticle(source_id, date(2024, 5, day) if day else None, frozenset(lemmas.split()),
                        frozenset(entities))


STRIKE = "rail strike union pay talks walkout"
HARBOUR = "harbour fire tanker blaze port crew"


def test_reports_of_one_event_form_one_story_and_other_events_their_own():
    articles = [article("a", 10, STRIKE), article("b", 11, "rail strike union pay offer walkout"),
                article("c", 10, HARBOUR, ("ent_port",)), article("d", None, "rail strike pay talks union"),
                article("e", 11, "harbour tanker blaze crew rescued", ("ent_port",))]
    placed = assign_stories(articles)
    assert placed["a"].story_id == placed["b"].story_id == placed["d"].story_id
    assert placed["c"].story_id == placed["e"].story_id != placed["a"].story_id
    assert 0 < placed["b"].confidence < 1


def test_the_same_people_days_later_are_another_story():
    later = 10 + STORY_WINDOW_DAYS + 3
    placed = assign_stories([article("a", 10, STRIKE), article("b", later, STRIKE)])
    assert placed["a"].story_id != placed["b"].story_id
    assert placed["a"].confidence == placed["b"].confidence == 1.0


def test_published_articles_keep_their_story_and_new_ones_join_it():
    articles = [article("a", 10, STRIKE), article("b", 10, HARBOUR, ("ent_port",)),
                article("c", 11, "rail strike union walkout continues")]
    placed = assign_stories(articles, previous={"a": "sty_published", "b": "sty_other"})
    assert (placed["a"].story_id, placed["b"].story_id, placed["c"].story_id) == (
        "sty_published", "sty_other", "sty_published")
    assert assign_stories(articles) == assign_stories(list(reversed(articles)))  # input order does not matter
