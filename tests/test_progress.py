"""The progress display: bars and a summary table on a terminal, nothing off one or with --quiet."""

import io

import pytest
from rich.console import Console

from pipeline.progress import RunProgress


def run_two_stages(quiet, terminal):
    out = io.StringIO()
    with RunProgress(quiet, Console(file=out, force_terminal=terminal, width=120)) as progress:
        stage = progress.start("clean", 4, "articles")
        stage.advance(3)
        stage.advance(1)
        progress.finish(stage, "1 unchanged from the cache")
        progress.note("clusters re-formed: the previous release was built by other code")
        stage = progress.start("validate", 120, "rows")
        progress.finish(stage, "0 failures", done=120)
    return out.getvalue()


def test_a_terminal_gets_bars_and_a_summary_with_counts_and_rates():
    shown = run_two_stages(quiet=False, terminal=True)
    assert "run summary" in shown and "clusters re-formed" in shown
    summary = shown[shown.index("run summary"):]
    (clean,) = [line for line in summary.splitlines() if line.startswith("│ clean")]
    cells = [cell.strip() for cell in clean.split("│")[1:-1]]
    assert cells[:2] == ["clean", "4 articles"] and cells[4] == "1 unchanged from the cache"
    assert cells[3].endswith(" articles/s") and float(cells[3].split()[0].replace(",", "")) > 0
    assert "120 rows" in summary and "0 failures" in summary


@pytest.mark.parametrize("quiet, terminal, expected", [
    (False, False, "clusters re-formed: the previous release was built by other code\n"),  # a pipe: notes only
    (True, True, ""),
])
def test_off_a_terminal_or_quiet_only_notes_or_nothing_print(quiet, terminal, expected):
    assert run_two_stages(quiet, terminal) == expected
