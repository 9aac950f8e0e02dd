"""Ingest: find input files and read them into `RawArticle` records (see `schemas.records`), one reader per
format (`pipeline.ingest.readers`)."""

from pathlib import Path

from pipeline.errors import UserError
from pipeline.ingest.decode import decode_bytes, sha256_hex
from pipeline.ingest.readers import reader_for, supported_suffixes
from pipeline.ingest.readers.plain import text_record
from schemas.records import RawArticle

__all__ = ["InputError", "decode_bytes", "discover_inputs", "read_input", "sha256_hex", "text_record"]


class InputError(UserError):
    """A path the user gave cannot be read as news input (the message is one line)."""


def discover_inputs(paths: list[str]) -> list[str]:
    """Supported files among `paths` (folders searched recursively), sorted and without repeats."""
    found = set()
    for given in paths:
        path = Path(given)
        if not path.exists():
            raise InputError(f"input path does not exist: {given}")
        if path.is_dir():
            in_folder = [str(p) for p in path.rglob("*") if p.is_file() and reader_for(str(p))]
            if not in_folder:
                raise InputError(f"no supported input file ({supported_suffixes()}) in folder: {given}")
            found.update(in_folder)
        elif reader_for(str(path)):
            found.add(str(path))
        else:
            raise InputError(f"unsupported input file type: {given}")
    return sorted(found)


def read_input(path: str) -> list[RawArticle]:
    """The articles of one input file, in file order."""
    reader = reader_for(path)
    if reader is None:
        raise InputError(f"unsupported input file type: {path}")
    try:
        return reader(path)
    except UserError as error:
        raise InputError(str(error)) from error
    except (OSError, ValueError) as error:  # unreadable file, invalid JSON, broken WARC
        raise InputError(f"cannot read {path}: {error}") from error
