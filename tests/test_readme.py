"""The README's walk through releases shows what the commands print now: this test runs them on the small build it
describes (tests/fixtures/port_strike) and compares. Release ids, timings and sizes differ from run to run and are
compared as placeholders. After a deliberate change of output, `NEWSLEDGER_UPDATE_README=1 pytest
tests/test_readme.py` writes the new outputs into the README (then read the diff)."""

import os
import re
import shlex
import shutil

from pipeline.cli import main

from conftest import FIXTURES, REPOSITORY

README = REPOSITORY / "README.md"
START, END = "<!-- checked by tests/test_readme.py", "<!-- end of checked outputs -->"
RELEASE_ID = re.compile(r"\b\d{8}T\d{6}Z-[0-9a-f]{8}\b")
# What differs between two builds of the same inputs: the time a run took, and sizes (the code version is inside).
VOLATILE = [(re.compile(r" in \d+\.\ds -> "), " in <seconds> -> "), (re.compile(r"\b\d+(\.\d)? (B|kB|MB)\b"), "<size>"),
            (re.compile(r"[ ─━]+"), " ")]  # a column as wide as a size or id it holds


def parses(command):
    try:
        shlex.split(command)
    except ValueError:  # an open quote: the command goes on on the next line
        return False
    return True


def checked_part(lines):
    """(start, end) line indexes of the README's checked part."""
    return tuple(next(i for i, line in enumerate(lines) if line.startswith(marker)) for marker in (START, END))


def examples(lines):
    """[(command, start, end)] of the checked part: each `$ newsledger ...` in a code block, with the line span of
    the output shown under it."""
    start, end = checked_part(lines)
    found, fenced, i = [], False, start
    while i < end:
        if lines[i].startswith("```"):
            fenced = not fenced
        elif fenced and lines[i].startswith("$ "):
            command = lines[i][2:]
            while not parses(command):
                i += 1
                command += "\n" + lines[i]
            shown = i + 1
            while not lines[shown].startswith(("$ ", "```")):
                shown += 1
            found.append((command, i + 1, shown))
            i = shown - 1
        i += 1
    return found


def normalised(text, ids):
    for rank, release_id in enumerate(sorted(ids), 1):
        text = text.replace(release_id, f"<release {rank}>")
    for pattern, placeholder in VOLATILE:
        text = pattern.sub(placeholder, text)
    return text


def test_the_readme_walk_through_releases_prints_what_it_shows(prefect_server, tmp_path, monkeypatch, capsys):
    lines = README.read_text(encoding="utf-8").splitlines()
    start, end = checked_part(lines)
    shown_ids = sorted(set(RELEASE_ID.findall("\n".join(lines[start:end]))))
    shutil.copytree(FIXTURES / "port_strike", tmp_path / "tests" / "fixtures" / "port_strike")
    monkeypatch.chdir(tmp_path)
    printed = []
    for command, _, _ in examples(lines):
        argv = shlex.split(command)
        built = sorted(p.name for p in (tmp_path / "output" / "releases").glob("2*"))
        argv = [built[shown_ids.index(arg)] if arg in shown_ids else arg for arg in argv]  # Monday's id is ours
        assert argv[0] == "newsledger" and main(argv[1:]) == 0, command
        printed.append(capsys.readouterr().out.rstrip("\n").split("\n"))
    built = sorted(p.name for p in (tmp_path / "output" / "releases").glob("2*"))
    if os.environ.get("NEWSLEDGER_UPDATE_README"):
        for (_, start, end), output in reversed(list(zip(examples(lines), printed))):
            lines[start:end] = output
        text = "\n".join(lines)
        for old, new in zip(shown_ids, built):  # the commands name the releases too ("newsledger pin <id>")
            text = text.replace(old, new)
        README.write_text(text + "\n", encoding="utf-8")
        return
    assert len(shown_ids) == len(built) == 2
    for (command, start, end), output in zip(examples(lines), printed):
        assert normalised("\n".join(output), built) == normalised("\n".join(lines[start:end]), shown_ids), command
