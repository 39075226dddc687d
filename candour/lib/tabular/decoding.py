"""Turn an uploaded file's bytes into text, as councils' spreadsheets actually save them."""

from __future__ import annotations

from dataclasses import dataclass

UTF8 = "utf-8"
WINDOWS_1252 = "cp1252"

_UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")


class UndecodableFileError(ValueError):
    """The bytes are neither UTF-8 nor Windows-1252; the message says what to do."""


@dataclass(frozen=True, slots=True)
class DecodedText:
    text: str
    encoding: str
    had_bom: bool

    def describe(self) -> str:
        if self.encoding == WINDOWS_1252:
            return "Windows-1252 (an older Excel 'CSV' export)"
        return "UTF-8 with a byte-order mark" if self.had_bom else "UTF-8"


def decode(data: bytes) -> DecodedText:
    """UTF-8 (with or without Excel's byte-order mark) first, then Windows-1252."""
    if data.startswith(_UTF16_MARKS):
        raise UndecodableFileError(
            "the file is saved as UTF-16 ('Unicode text'): save it as 'CSV UTF-8' and try again"
        )
    had_bom = data.startswith(b"\xef\xbb\xbf")
    try:
        return DecodedText(data.decode("utf-8-sig"), UTF8, had_bom)
    except UnicodeDecodeError:
        pass
    try:
        return DecodedText(data.decode(WINDOWS_1252), WINDOWS_1252, had_bom=False)
    except UnicodeDecodeError as error:
        raise UndecodableFileError(
            f"the file is not readable as UTF-8 or Windows-1252 (byte {error.start + 1}): "
            "save it as 'CSV UTF-8' and try again"
        ) from error
