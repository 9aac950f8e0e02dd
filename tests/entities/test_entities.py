"""Entity mentions and dataset-wide resolution, on short invented sentences and mention lists."""

import datetime

import pytest

from pipeline.lang.nlp import load_nlp
from pipeline.entities import NameIndex, extract_mentions, resolve_entities
from pipeline.entities.labels import relabel_companies, relabel_people, relabel_surnames


def mention(text, label, source_id, published_at=None):
    return {"char_start": 0, "char_end": len(text), "text": text, "label": label, "source_id": source_id,
            "published_at": published_at}


def entity_of(text, source_id, mentions, entity_ids):
    return next(i for m, i in zip(mentions, entity_ids) if m["text"] == text and m["source_id"] == source_id)


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


# ------------------------------------------------------------------------------------------------ mentions

def test_mentions_drop_numeric_labels_and_keep_offsets(nlp):
    doc = nlp("On Monday 300 delegates of the European Union met in Paris with Angela Merkel.")
    found = extract_mentions(doc)
    assert all(doc.text[m["char_start"]:m["char_end"]] == m["text"] for m in found)
    assert {(m["text"], m["label"]) for m in found} >= {("European Union", "ORG"), ("Paris", "GPE")}
    assert not {m["label"] for m in found} & {"DATE", "CARDINAL"}


def test_mentions_exclude_article_possessive_and_title(nlp):
    texts = {m["text"] for m in extract_mentions(nlp(
        "Prime Minister Tony Blair praised Russia's envoy and the United Nations."))}
    assert {"Tony Blair", "Russia", "United Nations"} <= texts


def test_a_participle_glued_to_a_name_is_cut_and_a_lone_title_dropped(nlp):
    doc = nlp('Describing Mr Jackson as "a good person", she smiled. Asked Tony Blair about it, Gordon Brown left.')
    assert [m["text"] for m in extract_mentions(doc) if m["label"] == "PERSON"] == [
        "Jackson", "Tony Blair", "Gordon Brown"]


def test_hyphenated_council_is_one_org(nlp):
    found = extract_mentions(nlp("Delegates of the NATO-Russia Council met on Monday."))
    assert ("NATO-Russia Council", "ORG") in {(m["text"], m["label"]) for m in found}


def test_institution_name_cut_before_its_region_is_joined(nlp):
    found = extract_mentions(nlp(
        "The envoy spoke to the permanent council of the Organization for Security and Co-operation in Europe."))
    assert "Organization for Security and Co-operation in Europe" in {m["text"] for m in found}


def test_photo_credit_is_split_into_person_and_agency(nlp):
    found = extract_mentions(nlp("A photo shows the minister. Anna Keller / Reuters"))
    assert {(m["text"], m["label"]) for m in found} >= {("Anna Keller", "PERSON"), ("Reuters", "ORG")}


def test_the_owner_before_a_person_is_not_part_of_the_name(nlp):
    doc = nlp("Corlan’s Dev Okafor admitted his side had lost concentration.")
    assert [e.text for e in doc.ents] == ["Corlan’s Dev Okafor"]  # what spaCy reads
    assert [(m["text"], m["label"]) for m in extract_mentions(doc)] == [("Dev Okafor", "PERSON")]


def test_a_name_and_its_acronym_in_brackets_are_two_mentions(nlp):
    doc = nlp("At the same time, the British Bankers' Association (BBA) said lending was weaker.")
    assert [e.text for e in doc.ents] == ["the British Bankers' Association (BBA"]  # what spaCy reads
    assert [(m["text"], m["label"]) for m in extract_mentions(doc)] == [
        ("British Bankers' Association", "ORG"), ("BBA", "ORG")]


@pytest.mark.parametrize("text, label", [
    ("Hollis Brandt's profits fell by a third. Hollis Brandt said sales had slowed.", "ORG"),
    ("Hollis Brandt said the shop would close. Hollis Brandt is 54 and lives in Leeds.", "PERSON"),
])
def test_a_name_with_profits_or_shares_is_a_company(nlp, text, label):
    doc = nlp(text)
    assert "PERSON" in {e.label_ for e in doc.ents if e.text.startswith("Hollis Brandt")}  # what spaCy reads
    assert {e.label_ for e in relabel_companies(doc).ents if e.text.startswith("Hollis Brandt")} == {label}


def test_a_name_ending_in_a_business_word_is_a_company(nlp):
    doc = nlp("Big Machine Records issued a statement on Monday. Dick Clark Productions denied that it had settled.")
    assert [e.label_ for e in doc.ents if e.text == "Dick Clark Productions"] == ["PERSON"]  # what spaCy reads
    assert [e.label_ for e in relabel_companies(doc).ents if e.text == "Dick Clark Productions"] == ["ORG"]


@pytest.mark.parametrize("text, name, label", [
    ("“Inflation is still too high for us to consider a rate cut,” Marta Quiroga said.\n\nHer message was a stern "
     "one. Wage growth remained strong, she said.", "Marta Quiroga", "PERSON"),
    # a place named just before her is no rival for "she"
    ("Thousands of commuters in Calderport were left stranded yesterday as bus drivers began a walkout over pay.\n\n"
     "Union organiser Gail Pritchard said drivers had not had a real pay rise for three years. ‘Nobody wants to "
     "strike,’ she said.", "Gail Pritchard", "PERSON"),
    # "he" is the broker who speaks, not the exchange he speaks of
    ("“Deutsche Boerse appears very committed,” said one London-based broker. He forecast that the bid would "
     "succeed.", "Deutsche Boerse", "ORG"),
])
def test_a_name_the_article_calls_he_or_she_is_a_person(nlp, text, name, label):
    doc = nlp(text)
    assert {e.label_ for e in doc.ents if e.text == name} == {"ORG"}  # what spaCy reads
    assert {e.label_ for e in relabel_people(doc).ents if e.text == name} == {label}


@pytest.mark.parametrize("text, name, spacy_label, label", [
    # a lone surname of someone the article named in full
    ("Tomás Ferreira converted a 74th-minute penalty.\n\nFerreira, the captain, struck the same note.",
     "Ferreira", "GPE", "PERSON"),
    # a full name whose surname the article writes with an honorific
    ("Her lawyer, Marcus Feld, said the test was wrong. Mr Feld added that they would appeal.",
     "Marcus Feld", "ORG", "PERSON"),
    # a place that happens to be someone's surname stays a place
    ("Economist Anna Berlin said growth would slow.\n\nOfficials in Berlin disagreed.", "Berlin", "GPE", "GPE"),
    # and so does a company named after its founder
    ("Chairman Otto Brandvik spoke on Monday. Brandvik's auto unit made money and Brandvik reported a profit.",
     "Brandvik", "ORG", "ORG"),
])
def test_a_surname_the_article_shows_to_be_a_person_is_a_person(nlp, text, name, spacy_label, label):
    doc = nlp(text)
    assert {e.label_ for e in doc.ents if e.text == name} == {spacy_label}  # what spaCy reads
    assert {e.label_ for e in relabel_surnames(doc).ents if e.text == name} == {label}


# ------------------------------------------------------------------------------------------------ resolution

def test_accents_and_transliterations_of_one_person_are_one_entity():
    mentions = [mention("Alexander Grushko", "PERSON", "a"), mention("Alexander Grushko", "PERSON", "c"),
                mention("Alexandr Grushkó", "PERSON", "b"), mention("Alexander Gruschko", "PERSON", "c"),
                mention("Grushkó", "PRODUCT", "b")]
    entities, ids = resolve_entities(mentions)
    assert len(set(ids)) == 1
    assert entities[0]["name"] == "Alexander Grushko" and entities[0]["type"] == "PERSON"
    assert entities[0]["source_count"] == 3


def test_given_name_variants_are_joined():
    _, ids = resolve_entities([mention("Dmitry Peskov", "PERSON", "a"), mention("Dmitri Peskov", "PERSON", "b")])
    assert ids[0] == ids[1]


def test_surname_only_is_joined_to_the_full_name_in_the_same_article():
    mentions = [mention("Ellen Varga", "PERSON", "a"), mention("Varga", "GPE", "a"), mention("Varga", "ORG", "a")]
    entities, ids = resolve_entities(mentions)
    assert len(set(ids)) == 1
    assert entities[0]["type"] == "PERSON"


def test_same_surname_with_different_given_names_stays_apart():
    mentions = [mention("John Miller", "PERSON", "a"), mention("Miller", "PERSON", "a"),
                mention("Sarah Miller", "PERSON", "b"), mention("Miller", "PERSON", "b"),
                mention("Miller", "PERSON", "c")]
    _, ids = resolve_entities(mentions)
    john, sarah, unknown = ids[0], ids[2], ids[4]
    assert ids[1] == john and ids[3] == sarah
    assert len({john, sarah, unknown}) == 3


def test_surname_joins_across_articles_only_when_one_person_fits():
    mentions = [mention("Olga Petrenko", "PERSON", "a"), mention("Petrenko", "PERSON", "b"),
                mention("Denver", "GPE", "c"), mention("Mark Denver", "PERSON", "d")]
    _, ids = resolve_entities(mentions)
    assert ids[0] == ids[1]
    assert ids[2] != ids[3]


def test_translated_acronym_and_expansion_join_the_entity():
    mentions = [mention("NATO", "ORG", "a"), mention("OTAN", "FAC", "b"), mention("l’Otan", "GPE", "c"),
                mention("North Atlantic Treaty Organization", "ORG", "a")]
    entities, ids = resolve_entities(mentions)
    assert len(set(ids)) == 1
    assert (entities[0]["name"], entities[0]["type"]) == ("NATO", "ORG")


def test_a_party_nickname_in_the_plural_is_the_party():
    mentions = [mention("Tories", "NORP", "a"), mention("Conservatives", "NORP", "b"), mention("Labour", "ORG", "b")]
    entities, ids = resolve_entities(mentions)
    assert ids[0] == ids[1] != ids[2]
    assert {e["name"] for e in entities} == {"Conservative Party", "Labour Party"}


def test_acronym_joins_the_name_it_spells():
    mentions = [mention("Agency for Rural Water Supply", "ORG", "a"), mention("ARWS", "ORG", "a"),
                mention("ARWS", "ORG", "b")]
    entities, ids = resolve_entities(mentions)
    assert len(set(ids)) == 1
    assert entities[0]["name"] == "Agency for Rural Water Supply"  # named in full, though the acronym is more frequent


def test_a_company_short_name_joins_its_full_name():
    mentions = [mention("Halden Bank", "ORG", "a"), mention("Halden", "ORG", "a"), mention("Halden", "ORG", "b"),
                mention("Voltaris Energy", "ORG", "c"), mention("Voltaris Holdings", "ORG", "d"),
                mention("Voltaris", "ORG", "e")]
    _, ids = resolve_entities(mentions)
    assert ids[0] == ids[1] == ids[2]
    assert len({ids[3], ids[4], ids[5]}) == 3  # two longer names start with "Voltaris": which one is meant is unknown


def test_country_demonym_and_capital_are_different_entities():
    mentions = [mention("Russia", "GPE", "a"), mention("Russian", "NORP", "a"), mention("Russians", "NORP", "b"),
                mention("Moscow", "GPE", "a"), mention("the Kremlin", "ORG", "a")]
    _, ids = resolve_entities(mentions)
    assert ids[1] == ids[2]
    assert len({ids[0], ids[1], ids[3], ids[4]}) == 4


def test_type_is_settled_by_votes_not_by_the_first_mention():
    mentions = [mention("Lutsk", "PERSON", "a"), mention("Lutsk", "GPE", "b"), mention("Lutsk", "GPE", "c")]
    entities, _ = resolve_entities(mentions)
    assert entities[0]["type"] == "GPE"


def test_entity_record_fields():
    mentions = [mention("Brussels", "GPE", "a", datetime.date(2022, 1, 13)),
                mention("BRUSSELS", "GPE", "b", datetime.date(2022, 1, 12)), mention("Brussels", "GPE", "b")]
    entities, ids = resolve_entities(mentions)
    assert entities == [{"entity_id": ids[0], "name": "Brussels", "type": "GPE", "aliases": ["BRUSSELS", "Brussels"],
                         "mention_count": 3, "source_count": 2, "first_seen": datetime.date(2022, 1, 12)}]
    assert ids[0].startswith("ent_") and len(ids[0]) == 20


def test_ids_are_stable_when_mentions_are_reordered_or_added():
    mentions = [mention("Wendy Sherman", "PERSON", "a"), mention("Sherman", "PERSON", "a"),
                mention("Geneva", "GPE", "a"), mention("EU", "ORG", "b")]
    _, ids = resolve_entities(mentions)
    _, reordered = resolve_entities(mentions[::-1])
    _, extended = resolve_entities(mentions + [mention("Oslo", "GPE", "c"), mention("Sherman", "PERSON", "c")])
    assert reordered[::-1] == ids
    assert extended[:len(ids)] == ids


# ------------------------------------------------------------------------------------------------ lookup

def test_name_index_links_speaker_names():
    mentions = [mention("Jens Stoltenberg", "PERSON", "a"), mention("Kremlin", "ORG", "a"),
                mention("Moscow", "GPE", "a"), mention("Alexander Grushko", "PERSON", "b"),
                mention("Anna Brown", "PERSON", "c"), mention("Tom Brown", "PERSON", "d")]
    entities, ids = resolve_entities(mentions)
    index = NameIndex(entities)
    assert index.lookup("Grushko") == ids[3]
    assert index.lookup("Gruschko") == ids[3]
    assert index.lookup("the Kremlin") == ids[1]
    assert index.lookup("Moscow") == ids[2]
    assert index.lookup("Secretary General Jens Stoltenberg") == ids[0]
    assert index.lookup("Chancellor Tom Brown") == ids[5]
    assert index.lookup("Mr Brown") is None  # two people of that surname
    assert index.lookup("Wendy Sherman") is None
    assert index.lookup("") is None


def titled(text, label, source_id, title):
    return {**mention(text, label, source_id), "title": title}


def test_a_lone_surname_is_the_person_far_more_in_the_news_unless_a_title_says_otherwise():
    mentions = [mention(f"Donald Carver", "PERSON", doc) for doc in "abcdefg"]
    mentions += [titled("Donald Carver", "PERSON", "a", "president"), titled("Melina Carver", "PERSON", "h", "lady"),
                 mention("Carver", "PERSON", "i"),  # no full name in this article: the one far more in the news
                 mention("Carver", "ORG", "j"),  # "the Carver administration": the name is a person's elsewhere
                 titled("Carver", "PERSON", "h", "president"),  # named in full here is Melina, but she is no president
                 mention("Carver", "PERSON", "h"),  # either of the two in this article: the one far more in the news
                 titled("Carver", "PERSON", "k", "lady"), mention("Carver", "PERSON", "k")]
    _, ids = resolve_entities(mentions)
    donald, melina = ids[0], ids[8]
    assert donald != melina
    assert ids[9] == ids[10] == ids[11] == ids[12] == donald and ids[13] == melina


def test_generational_suffixes_short_forms_and_hyphens_of_one_name_are_one_person():
    mentions = [mention("Robert S. Mueller III", "PERSON", "a"), mention("Robert Mueller", "PERSON", "b"),
                mention("Richard Gates", "PERSON", "c"), mention("Rick Gates", "PERSON", "d"),
                mention("Kim Jong-un", "PERSON", "e"), mention("Kim Jong Un", "PERSON", "f"),
                mention("Kim", "PERSON", "f"),  # a Korean name starts with the family name
                mention("Daniel Day-Lewis", "PERSON", "g"), mention("Lewis", "PERSON", "g")]
    _, ids = resolve_entities(mentions)
    assert ids[0] == ids[1] and ids[2] == ids[3] and ids[4] == ids[5] == ids[6]
    assert ids[7] != ids[8]  # a hyphenated surname is one: Day-Lewis is no Lewis


def test_father_and_son_named_in_one_article_stay_apart():
    mentions = [mention("Donald Carver", "PERSON", "a"), mention("Donald Carver Jr.", "PERSON", "a"),
                mention("Donald Carver", "PERSON", "b"), mention("Hal Burns Jr", "PERSON", "c"),
                mention("Hal Burns Sr", "PERSON", "d"), mention("Tom Pike III", "PERSON", "e"),
                mention("Tom Pike", "PERSON", "f")]
    _, ids = resolve_entities(mentions)
    assert ids[0] == ids[2] != ids[1]
    assert ids[3] != ids[4]  # two suffixes written out are two people
    assert ids[5] == ids[6]  # one outlet drops the "III"


def test_short_names_of_papers_and_places_join_the_name_named_with_them():
    mentions = [mention("New York Times", "ORG", "a"), mention("Times", "ORG", "a"),
                mention("North Korea", "GPE", "b"), mention("North", "LOC", "b"),
                mention("North and South Korea", "GPE", "c"), mention("North Korea", "GPE", "c"),
                mention("North", "LOC", "c"), mention("Mexico City", "GPE", "d"), mention("Mexico", "GPE", "d"),
                mention("GMT Carnival", "ORG", "e"), mention("GMT", "ORG", "e"), mention("Carnival", "ORG", "e"),
                mention("Menatep Group", "ORG", "f"), mention("Group", "ORG", "f")]
    _, ids = resolve_entities(mentions)
    assert ids[0] == ids[1] and ids[2] == ids[3] == ids[5] == ids[6] != ids[4]
    assert ids[7] != ids[8]  # Mexico is a place of its own
    assert ids[10] != ids[11] and ids[9] not in (ids[10], ids[11])  # a name made of two names joins neither
    assert ids[12] != ids[13]  # a generic head is no short name


def test_an_acronym_may_keep_its_function_words():
    mentions = [mention("Department of Justice", "ORG", "a"), mention("DOJ", "ORG", "a")]
    _, ids = resolve_entities(mentions)
    assert ids[0] == ids[1]


def test_a_persons_title_is_kept_with_the_mention(nlp):
    doc = nlp("President Donald Carver met Mrs. Carver and the Deputy Secretary General Anna Lind in Oslo.")
    titles = {m["text"]: m["title"] for m in extract_mentions(doc)}
    assert titles["Donald Carver"] == "president" and titles["Carver"] == "mrs"
    assert titles.get("Oslo") is None
