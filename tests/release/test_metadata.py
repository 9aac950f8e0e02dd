"""What users' tools read: datapackage.json, croissant.json (checked by mlcroissant), the Hub's front matter in the
dataset card, the citation, coverage and quality figures, and CITATION.cff at the repository's root."""

import json

import mlcroissant
import pytest
import yaml

from pipeline.release import about
from pipeline.release.checksums import sha256_file
from pipeline.release.exporters import card
from pipeline.release.quality import load_quality

from releases import two_releases
from conftest import REPOSITORY


@pytest.fixture
def second(small_tables, tmp_path):
    return two_releases(small_tables, tmp_path)[2]


def test_croissant_validates_with_mlcroissant_and_loads_the_records(second):
    dataset = mlcroissant.Dataset(jsonld=str(second.folder / "croissant.json"))
    (entity,) = [r for r in dataset.records("entities") if r["entities/name"] == b"NATO"]
    assert (entity["entities/type"], entity["entities/aliases"]) == (b"ORG", [b"NATO"])
    (redirect,) = dataset.records("entity_redirects")
    assert redirect["entity_redirects/reason"] == b"merged"
    descriptor = json.loads((second.folder / "croissant.json").read_text())
    files = {f["@id"]: f["sha256"] for f in descriptor["distribution"]}
    assert files["statements.parquet"] == sha256_file(second.folder / "statements.parquet")
    statements = next(r for r in descriptor["recordSet"] if r["@id"] == "statements")
    speaker = next(f for f in statements["field"] if f["name"] == "speaker_entity_id")
    assert speaker["references"] == {"field": {"@id": "entities/entity_id"}}
    assert "resolved speaker" in speaker["description"]
    assert (descriptor["identifier"], descriptor["version"]) == (second.id, "1.1.20260102000000")


def test_datapackage_has_title_description_and_a_hash_per_resource(second):
    package = json.loads((second.folder / "datapackage.json").read_text())
    assert (package["title"], package["description"]) == (about.TITLE, about.DESCRIPTION)
    for resource in package["resources"]:
        assert resource["hash"] == "sha256:" + sha256_file(second.folder / resource["path"])
        assert resource["title"] and resource["description"]


def card_parts(release):
    text = (release.folder / "README.md").read_text()
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body


def test_the_card_has_hub_front_matter_pointing_at_the_parquet_files(second):
    front, _ = card_parts(second)
    assert (front["license"], front["language"], front["size_categories"]) == ("cc-by-4.0", ["en"], ["n<1K"])
    configs = {c["config_name"]: c for c in front["configs"]}
    assert set(configs) == set(second.manifest["tables"])
    assert configs["statements"]["default"] and configs["statements"]["data_files"] == [
        {"split": "train", "path": "statements.parquet"}]
    assert all((second.folder / c["data_files"][0]["path"]).is_file() for c in configs.values())
    assert card.size_category(999) == "n<1K" and card.size_category(25_000) == "10K<n<100K"


def test_the_card_tells_coverage_quality_changes_and_how_to_cite(second):
    _, body = card_parts(second)
    assert "- Sources: 1, published from 2022-01-12 to 2022-01-12\n- Outlets (1): Example News (1)\n" in body
    assert "| `entities` | 1 | 1 | 1 |" in body and f"Against release {second.manifest['delta']['against']}" in body
    quality = load_quality()
    cluster_f1 = quality["figures"]["clusters"]["cluster_f1"]
    assert f"cluster_f1 {cluster_f1:.3f}" in body  # quoted from quality.json, never made up
    assert f"  version = {{{second.id}}},\n" in body


def test_the_first_release_says_it_has_nothing_to_compare_with(small_tables, tmp_path):
    first = two_releases(small_tables, tmp_path)[1]
    assert "This is the first release" in card_parts(first)[1]


def test_citation_cff_says_what_the_releases_say():
    citation = yaml.safe_load((REPOSITORY / "CITATION.cff").read_text())
    assert {"cff-version", "message", "title", "authors"} <= set(citation)
    assert (citation["title"], citation["authors"], citation["license"]) == (
        about.TITLE, [{"name": about.AUTHOR}], "CC-BY-4.0")
    assert " ".join(citation["abstract"].split()) == about.DESCRIPTION
    assert citation["keywords"] == about.KEYWORDS


def test_coverage_counts_outlets_languages_and_the_date_range(small_tables):
    from pipeline.release.coverage import coverage
    from schemas.contract import to_frame

    row = small_tables["sources"].to_dict("records")[0]
    others = [{**row, "outlet": "Reuters", "published_at": "2022-01-10"}, {**row, "outlet": "Reuters"},
              {**row, "outlet": None, "published_at": None, "language": "de"}]
    assert coverage(to_frame("sources", [row, *others])) == {
        "sources": 4, "outlets": {"Reuters": 2, "Example News": 1}, "without_outlet": 1,
        "languages": {"en": 3, "de": 1}, "published_first": "2022-01-10", "published_last": "2022-01-12",
        "undated": 1}
