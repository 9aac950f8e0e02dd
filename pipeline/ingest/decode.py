"""Bytes to text: encodings detected, mojibake repaired, newlines and Unicode normalised, as every reader needs."""

import hashlib
import unicodedata

import ftfy

# ftfy settings that repair mojibake but leave everything else as written: quotation marks stay curly
# (statements are delimited by them), line breaks and character widths stay, HTML entities stay literal.
FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    normalization="NFC",
)


def decode_bytes(raw: bytes) -> str:
    """Text from bytes: UTF-8 (BOM dropped) else Windows-1252, newlines as Python's text mode reads them,
    mojibake repaired and NFC-normalised."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # cp1252 leaves five byte values undefined; those only occur in Latin-1 (C1 controls).
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            text = raw.decode("latin-1")
    return repair_text(text.replace("\r\n", "\n").replace("\r", "\n"))


def repair_text(text: str) -> str:
    """Mojibake repaired (ftfy, quotes and layout untouched) and NFC-normalised."""
    return unicodedata.normalize("NFC", ftfy.fix_text(text, config=FTFY_CONFIG))


def sha256_hex(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()
