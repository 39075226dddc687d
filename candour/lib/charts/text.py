"""How wide a label is, so that a chart can wrap or shorten it before it overlaps or is cut.

Widths are DejaVu Sans's advance widths (per 1,000 units of the font size). The service's
font stack is system-ui, -apple-system, "Segoe UI", Arial, sans-serif: on Linux system-ui
is DejaVu Sans, and the others are narrower, so a label measured here never takes more
room on screen or in the PDF than it was given. No label is ever rotated.
"""

from __future__ import annotations

FONT_SIZE = 16  # every chart text, in user units: at least 14 CSS px as shown (ADR 0026)
LINE_HEIGHT = 20
ELLIPSIS = "…"

_ASCII = "".join(chr(code) for code in range(32, 127))
# fmt: off
_REGULAR = (
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636,
    636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684,
    686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695,
    635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550,
    635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392,
    634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
)
_BOLD = (
    348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696,
    696, 696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774,
    762, 734, 830, 683, 683, 821, 837, 372, 372, 775, 637, 995, 837, 850, 733, 850, 770,
    720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838, 500, 500, 675, 716, 593,
    716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595, 478,
    712, 652, 924, 645, 652, 582, 712, 365, 712, 838,
)
# fmt: on
_WIDTHS = dict(zip(_ASCII, _REGULAR, strict=True))
_BOLD_WIDTHS = dict(zip(_ASCII, _BOLD, strict=True))
# Punctuation and symbols people type, by code point: pound, euro, dashes, curly quotes,
# ellipsis, middle dot, multiplication sign.
_WIDTHS.update(
    {
        chr(code): width
        for code, width in (
            (0xA3, 636), (0x20AC, 636), (0x2013, 500), (0x2014, 1000), (0x2018, 318),
            (0x2019, 318), (0x201C, 518), (0x201D, 518), (0x2026, 1000), (0xB7, 318),
            (0xD7, 838),
        )
    }
)  # fmt: skip
# Anything else (accented letters, other scripts) is taken as wide as a capital M.
_OTHER = 870
# Kerning, hinting and rounding differ between renderers: keep a little in hand.
_SAFETY = 1.04


def text_width(text: str, size: float = FONT_SIZE, *, bold: bool = False) -> float:
    """The most room `text` takes at `size` in any font of the service's stack."""
    widths = _BOLD_WIDTHS if bold else _WIDTHS
    units = sum(widths.get(char, _WIDTHS.get(char, _OTHER)) for char in text)
    return units * size / 1000 * _SAFETY


def shorten(text: str, width: float, size: float = FONT_SIZE) -> str:
    """`text`, cut at a word where it can be and ended with an ellipsis, to fit `width`."""
    if text_width(text, size) <= width:
        return text
    cut = text
    while cut and text_width(cut.rstrip() + ELLIPSIS, size) > width:
        cut = cut[:-1]
    # Cut back to the last whole word, unless that would leave almost nothing.
    word_end = cut.rstrip().rfind(" ")
    if word_end > len(cut) // 2:
        cut = cut[:word_end]
    return cut.rstrip(" ,;:-") + ELLIPSIS if cut.strip() else ELLIPSIS


def wrap(text: str, width: float, size: float = FONT_SIZE, *, max_lines: int = 2) -> list[str]:
    """`text` in lines no wider than `width`, at most `max_lines`, the last one shortened
    with an ellipsis if the words do not all fit (the data table has the whole text)."""
    lines: list[str] = []
    words = text.split()
    while words:
        line = words.pop(0)
        while words and text_width(f"{line} {words[0]}", size) <= width:
            line = f"{line} {words.pop(0)}"
        if len(lines) == max_lines - 1:
            rest = " ".join([line, *words])
            lines.append(shorten(rest, width, size))
            return lines
        lines.append(shorten(line, width, size))
    return lines or [""]
