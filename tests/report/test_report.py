"""The report page: self-contained, with every section, and data-driven (stories and rejects appear when a release
has them)."""

import os
import re

import pyarrow.parquet as pq

from pipeline.cli import main
from pipeline.query import open_release
from pipeline.release.quality import load_quality
from pipeline.report import ReportData, build_report
from pipeline.report.sections import data_quality, statements_per_group

from releases import two_releases

SECTION_TITLES = ["Overview", "Over time", "Top speakers and outlets", "Statements per story, cluster and source",
                  "Entities and clusters", "Data quality", "Changes since the previous release"]


def test_the_report_command_writes_one_self_contained_page(small_tables, tmp_path, capsys):
    store, first, second = two_releases(small_tables, tmp_path)
    assert main(["report", "--output", str(store.root)]) == 0
    path = store.root / "reports" / f"{second.id}.html"
    assert capsys.readouterr().out.startswith(f"wrote {path}: ")
    html = path.read_text()
    # nothing fetched or run: links and urls only within the page ("#overview", clip paths "url(#p1a2b)")
    assert not re.search(r"<script|<link|<iframe|<img|\bsrc=|@import|url\((?!#)|href=\"(?!#)", html)
    assert re.findall(r"<h2>(.*?)</h2>", html) == SECTION_TITLES
    assert re.findall(r'<figure class="chart" role="img" aria-label="([^"]*)"><svg', html) == [
        "Sources and their statements per day of publication", "Speakers with the most statements (at most 10)",
        "Sources and statements per outlet (the 10 largest at most)", "How many stories have each number of statements",
        "How many sources have each number of statements",
        "Entities by type", "Rows added, removed and changed per table"]  # no cluster in the small dataset
    assert "All checks passed" in html and f"Against release {first.id}" in html
    assert "merged · ent_" in html  # the redirect among the changes
    cluster_f1 = load_quality()["figures"]["clusters"]["cluster_f1"]
    assert f"cluster_f1 {cluster_f1:.3f}" in html


def test_the_report_of_an_earlier_release_goes_where_asked(small_tables, tmp_path, capsys):
    store, first, _ = two_releases(small_tables, tmp_path)
    target = tmp_path / "first.html"
    assert main(["report", "--output", str(store.root), "--release", first.id, "--to", str(target)]) == 0
    assert "This is the first release" in target.read_text()
    assert main(["report", "--output", str(store.root), "--release", "nope"]) == 2
    assert capsys.readouterr().err.startswith("newsledger report: error: no release nope")


def test_failed_checks_show_under_data_quality(small_tables, tmp_path):
    _, _, second = two_releases(small_tables, tmp_path)
    os.chmod(second.folder / "entities.parquet", 0o644)
    pq.write_table(pq.read_table(second.folder / "entities.parquet").slice(0, 1), second.folder / "entities.parquet")
    html = build_report(second)
    assert "checks failed" in html and "<td>entities</td><td>entities.parquet</td><td>sha256 matches manifest" in html


def data_with(release, views):
    """The report's data over a release whose views are extended as a later schema might."""
    connection = open_release(release)
    for sql in views:
        connection.execute(sql)
    return ReportData(release, connection, [], None, None)


def test_statements_per_story_appear_when_the_release_has_stories(small_tables, tmp_path):
    _, _, second = two_releases(small_tables, tmp_path)
    plain = statements_per_group(data_with(second, []))
    assert [p for p in plain.parts if p.startswith("<h3>")] == ["<h3>Per story</h3>", "<h3>Per cluster</h3>",
                                                                "<h3>Per source</h3>"]
    files = ", ".join(f"'{second.folder / item['path']}'" for item in second.manifest["tables"]["statements"]["files"])
    storied = statements_per_group(data_with(second, [
        f"CREATE OR REPLACE VIEW statements AS SELECT *, 'sto_1' AS story_id FROM read_parquet([{files}])",
        "CREATE OR REPLACE VIEW stories AS SELECT 'sto_1' AS story_id, 'Talks in Brussels' AS title"]))
    assert [p for p in storied.parts if p.startswith("<h3>")][0] == "<h3>Per story</h3>"
    assert "<td>sto_1</td><td class=\"number\">1</td><td>Talks in Brussels</td>" in "".join(storied.parts)


def test_rejected_inputs_appear_when_the_release_has_a_rejects_table(small_tables, tmp_path):
    _, _, second = two_releases(small_tables, tmp_path)
    assert "no rejects table" in "".join(data_quality(data_with(second, [])).parts)
    shown = "".join(data_quality(data_with(second, [
        "CREATE VIEW rejects AS SELECT * FROM (VALUES ('a.html', 'not an article'), ('b.txt', 'empty'), "
        "('c.txt', 'empty')) t(uri, reason)"])).parts)
    assert "3 inputs were rejected." in shown
    assert "<tr><td>empty</td><td class=\"number\">2</td></tr>" in shown and "<td>a.html</td>" in shown
