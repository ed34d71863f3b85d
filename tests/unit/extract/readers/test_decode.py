"""Stage: bytes to text (readers/decode.py). It hands over the text exactly as decoded, or a ReadError
naming the file."""
import codecs
from pathlib import Path

import pytest

from evkg.core.errors import ReadError
from evkg.extract.readers.decode import decode, read_bytes

PATH = Path("invented.txt")
TEXT = "肝动脉灌注化疗（HAIC）\r\nORR 为 16.7%\u3000\n"


@pytest.mark.parametrize("raw", [TEXT.encode("utf-8"), codecs.BOM_UTF8 + TEXT.encode("utf-8"),
                                 codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
                                 codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
                                 codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"), TEXT.encode("gb18030")])
def test_every_encoding_hands_over_the_same_text_without_its_byte_order_mark(raw):
    assert decode(raw, PATH) == TEXT


@pytest.mark.parametrize("raw, reason", [
    (b"text\x00" * 10, "binary"),
    (TEXT.encode("utf-8")[:-2], "truncated"),
    (codecs.BOM_UTF8 + b"\xff\xfe bad", "byte-order mark"),
    (b"\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0e" * 20, "binary"),
])
def test_undecodable_bytes_are_a_read_error_naming_the_file(raw, reason):
    with pytest.raises(ReadError, match=reason) as e:
        decode(raw, PATH)
    assert str(e.value).startswith("invented.txt: ")


def test_read_bytes_refuses_empty_and_missing_files(tmp_path):
    (tmp_path / "blank.txt").write_bytes(b" \n\t ")
    with pytest.raises(ReadError, match="empty"):
        read_bytes(tmp_path / "blank.txt")
    with pytest.raises(ReadError, match="cannot read file"):
        read_bytes(tmp_path / "missing.txt")
    (tmp_path / "ok.txt").write_bytes(b"x")
    assert read_bytes(tmp_path / "ok.txt") == b"x"
