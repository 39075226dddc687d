"""Every chart, on a desktop and on a phone: text at least 14 px in the service's own
fonts, no label outside its drawing or on top of another, the data closed until asked
for, no serious accessibility problem, and a picture that is really there (issue 18).
"""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from playwright.sync_api import Page, ViewportSize, expect

from tests.system.support import AccessibilityCheck, PageOpener, ShellRunner

pytestmark = pytest.mark.browser

DESKTOP: ViewportSize = {"width": 1280, "height": 900}
PHONE: ViewportSize = {"width": 375, "height": 740}


def _first_link_in(selector: str) -> Callable[[Page], None]:
    def follow(page: Page) -> None:
        page.locator(f"{selector} a").first.click()

    return follow


def _first_bulletin(page: Page) -> None:
    page.locator("#bulletins a").first.click()


def _first_closed_wave(page: Page) -> None:
    page.get_by_role("link", name="Results").first.click()


# (test id, persona, path, how to reach the page from there)
PAGES: list[tuple[str, str, str, Callable[[Page], None] | None]] = [
    ("learning dashboard", "analyst", "/learning/dashboard/", None),
    ("a theme", "analyst", "/learning/themes/", _first_link_in("#confirmed-themes")),
    ("a bulletin", "analyst", "/lessons/", _first_bulletin),
    ("improvement measures", "manager", "/ideas/measures/", None),
    ("feedback results", "manager", "/feedback/results/", None),
    ("survey results", "manager", "/surveys/", _first_closed_wave),
    ("workforce", "manager", "/health/workforce/", None),
    ("absence", "manager", "/health/absence/", None),
    ("demand", "manager", "/health/demand/", None),
    # The DfE's published years (issue 20, ADR 0024), with the dfe_figures loaded.
    ("health trends", "manager", "/health/trends/", None),
]

# A slice of the DfE's published statistics: England's and each area's referrals and
# section 47 enquiries (the trends page's default measures), child protection plans, and
# the statistical neighbours the demo's area is compared with.
DFE_SLICE = (
    "sn_model_2025_wide.csv",
    "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv",
    "c4_children_in_need_section_47s_and_icpcs_2013_to_2025.csv",
    "d5_cpps_at31march_by_duration_2013_to_2025.csv",
)
LOAD_DFE = """
import shutil, tempfile
from pathlib import Path
from django.conf import settings
from candour.workforce.imports.services import load_dfe
with tempfile.TemporaryDirectory() as slice_dir:
    for name in {names!r}:
        shutil.copy(Path(settings.CANDOUR_DFE_DIR) / name, Path(slice_dir) / name)
    print(load_dfe(Path(slice_dir)).values)
"""


@pytest.fixture(scope="session")
def dfe_figures(candour_shell: ShellRunner) -> int:
    """The DfE slice loaded into the test server's database (the demo loads none)."""
    loaded = int(candour_shell(LOAD_DFE.format(names=DFE_SLICE)).strip().splitlines()[-1])
    assert loaded > 1000
    return loaded


# For every chart drawing shown: its texts' sizes as shown (the font size times the
# drawing's scale), their fonts, and their boxes, beside the drawing's own box.
MEASURE = """() => [...document.querySelectorAll("svg.candour-chart__svg")]
  .filter((svg) => svg.getClientRects().length > 0)
  .map((svg) => {
    const box = svg.getBoundingClientRect();
    const scale = box.width / svg.viewBox.baseVal.width;
    return {
      title: svg.querySelector("title").textContent,
      variant: svg.getAttribute("class"),
      box: [box.left, box.top, box.right, box.bottom],
      texts: [...svg.querySelectorAll("text")].map((text) => {
        const style = getComputedStyle(text);
        const rect = text.getBoundingClientRect();
        return {
          text: text.textContent,
          shown: parseFloat(style.fontSize) * scale,
          computed: parseFloat(style.fontSize),
          family: style.fontFamily,
          box: [rect.left, rect.top, rect.right, rect.bottom],
        };
      }),
    };
  })"""


def _overlap(a: list[float], b: list[float]) -> float:
    """How far two boxes overlap, as the smaller of the overlap's width and height."""
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return min(width, height) if width > 0 and height > 0 else 0.0


def _problems(charts: list[dict[str, Any]]) -> list[str]:
    problems = []
    for chart in charts:
        name = f"{chart['title'][:60]} ({chart['variant'].split('--')[-1]})"
        left, top, right, bottom = chart["box"]
        texts = [t for t in chart["texts"] if t["text"].strip()]
        for text in texts:
            if text["shown"] < 14 or text["computed"] < 14:
                problems.append(f"{name}: {text['text']!r} is {text['shown']:.1f}px")
            if "GDS Transport" in text["family"] or not text["family"].startswith("system-ui"):
                problems.append(f"{name}: {text['text']!r} is in {text['family']}")
            x1, y1, x2, y2 = text["box"]
            if x1 < left - 1 or x2 > right + 1 or y1 < top - 1 or y2 > bottom + 1:
                problems.append(f"{name}: {text['text']!r} runs outside the chart")
        for index, first in enumerate(texts):
            for second in texts[index + 1 :]:
                if _overlap(first["box"], second["box"]) > 1:
                    problems.append(f"{name}: {first['text']!r} overlaps {second['text']!r}")
    return problems


def _not_blank(png: bytes, width: float) -> None:
    """The picture is as wide as the chart and has ink on it, in more than one colour."""
    image = Image.open(BytesIO(png)).convert("RGB")
    assert abs(image.width - round(width)) <= 1, (image.width, width)
    colours = image.getcolors(maxcolors=1 << 16) or []
    inked = sum(count for count, colour in colours if colour != (255, 255, 255))
    assert inked > image.width * image.height * 0.02, "the chart is blank"
    assert len(colours) > 3, "the chart is one flat colour"


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop 1280", "phone 375"])
@pytest.mark.parametrize(
    ("persona", "path", "action"), [p[1:] for p in PAGES], ids=[p[0] for p in PAGES]
)
def test_given_a_page_of_charts_when_shown_on_a_screen_then_every_chart_is_legible(
    signed_in_page: PageOpener,
    serious_accessibility_problems: AccessibilityCheck,
    request: pytest.FixtureRequest,
    tmp_path: Path,
    viewport: ViewportSize,
    persona: str,
    path: str,
    action: Callable[[Page], None] | None,
) -> None:
    if path == "/health/trends/":
        request.getfixturevalue("dfe_figures")
    page = signed_in_page(persona)
    page.set_viewport_size(viewport)
    page.goto(path)
    if action is not None:
        action(page)
    figures = page.locator("figure.candour-chart")
    expect(figures.first).to_be_visible()

    charts: list[dict[str, Any]] = page.evaluate(MEASURE)

    # One drawing shown for each chart with something to draw, none wider than the page.
    drawn = figures.count() - page.locator("figure.candour-chart .candour-chart__empty").count()
    assert len(charts) == drawn
    if path == "/health/trends/":
        # England's and the area's referrals and section 47 enquiries, year on year.
        expect(page.locator("#trend-referrals_count")).to_be_visible()
        expect(page.locator("#trend-s47_count")).to_be_visible()
        expect(page.locator("#dfe-area")).to_contain_text("This area")
        assert drawn >= 2
    assert all(chart["box"][2] <= viewport["width"] for chart in charts)
    assert _problems(charts) == []
    # Each chart's data is one click away, and closed until then.
    expect(figures.locator("details")).to_have_count(figures.count())
    expect(figures.locator("details[open]")).to_have_count(0)
    expect(figures.locator("details table").first).to_be_hidden()
    assert serious_accessibility_problems(page) == []

    first = figures.first.locator("svg.candour-chart__svg:visible").first
    picture = tmp_path / "chart.png"
    png = first.screenshot(path=str(picture))
    assert picture.exists()
    _not_blank(png, first.bounding_box()["width"])  # type: ignore[index]

    # Opened, the data is a table with a row for each bar or point.
    figures.first.locator("summary").click()
    expect(figures.first.locator("details table")).to_be_visible()
    expect(figures.first.locator("details table tbody tr").first).to_be_visible()
