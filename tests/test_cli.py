import json

from pipeline.cli import main
from pipeline.release import ReleaseStore


def test_query_prints_json_and_validate_reports_a_valid_release(small_tables, tmp_path, capsys):
    ReleaseStore(tmp_path).publish(small_tables, [])
    assert main(["query", "--output", str(tmp_path), "--format", "json", "SELECT name FROM entities"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"name": "Jens Stoltenberg"}]
    assert main(["validate", "--output", str(tmp_path)]) == 0
    assert capsys.readouterr().out.strip().endswith(": valid")


def test_user_errors_are_one_line_and_exit_non_zero(tmp_path, capsys):
    assert main(["query", "--output", str(tmp_path), "SELECT 1"]) == 2
    assert main(["run", "--input", str(tmp_path / "missing"), "--output", str(tmp_path)]) == 2
    assert main(["eval", "--gold", str(tmp_path / "nogold"), "--output", str(tmp_path)]) == 2
    errors = capsys.readouterr().err.strip().splitlines()
    assert len(errors) == 3 and all(line.startswith("newsledger ") and ": error: " in line for line in errors)
    assert "Traceback" not in "".join(errors)
