"""Chart geometry for the report pages: from figures to positions, in plain Python.

The SVG partials in templates/reports/includes/ only place what is computed here, so the
charts need no JavaScript, print as they show, and the geometry is unit-tested. Right-to-left
pages get a mirrored chart: bars grow from the right, labels sit on the right, and the heat
map's first column is the rightmost. Text anchors are given for the chart's own direction
(the SVG carries `direction="rtl"` in Arabic), where "start" is the right edge of a text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

# Bar charts: a label column, the bars, and room for the number after the longest bar.
BAR_CHART_WIDTH = 720
BAR_LABEL_WIDTH = 270
BAR_VALUE_WIDTH = 70
BAR_HEIGHT = 22
BAR_GAP = 8
BAR_MARGIN = 8
TEXT_GAP = 6
# SVG text does not wrap: a label longer than this is shortened (the full one is in the bar's
# tooltip and in the table under the chart).
LABEL_CHARACTERS = 40

# Heat map: a column of row labels, then one column per value.
HEAT_LABEL_WIDTH = 180
HEAT_CELL_WIDTH = 100
HEAT_CELL_HEIGHT = 40
HEAT_LINE_HEIGHT = 16
HEAT_HEADER_CHARACTERS = 14
HEAT_MARGIN = 4
# From the palest red (few practices) to the site's dark red (the most); empty cells grey.
SCALE_LOW = (0xFB, 0xE3, 0xE6)
SCALE_HIGH = (0x9B, 0x0C, 0x23)
EMPTY_FILL = "#eeeeef"
DARK_TEXT = "#1d1d1f"
LIGHT_TEXT = "#ffffff"


@dataclass(frozen=True)
class ChartItem:
    """One figure to draw: `text` is the number as the page shows it (localised, with a unit);
    a value of None is "no data" and draws no bar."""

    code: str
    label: str
    value: float | int | None
    text: str = ""
    url: str = ""

    @property
    def shown_text(self) -> str:
        if self.text:
            return self.text
        return "—" if self.value is None else str(self.value)


@dataclass(frozen=True)
class Bar:
    code: str
    label: str
    full_label: str
    value: float | int | None
    text: str
    url: str
    x: float
    y: float
    width: float
    height: float
    label_x: float
    value_x: float
    text_y: float


@dataclass(frozen=True)
class BarChart:
    bars: list[Bar]
    width: int
    height: int
    rtl: bool
    axis_x: float
    # For the chart's own direction: labels end next to the axis, numbers start after a bar.
    label_anchor: str = "end"
    value_anchor: str = "start"

    @property
    def direction(self) -> str:
        return "rtl" if self.rtl else "ltr"

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"


def tidy(number: float) -> float | int:
    """A coordinate as SVG shows it best: whole numbers without ".0", others to 2 places."""
    number = round(float(number), 2)
    return int(number) if number.is_integer() else number


def shorten(label: str, limit: int = LABEL_CHARACTERS) -> str:
    if len(label) <= limit:
        return label
    return label[: limit - 1].rstrip() + "…"


def bar_chart(items: Sequence[ChartItem], *, rtl: bool = False) -> BarChart:
    """Horizontal bars, the longest as wide as the bar area; zero and "no data" draw none."""
    bar_area = BAR_CHART_WIDTH - BAR_LABEL_WIDTH - BAR_VALUE_WIDTH
    largest = max((item.value or 0 for item in items), default=0)
    axis_x = BAR_CHART_WIDTH - BAR_LABEL_WIDTH if rtl else BAR_LABEL_WIDTH
    bars = []
    for index, item in enumerate(items):
        value = item.value or 0
        width = round(bar_area * value / largest, 2) if largest > 0 else 0.0
        y = BAR_MARGIN + index * (BAR_HEIGHT + BAR_GAP)
        if rtl:
            x = axis_x - width
            label_x = axis_x + TEXT_GAP
            value_x = x - TEXT_GAP
        else:
            x = axis_x
            label_x = axis_x - TEXT_GAP
            value_x = x + width + TEXT_GAP
        bars.append(
            Bar(
                code=item.code,
                label=shorten(item.label),
                full_label=item.label,
                value=item.value,
                text=item.shown_text,
                url=item.url,
                x=tidy(x),
                y=tidy(y),
                width=tidy(width),
                height=BAR_HEIGHT,
                label_x=tidy(label_x),
                value_x=tidy(value_x),
                text_y=tidy(y + BAR_HEIGHT / 2),
            )
        )
    height = 2 * BAR_MARGIN + len(items) * (BAR_HEIGHT + BAR_GAP) - (BAR_GAP if items else 0)
    return BarChart(bars=bars, width=BAR_CHART_WIDTH, height=height, rtl=rtl, axis_x=tidy(axis_x))


# --- Heat map -------------------------------------------------------------------------------


@dataclass(frozen=True)
class HeatCell:
    row: str
    column: str
    row_label: str
    column_label: str
    count: int
    is_gap: bool
    url: str
    x: float
    y: float
    width: float
    height: float
    fill: str
    text_fill: str
    text_x: float
    text_y: float


@dataclass(frozen=True)
class HeatLabel:
    code: str
    lines: list[str]
    x: float
    y: float


@dataclass(frozen=True)
class HeatMap:
    rows: list[list[HeatCell]]
    row_labels: list[HeatLabel]
    column_labels: list[HeatLabel]
    width: int
    height: int
    rtl: bool
    maximum: int
    threshold: int
    legend: list[tuple[int, str]] = field(default_factory=list)
    # Row labels start at the outer edge (the left in English, the right in Arabic).
    row_label_anchor: str = "start"

    @property
    def direction(self) -> str:
        return "rtl" if self.rtl else "ltr"

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"

    @property
    def gaps(self) -> list[HeatCell]:
        return [cell for row in self.rows for cell in row if cell.is_gap]


def wrap(text: str, limit: int = HEAT_HEADER_CHARACTERS) -> list[str]:
    """Words in lines of at most `limit` characters (a longer word keeps its own line)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= limit:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _mix(low: int, high: int, share: float) -> int:
    return round(low + (high - low) * share)


def colour(count: int, maximum: int) -> str:
    """The fill of a cell: grey when empty, then paler to darker red as the count grows."""
    if count <= 0 or maximum <= 0:
        return EMPTY_FILL
    share = min(count / maximum, 1.0)
    red, green, blue = (
        _mix(low, high, share) for low, high in zip(SCALE_LOW, SCALE_HIGH, strict=True)
    )
    return f"#{red:02x}{green:02x}{blue:02x}"


def text_colour(count: int, maximum: int) -> str:
    # White reads on the darker half of the scale, dark ink on the paler half.
    return LIGHT_TEXT if maximum > 0 and count / maximum > 0.5 else DARK_TEXT


def heat_map(
    rows: Sequence[tuple[str, str]],
    columns: Sequence[tuple[str, str]],
    counts: dict[str, dict[str, int]],
    *,
    threshold: int,
    rtl: bool = False,
    url_for: Callable[[str, str], str] | None = None,
) -> HeatMap:
    """A grid of `rows` by `columns` (each (code, label)) coloured by count; a cell with fewer
    than `threshold` is a gap and gets the link `url_for(row, column)`."""
    headers = [(code, wrap(label)) for code, label in columns]
    header_lines = max((len(lines) for _code, lines in headers), default=1)
    top = HEAT_MARGIN + header_lines * HEAT_LINE_HEIGHT + HEAT_MARGIN
    width = HEAT_LABEL_WIDTH + len(columns) * HEAT_CELL_WIDTH + 2 * HEAT_MARGIN
    height = top + len(rows) * HEAT_CELL_HEIGHT + HEAT_MARGIN
    maximum = max(
        (counts.get(row, {}).get(column, 0) for row, _label in rows for column, _l in columns),
        default=0,
    )

    def column_x(index: int) -> float:
        if rtl:
            return width - HEAT_MARGIN - HEAT_LABEL_WIDTH - (index + 1) * HEAT_CELL_WIDTH
        return HEAT_MARGIN + HEAT_LABEL_WIDTH + index * HEAT_CELL_WIDTH

    column_labels = [
        HeatLabel(
            code=code,
            lines=lines,
            x=tidy(column_x(index) + HEAT_CELL_WIDTH / 2),
            # The last line sits just above the grid; longer headers grow upwards.
            y=tidy(top - HEAT_MARGIN - (len(lines) - 1) * HEAT_LINE_HEIGHT - 4),
        )
        for index, (code, lines) in enumerate(headers)
    ]
    grid, row_labels = [], []
    for row_index, (row, row_label) in enumerate(rows):
        y = top + row_index * HEAT_CELL_HEIGHT
        row_labels.append(
            HeatLabel(
                code=row,
                lines=[row_label],
                x=tidy(width - HEAT_MARGIN - TEXT_GAP if rtl else HEAT_MARGIN + TEXT_GAP),
                y=tidy(y + HEAT_CELL_HEIGHT / 2),
            )
        )
        cells = []
        for column_index, (column, column_label) in enumerate(columns):
            count = counts.get(row, {}).get(column, 0)
            x = column_x(column_index)
            is_gap = count < threshold
            cells.append(
                HeatCell(
                    row=row,
                    column=column,
                    row_label=row_label,
                    column_label=column_label,
                    count=count,
                    is_gap=is_gap,
                    url=url_for(row, column) if is_gap and url_for else "",
                    x=tidy(x),
                    y=tidy(y),
                    width=HEAT_CELL_WIDTH,
                    height=HEAT_CELL_HEIGHT,
                    fill=colour(count, maximum),
                    text_fill=text_colour(count, maximum),
                    text_x=tidy(x + HEAT_CELL_WIDTH / 2),
                    text_y=tidy(y + HEAT_CELL_HEIGHT / 2),
                )
            )
        grid.append(cells)
    legend_values = sorted(
        value for value in {0, 1, (maximum + 1) // 2, maximum} if value <= maximum
    )
    legend = [(value, colour(value, maximum)) for value in legend_values]
    return HeatMap(
        rows=grid,
        row_labels=row_labels,
        column_labels=column_labels,
        width=width,
        height=height,
        rtl=rtl,
        maximum=maximum,
        threshold=threshold,
        legend=legend,
    )
