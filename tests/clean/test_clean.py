"""Cleaning: boilerplate removal, MT repairs, metadata, offset maps and near-duplicate detection."""

import datetime

import pytest

from conftest import FIXTURES
from pipeline.clean import clean_article, clean_text, find_near_duplicates
from pipeline.clean.dates import infer_yearless_date
from pipeline.clean.repairs import doubled_quote_edits, doubled_word_edits, run_together_edits
from pipeline.ingest import read_input
from schemas.records import ArticleMeta

NOW = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)


@pytest.fixture(scope="module")
def gazette():
    [record] = read_input(str(FIXTURES / "boilerplate.txt"))
    return record, clean_article(record, NOW)


def test_page_furniture_is_removed_and_body_kept(gazette):
    _, article = gazette
    assert article.source.text.startswith("PORTVILLE: The ferry strike")
    assert article.source.text.endswith("back to normal by Friday.")
    for furniture in ("Share this page", "ALSO READ", "© Jan Novak", "With AFP", "Disclaimer", "Posted on",
                      "Harbour Gazette", "Ferry strike ends"):
        assert furniture not in article.source.text
    assert article.boilerplate_chars > 200


def test_metadata_from_header_and_credits(gazette):
    record, article = gazette
    source = article.source
    assert source.title == "Ferry strike ends after two weeks of talks"
    assert source.published_at == datetime.date(2021, 3, 3)
    assert source.outlet == "Harbour Gazette"
    assert set(source.credits) == {"AFP", "Reuters"}
    assert source.language == "en" and source.uri == record.uri and source.ingested_at == NOW
    assert source.word_count == len(source.text.split()) and source.raw_sha256 == record.raw_sha256


def test_offset_map_points_every_clean_char_at_its_raw_char(gazette):
    record, article = gazette
    raw, offsets, text = record.raw_text, article.offset_map, article.source.text
    assert len(offsets) == len(text)
    assert all(raw[offsets[i]] == char for i, char in enumerate(text) if not char.isspace())
    start = text.index("“a fair")
    assert raw[offsets[start]:offsets[start] + 6] == "“a fai"


def test_doubled_word_repair_is_counted_and_mapped(gazette):
    _, article = gazette
    assert "said the timetable" in article.source.text and article.repairs["doubled_word"] == 1


def test_run_together_words_are_split_with_space_mapped_to_next_char():
    raw = "Talks resumed on Monday, said at the outsetEU officials in a statement to the press.\n"
    cleaned = clean_text(raw, ArticleMeta())
    assert "at the outset EU officials" in cleaned["text"] and cleaned["repairs"]["run_together"] == 1
    space = cleaned["text"].index("outset ") + len("outset")
    assert raw[cleaned["offset_map"][space]] == "E"


@pytest.mark.parametrize("word", ["McDonald", "iPhone", "McCain", "YouTube", "OpenAI", "eBay", "macOS", "phpBB",
                                  "@newsDesk", "https://example.org/newsRoom", "diCaprio", "miniDisc"])
def test_real_names_and_brands_are_not_split(word):
    assert run_together_edits(f"He praised {word} again.") == []


@pytest.mark.parametrize("sentence", ["He said that that was wrong.", "They had had enough.", "Duran Duran played.",
                                      "A break-in in May.", "Bye bye, she said."])
def test_legitimate_repeats_are_kept(sentence):
    assert doubled_word_edits(sentence) == []


def test_doubled_function_word_is_removed():
    assert doubled_word_edits("He went to to the market.") == [(10, 13, "")]


def test_related_links_captions_and_trailing_tags_in_body_are_dropped():
    raw = ("Storm closes schools\n\n"
           "Heavy snow closed schools across the region on Thursday, officials said in a statement.\n\n"
           "→ EDITORIAL. Winter is coming\n\n"
           "Read more: How to drive on ice\n\n"
           "Weather warning: the coast braces for more snow\n\n"
           "Roads cleared\n\n"
           "Ploughs worked through the night and most roads were open again by noon on Friday.\n\n"
           "A plough on the main road. Photo: Lena Berg / Reuters\n\n"
           ".\nsource site-12\n")
    cleaned = clean_text(raw, ArticleMeta())
    assert cleaned["text"] == ("Heavy snow closed schools across the region on Thursday, officials said in a statement."
                               "\n\nRoads cleared\n\n"
                               "Ploughs worked through the night and most roads were open again by noon on Friday.")
    assert cleaned["credits"] == ["Reuters"]


def test_trailing_agency_signature_is_a_credit_not_body():
    raw = "Minister quits\n\nThe minister resigned on Monday after a week of pressure from her own party. AFP\n"
    cleaned = clean_text(raw, ArticleMeta())
    assert cleaned["text"].endswith("her own party.") and cleaned["credits"] == ["AFP"]
    assert cleaned["title"] == "Minister quits"


def test_kicker_repeat_of_headline_is_boilerplate_and_headline_is_title():
    raw = ("Budget vote delayed: parliament adjourns again\n\nBudget vote delayed\nParliament adjourns again\n\n"
           "The vote on the budget was delayed for the third time this month, the speaker announced.\n")
    cleaned = clean_text(raw, ArticleMeta())
    assert cleaned["title"] == "Budget vote delayed: parliament adjourns again"
    assert cleaned["text"].startswith("The vote on the budget")


def test_metadata_prefix_on_first_paragraph_gives_date_and_is_removed():
    cleaned = clean_text(" date 2019-05-06 The bridge reopened to traffic after two years of repairs.\n", ArticleMeta())
    assert cleaned["published_at"] == datetime.date(2019, 5, 6)
    assert cleaned["text"].startswith("The bridge reopened")


def test_yearless_weekday_date_takes_latest_matching_year():
    assert infer_yearless_date("on Wednesday January 12, at noon", 2026, []) == datetime.date(2022, 1, 12)
    assert infer_yearless_date("on Wednesday January 12", 2026, [2010]) == datetime.date(2011, 1, 12)
    assert infer_yearless_date("on Friday January 13", 2026, [2010]) is None


def test_html_page_is_extracted_without_navigation():
    [record] = read_input(str(FIXTURES / "page.html"))
    article = clean_article(record, NOW)
    source = article.source
    assert article.offset_map is None and source.title == "Library reopens after flood"
    assert source.text.startswith("The town library reopened") and "Subscribe" not in source.text
    assert source.outlet == "Riverside Post" and source.published_at == datetime.date(2020, 5, 4)


def test_json_metadata_wins_over_text_guesses():
    [record] = read_input(str(FIXTURES / "article.json"))
    source = clean_article(record, NOW).source
    assert (source.title, source.outlet, source.published_at) == (
        "Port traffic rises", "Example Wire", datetime.date(2021, 7, 9))


def test_language_is_detected():
    cleaned = clean_text("Le gouvernement a annoncé mardi une nouvelle réforme des retraites pour l'année prochaine.\n", ArticleMeta())
    assert cleaned["language"] == "fr"


def test_near_duplicates_point_to_earliest_copy():
    story = ("The city council approved the new cycling lanes on Tuesday after a long debate about parking, "
             "safety and the cost of the works, which will start in the spring and last six months. ")
    other = ("Fishermen protested at the port on Sunday against new quotas that they say will ruin small "
             "family businesses along the whole northern coast within a few years. ")
    assert find_near_duplicates([story * 2, other * 2, story * 2 + "Updated.", "", None]) == {2: 0}


def test_doubled_single_marks_become_one_double_mark():
    raw = "``It was an attempt to mislead voters,’’ Ms Roe told the BBC. She left.\n"
    cleaned = clean_text(raw, ArticleMeta())
    assert cleaned["text"].startswith("“It was an attempt to mislead voters,” Ms Roe")
    assert cleaned["repairs"]["doubled_quote"] == 2
    closing = cleaned["text"].index("”")
    assert raw[cleaned["offset_map"][closing]:cleaned["offset_map"][closing] + 2] == "’’"
    assert doubled_quote_edits("rock 'n' roll, the '90s") == []


def test_a_text_quoting_with_single_marks_gets_double_marks_and_keeps_apostrophes():
    raw = ("‘We will fight on to the very end,’ he said. ‘And we will win.’\n\n"
           "The players’ union called it ‘completely unworkable’ and the boss’s plan of rock 'n' roll failed.\n")
    cleaned = clean_text(raw, ArticleMeta())
    assert cleaned["text"] == ("“We will fight on to the very end,” he said. “And we will win.”\n\n"
                               "The players’ union called it “completely unworkable” and the boss’s plan of rock "
                               "'n' roll failed.")
    assert cleaned["repairs"]["single_quotes"] == 3
    assert len(cleaned["offset_map"]) == len(cleaned["text"])


def test_nested_double_marks_in_a_single_mark_text_become_single():
    raw = "‘He told me “you are finished” and walked out of the room,’ she said. ‘It was awful.’\n"
    cleaned = clean_text(raw, ArticleMeta())
    assert cleaned["text"] == "“He told me ‘you are finished’ and walked out of the room,” she said. “It was awful.”"
    assert cleaned["repairs"]["single_quotes"] == 2


def test_single_marks_stay_in_a_text_that_quotes_with_double_marks():
    for raw in ('He said: "We don’t know what the ‘open door’ means." She agreed.\n',
                "The “Brexit” vote, the ‘open door’ policy and the ‘red line’ debate were discussed, Mr Reed said.\n"):
        assert clean_text(raw, ArticleMeta())["text"] == raw.strip()
