"""The source list: the example file loads, a bad entry is one line naming it, a plain URL list needs a contact."""

from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.collect.config import load_sources
from pipeline.errors import UserError

REPOSITORY = Path(__file__).resolve().parents[2]


def test_the_documented_example_and_the_demo_load():
    example = load_sources(str(REPOSITORY / "sources.example.toml"))
    assert [o.name for o in example.outlets] == ["Example Daily", "Example Wire"]
    assert example.outlets[1].text_policy == "none" and example.schedule == "*/15 * * * *"
    assert example.outlets[0].wants("https://www.example-daily.test/news/a") is True
    assert example.outlets[0].wants("https://www.example-daily.test/video/news/a") is False
    assert not load_sources(str(REPOSITORY / "demo" / "sources.toml")).politeness.revisit_after_seconds


@pytest.mark.parametrize("body, message", [
    ('contact = "https://x.org"\n[[outlets]]\nname = "Gazette"\nhomepage = "https://g.test/"\nfeeds = ["nope"]\n',
     "outlets[0] (Gazette) feeds[0]: Input should be a valid URL"),
    ('contact = "https://x.org"\n[[outlets]]\nname = "Gazette"\nhomepage = "https://g.test/"\ntext_policy = "some"\n',
     "outlets[0] (Gazette) text_policy: Input should be 'full', 'excerpt' or 'none'"),
    ('contact = "https://x.org"\n[[outlets]]\nname = "G"\nhomepage = "https://g.test/"\nexclude = ["("]\n',
     "outlets[0] (G) exclude: Value error, invalid regular expression"),
    ('contact = "me"\n', "contact: Value error, must be an http(s) URL or a mailto: address"),
    ('contact = "https://x.org"\n[politeness]\nretries = -1\n', "politeness retries: Input should be greater"),
    ('contact = "https://x.org"\nfeeds = []\n', "feeds: Extra inputs are not permitted"),
    ("contact = \n", "not valid TOML"),
])
def test_a_bad_source_list_is_one_line_naming_the_entry_and_field(tmp_path, body, message):
    path = tmp_path / "sources.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(UserError, match=r"sources\.toml: ") as error:
        load_sources(str(path))
    assert message in str(error.value) and "\n" not in str(error.value)


def test_yaml_and_a_plain_url_list(tmp_path, monkeypatch):
    yaml_list = tmp_path / "sources.yaml"
    yaml_list.write_text("contact: mailto:news@example.org\nurls: [https://a.test/x]\n", encoding="utf-8")
    assert [str(u) for u in load_sources(str(yaml_list)).urls] == ["https://a.test/x"]
    plain = tmp_path / "urls.txt"
    plain.write_text("# two articles\nhttps://a.test/1\n\nhttps://b.test/2\n", encoding="utf-8")
    monkeypatch.delenv("NEWSLEDGER_CONTACT", raising=False)
    with pytest.raises(UserError, match="NEWSLEDGER_CONTACT"):
        load_sources(str(plain))
    monkeypatch.setenv("NEWSLEDGER_CONTACT", "https://example.org/crawler")
    assert [str(u) for u in load_sources(str(plain)).urls] == ["https://a.test/1", "https://b.test/2"]


def test_collect_with_a_bad_source_list_exits_with_one_line(tmp_path, capsys):
    assert main(["collect", "--sources", str(tmp_path / "missing.toml"), "--output", str(tmp_path)]) == 2
    error = capsys.readouterr().err.strip()
    assert error == f"newsledger collect: error: source list not found: {tmp_path / 'missing.toml'}"
