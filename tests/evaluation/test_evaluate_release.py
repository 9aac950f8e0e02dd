"""Regression test: the seeds' figures against the shared gold annotations must not fall."""

import json
from pathlib import Path

import pytest

from pipeline.evaluation.release import evaluate_release, score_release
from pipeline.release import ReleaseStore
from pipeline.release.quality import load_quality

from conftest import SEEDS, SHARED

GOLD = SHARED / "gold"
FLOORS = {
    "documents": {"field_accuracy": 0.9, "body_ends_kept": 1.0},
    "statements": {"quote_f1": 0.92, "speaker_ref_acc": 0.92, "ggt03_f1": 0.92},
    "entities": {"link_f1": 0.95, "coverage": 0.92},
    "clusters": {"cluster_f1": 0.85, "cluster_p": 0.95},
}


@pytest.fixture(scope="module")
def figures(built):
    if not GOLD.is_dir():
        pytest.skip(f"no gold annotations at {GOLD}")
    lines = evaluate_release(GOLD, ReleaseStore(built[0]), rawtext_dir=SEEDS)
    parsed = {}
    for line in lines:
        name, rest = line.split(": ", 1)
        parsed[name] = dict(item.split("=", 1) for item in rest.split())
    return parsed


@pytest.mark.parametrize("part", sorted(FLOORS))
def test_seed_figures_stay_above_their_floors(figures, part):
    for metric, floor in FLOORS[part].items():
        assert float(figures[part][metric]) >= floor, f"{part} {metric} fell below {floor}: {figures[part]}"


def test_no_boilerplate_left_and_multi_name_entities_merged(figures):
    assert figures["documents"]["boilerplate_left"] == "0"
    merged, of = map(int, figures["entities"]["merged"].split("/"))
    assert merged >= of - 2


def test_predictions_export_in_the_reference_scorers_format(built, tmp_path):
    if not GOLD.is_dir():
        pytest.skip(f"no gold annotations at {GOLD}")
    evaluate_release(GOLD, ReleaseStore(built[0]), export_dir=tmp_path)
    statement = json.loads((tmp_path / "statements.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert {"doc_id", "quote_text", "quote_start", "quote_end", "speaker", "cluster_id"} <= set(statement)
    seed = (Path(SEEDS) / f"{statement['doc_id']}.txt").read_text(encoding="utf-8")
    assert seed[statement["quote_start"]:statement["quote_end"]] == statement["quote_text"]
    mention = json.loads((tmp_path / "mentions.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert set(mention) == {"doc_id", "text", "entity_id"}


def test_the_quality_figures_cards_quote_are_the_current_codes(built):
    """pipeline/release/quality.json, which every dataset card and report quotes, holds what the code gets now."""
    if not GOLD.is_dir():
        pytest.skip(f"no gold annotations at {GOLD}")
    current = json.loads(json.dumps(score_release(GOLD, ReleaseStore(built[0]), rawtext_dir=SEEDS)))
    assert load_quality()["figures"] == current, "the figures changed: record them with `make quality`"
