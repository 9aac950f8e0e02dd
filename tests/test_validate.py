from pipeline.validate import validate_tables


def test_small_dataset_is_valid(small_tables):
    assert validate_tables(small_tables) == []


def test_span_that_does_not_slice_its_text_fails(small_tables):
    statements = small_tables["statements"]
    statements.loc[0, "char_start"] += 1
    failures = validate_tables(small_tables)
    assert [(f.table, f.check) for f in failures] == [("statements", "span_matches_source_text")]
    assert failures[0].ids == (statements.loc[0, "statement_id"],)


def test_dangling_reference_and_duplicate_id_and_bad_kind_are_all_reported(small_tables):
    mentions, statements = small_tables["mentions"], small_tables["statements"]
    mentions.loc[1, "entity_id"] = "ent_ffffffffffffffff"
    statements.loc[1, "statement_id"] = statements.loc[0, "statement_id"]
    statements.loc[0, "kind"] = "rumour"
    checks = {(f.table, f.column, f.check) for f in validate_tables(small_tables)}
    assert ("mentions", "entity_id", "references entities.entity_id") in checks
    assert ("statements", "statement_id", "field_uniqueness") in checks
    assert ("statements", "kind", "isin(['direct', 'indirect', 'mixed'])") in checks


def test_failure_message_names_table_column_check_and_ids(small_tables):
    small_tables["entities"].loc[0, "aliases"] = ["ok", 3]
    (failure,) = validate_tables(small_tables)
    assert str(failure).startswith("entities.aliases: list_of_strings failed for 1 row(s): ent_")
