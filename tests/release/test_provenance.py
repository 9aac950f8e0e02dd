"""Provenance: the code hash that tells cached and published annotations of other code apart."""

from pipeline.release import provenance


def test_code_hash_covers_the_real_packages_code_and_data():
    names = {path.relative_to(provenance.PIPELINE.parent).as_posix()
             for package in provenance.SHAPING_PACKAGES for path in provenance.shaping_files(package)}
    assert {"pipeline/quotes/cues.py", "pipeline/lang/en/reporting.yaml", "pipeline/release/store.py",
            "pipeline/release/exporters/card.py", "schemas/tables.py"} <= names
    assert not any("__pycache__" in name for name in names)


def test_code_hash_changes_with_data_files_of_any_suffix_but_not_with_caches(tmp_path, monkeypatch):
    package = tmp_path / "pipeline"
    (package / "lang" / "en").mkdir(parents=True)
    (package / "__pycache__").mkdir()
    (package / "quotes.py").write_text("VERBS = load('say')\n")
    verbs = package / "lang" / "en" / "verbs.yaml"
    verbs.write_text("say: speech\n")
    monkeypatch.setattr(provenance, "SHAPING_PACKAGES", (package,))
    before = provenance.code_hash()
    (package / "__pycache__" / "quotes.cpython-311.pyc").write_bytes(b"\0")
    (package / "lang" / ".verbs.yaml.swp").write_bytes(b"\0")
    assert provenance.code_hash() == before
    for name in ("verbs.yaml", "settings.toml"):
        (package / "lang" / "en" / name).write_text("say: speech\nclaim: speech\n")
        assert provenance.code_hash() != before, name
        before = provenance.code_hash()
