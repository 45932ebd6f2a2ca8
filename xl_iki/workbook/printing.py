"""Print settings shared by every sheet, and page breaks placed where a reader expects them.

Excel and LibreOffice break pages by themselves, wherever a page is full: through a signature
block, or in the middle of a merged Sasaran cell, whose text then stays on the first page
only. So the generator works out the pages itself (the same fit-to-width scale the printer
will use, a little less height than the page has) and sets every break by hand: blocks that
belong together (the table header with the first indicator, the signature) never split, and
a Sasaran that continues on a new page is written there again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import pairwise
from typing import TYPE_CHECKING

from . import layout as L
from .cells import LINE_HEIGHT, lines_needed, span
from .refs import locate

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from .cells import SheetWriter
    from .plainsink import BarChart
    from .plan import Plan

# A4 landscape less the margins page_setup sets, in points
PAGE_WIDTH = (11.69 - 2 * 0.4) * 72
PAGE_HEIGHT = (8.27 - 2 * 0.5) * 72
DEFAULT_HEIGHT = 15.0  # points: the template's default row height
#: of the page height used: printers and programs round sizes differently. LibreOffice
#: measures columns wider than Excel's pixel rule (it prints the jabatan sheet at 53 %, the
#: rule gives 67 %), so its pages hold more rows: breaks planned for Excel hold there too
SAFETY = 0.93


def page_setup(ws: Worksheet) -> None:
    """A4 landscape, fit to width, centred, numbered pages."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    ws.oddFooter.center.text = "Halaman &P dari &N"
    ws.oddFooter.left.text = "&A"


def column_points(width: float) -> float:
    """How wide a column of ``width`` characters prints, in points (Excel's pixel rule)."""
    return (int(width * 7 + 0.5) + 5) * 0.75


def fit_scale(widths: dict[str, float], first: str, last: str) -> float:
    """The scale fit-to-width prints columns ``first``..``last`` at (whole percents, <= 1)."""
    return scale_of(span(widths, first, last))


def scale_of(widths: Iterable[float]) -> float:
    """The scale fit-to-width prints columns of these widths at (whole percents, <= 1)."""
    total = sum(column_points(w) for w in widths)
    return min(100, int(100 * PAGE_WIDTH / total)) / 100


def page_capacity(widths: dict[str, float], first: str, last: str) -> float:
    """How many sheet points of rows a page holds at the planned scale."""
    return PAGE_HEIGHT * SAFETY / fit_scale(widths, first, last)


def page_starts(heights: Callable[[int], float], last: int, capacity: float,
                titles: tuple[int, int], blocks: Iterable[tuple[int, int]]) -> list[int]:
    """The first row of every page after the first, keeping each block on one page.

    ``capacity`` is the page height in sheet points; every page after the ``titles`` rows
    starts with those rows printed again.
    """
    starts = {}
    for first, end in blocks:
        starts[first] = end
    titles_height = sum(heights(r) for r in range(titles[0], titles[1] + 1))
    breaks, used, row = [], 0.0, 1
    while row <= last:
        end = starts.get(row, row)
        size = sum(heights(r) for r in range(row, end + 1))
        if used + size > capacity and used > 0:
            if size > capacity:  # a block taller than a page: break it where the page ends
                end = row
                size = heights(row)
            breaks.append(row)
            used = titles_height if row > titles[1] else 0.0
        used += size
        row = end + 1
    return breaks


def paginate_jabatan(writer: SheetWriter, plan: Plan, areas: list[list[float]],
                     last: int, signature: tuple[int, int] | None) -> list[int]:
    """Set the page breaks of a jabatan sheet whose print areas have visible columns of the
    widths ``areas``; repeat a Sasaran cut by a break.

    The row breaks are shared by the areas: pages hold as many rows as the area printed at
    the largest scale can (an engine that prints every area at one scale fits them too)."""
    custom = writer.heights.points()

    def height(row: int) -> float:
        return custom.get(row, DEFAULT_HEIGHT)

    blocks = []
    if plan.rows:  # the table header never ends a page
        blocks.append((plan.header_row, next(iter(plan.rows.values()))[0]))
    if signature:  # with the table's last indicator, never alone under a repeated header
        last_indicator = list(plan.rows.values())[-1][0] if plan.rows else signature[0]
        blocks.append((last_indicator, signature[1]))
    capacity = PAGE_HEIGHT * SAFETY / max(scale_of(widths) for widths in areas)
    starts = page_starts(height, last, capacity, (plan.header_row, plan.header_row + 1),
                         blocks)
    for start in starts:
        writer.sink.row_break(start - 1)
    _continue_sasaran(writer, plan, starts, custom)
    return starts


def _continue_sasaran(writer: SheetWriter, plan: Plan, starts: list[int],
                      custom: dict[int, float]) -> None:
    """A Sasaran group a page break cuts gets its text again at the top of the new page."""
    groups: dict[int, tuple[int, str]] = {}
    for ind in plan.jabatan.indikator:
        row, parts = plan.rows[ind.id]
        first = plan.sasaran_rows[ind.id]
        groups[first] = (parts[-1] if parts else row, ind.sasaran)
    col = L.SASARAN.letter
    merged = writer.ws.merged_cells
    for first, (end, text) in groups.items():
        cuts = [s for s in starts if first < s <= end]
        if not cuts or not text:
            continue
        for rng in [r for r in merged.ranges if r.coord == f"{col}{first}:{col}{end}"]:
            merged.remove(rng)
        bounds = [first, *cuts, end + 1]
        for top, below in pairwise(bounds):
            if below - 1 > top:
                writer.sink.merge(f"{col}{top}:{col}{below - 1}")
            if top != first:
                writer.put(f"{col}{top}", text, "iki_text")
                rows = range(top, below)
                need = lines_needed(text, L.SASARAN.width) * LINE_HEIGHT + 3
                have = sum(custom.get(r, DEFAULT_HEIGHT) for r in rows)
                if need > have:
                    writer.sink.height(top, custom.get(top, DEFAULT_HEIGHT) + need - have)


CM = 72 / 2.54  # points per centimetre (chart sizes)


def paginate_rekap(writer: SheetWriter, header_row: int, table_last: int,
                   widths: dict[str, float], first: str, last: str,
                   chart: BarChart | None) -> None:
    """Rekap sections on their own pages: the indicator header repeats only while the table
    runs over several pages, and a chart that does not fit under the summary starts a page."""
    custom = writer.heights.points()

    def height(row: int) -> float:
        return custom.get(row, DEFAULT_HEIGHT)

    capacity = page_capacity(widths, first, last)
    if sum(height(r) for r in range(1, table_last + 1)) > capacity:
        writer.sink.print_titles(f"{header_row}:{header_row}")
    if chart is not None:
        anchor = locate(chart.anchor)[0]
        summary = sum(height(r) for r in range(table_last + 3, anchor))
        if summary + chart.height * CM > capacity:
            writer.sink.row_break(anchor - 2)
