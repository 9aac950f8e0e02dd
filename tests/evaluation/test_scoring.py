"""Scorers: hand-computed small cases, and agreement with the reference scorers on perturbed gold."""

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.evaluation.scoring import (load_jsonl, names_match, normalise_doc_id, score_clusters, score_entity_links,
                              score_statements)

# ------------------------------------------------------------------ statements, by hand
ARTICLE = 'Ann Lee said: "We will win the cup." Bob added that rain is coming. Ann Lee said: "We will win the cup."'


def quote(text, speaker="Ann", speaker_ref="Ann Lee", optional=False, occurrence=0):
    start = ARTICLE.find(text) if occurrence == 0 else ARTICLE.rfind(text)
    return {"doc_id": "d1", "quote_text": text, "quote_start": start, "quote_end": start + len(text),
            "speaker": speaker, "speaker_ref": speaker_ref, "optional": optional}


def prediction(text, speaker, located=True, doc_id="d1"):
    start = ARTICLE.find(text) if located else None
    return {"doc_id": doc_id, "quote_text": text, "quote_start": start,
            "quote_end": None if start is None else start + len(text), "speaker": speaker}


GOLD = [quote("We will win the cup."), quote("rain is coming", "Bob", "Bob Stone")]


def test_statements_count_partial_matches_and_false_positives():
    preds = [prediction("We will win the cup.", "Mr. Lee"), prediction("rain is", "Ann"),
             prediction("Bob added", "Bob")]
    scores = score_statements(GOLD, preds, {"d1": ARTICLE})
    # "rain is" shares 2 of 3 tokens with the gold (>= 0.5); "Bob added" shares none
    assert (scores["tp"], scores["fp"], scores["fn"]) == (2, 1, 0)
    assert scores["quote_p"] == pytest.approx(2 / 3) and scores["quote_r"] == 1.0
    assert scores["quote_f1"] == pytest.approx(0.8)
    assert scores["speaker_acc"] == 0.5  # "Mr. Lee" ~ "Ann Lee" by surname; Ann is not Bob
    # coverage of "rain is coming" by "rain is" is 7/14, not above 0.8
    assert scores["ggt03_f1"] == pytest.approx(0.8) and scores["ggt08_f1"] == pytest.approx(0.4)
    assert scores["n_pred"] == 3 and scores["n_gold"] == 2


def test_statements_ignore_predictions_matching_optional_gold():
    gold = GOLD + [quote("Bob added", optional=True)]
    preds = [prediction("We will win the cup.", "Ann"), prediction("Bob added", "Bob")]
    scores = score_statements(gold, preds, {"d1": ARTICLE})
    assert (scores["tp"], scores["fp"], scores["fn"], scores["n_gold"]) == (1, 0, 1, 2)


def test_statements_locate_repeated_quote_without_offsets_at_next_occurrence():
    gold = [quote("We will win the cup."), quote("We will win the cup.", occurrence=1)]
    preds = [prediction("WE WILL WIN THE CUP.", "Ann Lee", located=False)] * 2  # case folded away
    scores = score_statements(gold, preds, {"d1.txt": ARTICLE})
    assert (scores["tp"], scores["fp"], scores["fn"]) == (2, 0, 0)
    assert scores["ggt08_f1"] == 1.0  # one occurrence each


def test_statements_locate_quote_with_typographic_marks():
    preds = [prediction("\u201cWe will win the cup.\u201d", "Ann Lee", located=False)]
    scores = score_statements(GOLD[:1], preds, {"d1": ARTICLE})
    assert scores["quote_f1"] == 1.0 and scores["ggt08_f1"] == 1.0


def test_statements_count_every_article_and_skip_other_documents():
    preds = [prediction("We will win the cup.", "Ann", doc_id="elsewhere/d2.txt"),
             prediction("We will win the cup.", "Ann", doc_id="unknown")]
    scores = score_statements(GOLD, preds, {"d1": ARTICLE, "d2": ARTICLE})
    assert (scores["tp"], scores["fp"], scores["fn"], scores["n_pred"]) == (0, 1, 2, 1)
    assert scores["speaker_acc"] is None


def test_wider_prediction_still_matches_under_ggt_coverage_rule():
    preds = [{"doc_id": "d1", "quote_text": None, "quote_start": 0, "quote_end": len(ARTICLE), "speaker": "Ann"}]
    scores = score_statements(GOLD[:1], preds, {"d1": ARTICLE})
    assert scores["ggt08_f1"] == 1.0 and scores["quote_f1"] == 0.0


def test_ggt_coverage_must_exceed_threshold():
    preds = [prediction("We will win the ", "Ann")]  # 16 of the gold's 20 characters: exactly 0.8
    scores = score_statements(GOLD[:1], preds, {"d1": ARTICLE})
    assert scores["ggt08_f1"] == 0.0 and scores["ggt03_f1"] == 1.0 and scores["quote_f1"] == 1.0


@pytest.mark.parametrize("predicted, gold_mention, gold_referent, right", [
    ("Mr. Lametti", "", "David Lametti", True),        # surname
    ("NATO's chief", "NATO", "NATO", True),              # possessive dropped, contained
    ("he", "he", "Jens Stoltenberg", True),              # same pronoun mention
    ("she", "he", "Jens Stoltenberg", False),
    ("the Kremlin", "the", "", False),                   # fillers alone identify no one
    ("The allies", "NATO", "NATO", False),
])
def test_names_match(predicted, gold_mention, gold_referent, right):
    assert (names_match(predicted, gold_mention) or names_match(predicted, gold_referent)) is right


def test_missing_speaker_is_right_only_for_floating_quotes():
    floating = [quote("We will win the cup.", speaker="", speaker_ref="Ann Lee")]
    assert score_statements(floating, [prediction("We will win the cup.", None)],
                            {"d1": ARTICLE})["speaker_acc"] == 1.0
    assert score_statements(GOLD[:1], [prediction("We will win the cup.", "")],
                            {"d1": ARTICLE})["speaker_acc"] == 0.0


def test_doc_ids_are_file_stems():
    assert normalise_doc_id("a/b/001_x.txt") == "001_x" and normalise_doc_id("001_x") == "001_x"
    assert normalise_doc_id(None) is None


# ------------------------------------------------------------------ entity links and clusters, by hand
def test_entity_links_pairwise_bcubed_and_merges():
    gold = [{"id": "ann", "alias_docs": {"Ann Lee": ["d1.txt"], "Lee": ["d1.txt"]}},
            {"id": "bob", "alias_docs": {"Bob": ["d1.txt", "d2.txt"], "Bobby": ["d3.txt"]},
             "boilerplate_only_docs": ["d3.txt"]}]
    mentions = [{"doc_id": "d1", "text": "Ann Lee", "entity_id": 1},
                {"doc_id": "d1", "text": "the Lee's", "entity_id": 1},
                {"doc_id": "d1", "text": "Bob", "entity_id": 1}, {"doc_id": "d2", "text": "Bob", "entity_id": 2},
                {"doc_id": "d2", "text": "Bob", "entity_id": 2}, {"doc_id": "d2", "text": "Bob", "entity_id": 3}]
    scores = score_entity_links(gold, mentions)
    # gold pairs {AnnLee-Lee, Bob1-Bob2}; predicted pairs {AnnLee-Lee, AnnLee-Bob1, Lee-Bob1}
    assert scores["link_p"] == pytest.approx(1 / 3) and scores["link_r"] == pytest.approx(1 / 2)
    assert scores["link_f1"] == pytest.approx(0.4)
    assert scores["bcubed_f1"] == pytest.approx(12 / 17)  # B-cubed P 2/3, R 3/4
    assert (scores["coverage"], scores["merged"], scores["merged_of"]) == (1.0, 1, 2)


CLUSTER_GOLD = [{"id": "s1", "doc": "d1.txt", "text": "Talks will go on next week"},
                {"id": "s2", "doc": "d2.txt", "text": "The talks will go on next week"},
                {"id": "s3", "doc": "d2.txt", "text": "Nobody wants a war in Europe"}]


@pytest.mark.parametrize("third_cluster, precision", [(None, 1.0), ("talks", 1 / 3)])
def test_clusters_pairwise(third_cluster, precision):
    preds = [{"doc_id": "d1", "quote_text": "talks will go on next week", "cluster_id": "talks"},
             {"doc_id": "d2", "quote_text": "talks will go on", "cluster_id": "talks"},
             {"doc_id": "d2", "quote_text": "nobody wants a war", "cluster_id": third_cluster},
             {"doc_id": "d2", "quote_text": "something else entirely", "cluster_id": "talks"}]
    scores = score_clusters(CLUSTER_GOLD, [{"cluster": "talks", "member_ids": ["s1", "s2"]}], preds)
    assert (scores["matched"], scores["matched_of"]) == (3, 3)
    assert scores["cluster_p"] == pytest.approx(precision) and scores["cluster_r"] == 1.0


# ------------------------------------------------------------------ agreement with the reference scorers
SHARED = Path("/work/shared")
TOOLS, GOLD_DIR, SEEDS = SHARED / "tools", SHARED / "gold", SHARED / "seeds"
needs_reference = pytest.mark.skipif(not (TOOLS.is_dir() and GOLD_DIR.is_dir() and SEEDS.is_dir()),
                                     reason="reference scorers and gold set not available")


def reference_summary(script: str, *args) -> dict[str, str]:
    """key=value pairs of the last output line of a reference scorer."""
    out = subprocess.run([sys.executable, str(TOOLS / script), *map(str, args)],
                         capture_output=True, text=True, check=True).stdout
    return dict(pair.split("=", 1) for pair in out.strip().splitlines()[-1].split())


def formatted(value) -> str:
    return "nan" if value is None else f"{value:.4f}"


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return path


def perturbed_quotes(variant: str, rng: random.Random) -> list[dict]:
    rows = []
    for g in load_jsonl(GOLD_DIR / "quotes_gold.jsonl"):
        row = {"doc_id": g["doc_id"], "quote_text": g["quote_text"], "quote_start": g["quote_start"],
               "quote_end": g["quote_end"], "speaker": g["speaker_ref"]}
        if variant == "drop_and_shorten":
            if rng.random() < 0.3:
                continue
            words = row["quote_text"].split(" ")
            row["quote_text"] = " ".join(words[:rng.randint(1, len(words))])
            row["quote_end"] = row["quote_start"] + len(row["quote_text"])
        elif variant == "wrong_speakers":
            row["speaker"] = rng.choice(["he", "", None, "Stoltenberg", "Mr. Grushko", ["Sherman", "NATO"], "it"])
        elif variant == "shifted_offsets":
            shift = rng.randint(-80, 80)
            row.update(quote_start=max(0, g["quote_start"] + shift), quote_end=g["quote_end"] + shift)
        elif variant == "no_offsets":
            row.update(quote_text=row["quote_text"].replace("\u201c", '"').upper(), quote_start=None, quote_end=None,
                       doc_id=f"dir/{g['doc_id']}.txt")
        elif variant == "wide_spans_without_text":
            row.update(quote_text="", quote_start=max(0, g["quote_start"] - rng.randint(0, 200)),
                       quote_end=g["quote_end"] + rng.randint(0, 200))
        rows.append(row)
    rng.shuffle(rows)
    return rows


@needs_reference
@pytest.mark.parametrize("variant", ["drop_and_shorten", "wrong_speakers", "shifted_offsets", "no_offsets",
                                     "wide_spans_without_text"])
def test_statements_agree_with_reference(variant, tmp_path):
    preds = perturbed_quotes(variant, random.Random(7))
    gold_path = GOLD_DIR / "quotes_gold.jsonl"
    expected = reference_summary("score_statements.py", "--gold", gold_path, "--rawtext", SEEDS,
                                 "--pred", write_jsonl(tmp_path / "pred.jsonl", preds))
    raw_texts = {path.stem: path.read_text(encoding="utf-8") for path in SEEDS.glob("*.txt")}
    ours = score_statements(load_jsonl(gold_path), preds, raw_texts)
    for key in ("quote_f1", "quote_p", "quote_r", "speaker_acc", "speaker_ref_acc", "ggt03_f1", "ggt08_f1"):
        assert formatted(ours[key]) == expected[key], key
    assert (str(ours["n_gold"]), str(ours["n_pred"])) == (expected["n_gold"], expected["n_pred"])


def perturbed_mentions(variant: str, rng: random.Random) -> list[dict]:
    rows = []
    for entity in load_jsonl(GOLD_DIR / "entities.jsonl"):
        for alias, docs in (entity.get("alias_docs") or {}).items():
            for doc in docs:
                entity_id = {"merged_by_type": entity["type"], "per_doc_ids": entity["id"] + doc[:3],
                             "random_ids": rng.choice(["a", "b", entity["id"]]),
                             "surname_ids": alias.split()[-1]}.get(variant, entity["id"])
                surface = rng.choice([alias, "the " + alias, alias + "\u2019s"])
                if variant == "noisy_votes":
                    rows += [{"doc_id": doc, "text": surface, "entity_id": rng.choice([entity["id"], "x", None, ""])}
                             for _ in range(3)]
                elif rng.random() < 0.85:
                    rows.append({"doc_id": doc, "text": surface, "entity_id": entity_id})
    return rows


@needs_reference
@pytest.mark.parametrize("variant", ["merged_by_type", "per_doc_ids", "random_ids", "surname_ids", "noisy_votes"])
def test_entity_links_agree_with_reference(variant, tmp_path):
    mentions = perturbed_mentions(variant, random.Random(7))
    gold_path = GOLD_DIR / "entities.jsonl"
    expected = reference_summary("score_entity_links.py", "--gold", gold_path,
                                 "--pred", write_jsonl(tmp_path / "pred.jsonl", mentions))
    ours = score_entity_links(load_jsonl(gold_path), mentions)
    assert {key: formatted(ours[key]) for key in ("link_f1", "bcubed_f1", "coverage")} == \
        {key: expected[key] for key in ("link_f1", "bcubed_f1", "coverage")}
    assert f"{ours['merged']}/{ours['merged_of']}" == expected["merged"]


def perturbed_statements(variant: str, rng: random.Random) -> list[dict]:
    cluster_of = {member: cluster["cluster"] for cluster in load_jsonl(GOLD_DIR / "same_statement.jsonl")
                  for member in cluster["member_ids"]}
    rows = []
    for statement in load_jsonl(GOLD_DIR / "statements.jsonl"):
        words = statement["text"].split()
        text = " ".join(words[:max(1, int(len(words) * rng.uniform(0.3, 1)))]) if variant == "shortened" \
            else statement["text"]
        cluster_id = {"random_ids": rng.choice(["a", "b", None, "", cluster_of.get(statement["id"])]),
                      "one_cluster": 1, "speaker_ids": statement["speaker"]
                      }.get(variant, cluster_of.get(statement["id"]))
        rows.append({"doc_id": statement["doc"], "quote_text": text, "cluster_id": cluster_id})
        if variant == "duplicates" and rng.random() < 0.3:
            rows.append({"doc_id": statement["doc"], "quote_text": text.upper(), "cluster_id": "copy"})
    return rows


@needs_reference
@pytest.mark.parametrize("variant", ["random_ids", "one_cluster", "speaker_ids", "shortened", "duplicates"])
def test_clusters_agree_with_reference(variant, tmp_path):
    preds = perturbed_statements(variant, random.Random(7))
    statements_path, clusters_path = GOLD_DIR / "statements.jsonl", GOLD_DIR / "same_statement.jsonl"
    expected = reference_summary("score_clusters.py", "--gold-statements", statements_path,
                                 "--gold-clusters", clusters_path,
                                 "--pred", write_jsonl(tmp_path / "pred.jsonl", preds))
    ours = score_clusters(load_jsonl(statements_path), load_jsonl(clusters_path), preds)
    assert {key: formatted(ours[key]) for key in ("cluster_f1", "cluster_p", "cluster_r")} == \
        {key: expected[key] for key in ("cluster_f1", "cluster_p", "cluster_r")}
    assert f"{ours['matched']}/{ours['matched_of']}" == expected["matched"]
