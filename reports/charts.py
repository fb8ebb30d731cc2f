"""Chart geometry for the report pages: from figures to positions, in plain Python.

The SVG partials in templates/reports/includes/ only place what is computed here, so the
charts need no JavaScript, print as they show, and the geometry is unit-tested. Right-to-left
pages get a mirrored chart: bars grow from the right, labels sit on the right, and the heat
map's first column is the rightmost. Text anchors are given for the chart's own direction
(the SVG carries `direction="rtl"` in Arabic), where "start" is the right edge of a text.

Charts fit the width of the screen with their text at its normal size. A bar chart is drawn
in percentages of its width (heights in pixels) with each label on its own line above its bar,
so it needs no label column and stretches to any width. A heat map cannot stretch that way (its
column headings need their room), so it has two drawings, each scaled by its viewBox: the wide
one, and a narrow one with rows under their labels and upright headings, sized for a phone;
the stylesheet shows one or the other.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

# Bar charts, in pixels down and per cent across: a label line, then its bar.
BAR_LABEL_HEIGHT = 18
BAR_HEIGHT = 20
BAR_GAP = 10
BAR_MARGIN = 4
TEXT_GAP = 6
# A bar longer than this share of the width carries its number inside its end (in white);
# a shorter one has it just after, where the rest of the width leaves room for it.
VALUE_INSIDE_FROM_PERCENT = 60
# SVG text does not wrap: a label longer than this is shortened to fit a phone's width (the
# full one is in the bar's tooltip and in the table under the chart).
LABEL_CHARACTERS = 44

# Heat map: a column of row labels, then one column per value.
HEAT_LABEL_WIDTH = 180
HEAT_CELL_WIDTH = 100
HEAT_CELL_HEIGHT = 40
HEAT_LINE_HEIGHT = 16
HEAT_HEADER_CHARACTERS = 14
HEAT_MARGIN = 4
# The narrow drawing: as wide as a phone's page, each row's label on a line above its cells,
# the column headings upright (read from the bottom), in lines of at most this many characters.
NARROW_HEAT_WIDTH = 340
NARROW_HEAT_ROW_LABEL_HEIGHT = 18
NARROW_HEAT_CELL_HEIGHT = 32
NARROW_HEAT_ROW_GAP = 6
NARROW_HEAT_HEADER_CHARACTERS = 16
# Enough for the bold 13 px headings of every language, at most 16 characters a line.
NARROW_HEAT_CHARACTER_WIDTH = 7.5
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
    """One bar: `x`, `width` and `value_x` are per cent of the chart's width; `value_dx`
    moves the number off the bar's end, in pixels; the others are pixels down."""

    code: str
    label: str
    full_label: str
    value: float | int | None
    text: str
    url: str
    x: float
    width: float
    label_y: float
    bar_y: float
    height: float
    value_x: float
    value_dx: float
    value_y: float
    value_inside: bool
    # In the chart's own direction: a number inside ends at the bar's end, one after starts.
    value_anchor: str


@dataclass(frozen=True)
class BarChart:
    bars: list[Bar]
    height: int
    rtl: bool
    # Labels start at the bars' origin: the left in English, the right in Arabic.
    label_x: float
    label_anchor: str = "start"

    @property
    def direction(self) -> str:
        return "rtl" if self.rtl else "ltr"


def tidy(number: float) -> float | int:
    """A coordinate as SVG shows it best: whole numbers without ".0", others to 2 places."""
    number = round(float(number), 2)
    return int(number) if number.is_integer() else number


def shorten(label: str, limit: int = LABEL_CHARACTERS) -> str:
    if len(label) <= limit:
        return label
    return label[: limit - 1].rstrip() + "…"


def bar_chart(items: Sequence[ChartItem], *, rtl: bool = False) -> BarChart:
    """Horizontal bars, the longest as wide as the chart; zero and "no data" draw none."""
    largest = max((item.value or 0 for item in items), default=0)
    pitch = BAR_LABEL_HEIGHT + BAR_HEIGHT + BAR_GAP
    bars = []
    for index, item in enumerate(items):
        value = item.value or 0
        width = 100 * value / largest if largest > 0 else 0.0
        top = BAR_MARGIN + index * pitch
        bar_y = top + BAR_LABEL_HEIGHT
        inside = width > VALUE_INSIDE_FROM_PERCENT
        # The number sits against the bar's end: inside it (towards the origin) or after it.
        away_from_origin = -1 if inside else 1
        if rtl:
            x = 100 - width
            value_x, value_dx = x, -away_from_origin * TEXT_GAP
        else:
            x = 0
            value_x, value_dx = width, away_from_origin * TEXT_GAP
        bars.append(
            Bar(
                code=item.code,
                label=shorten(item.label),
                full_label=item.label,
                value=item.value,
                text=item.shown_text,
                url=item.url,
                x=tidy(x),
                width=tidy(width),
                label_y=tidy(top + BAR_LABEL_HEIGHT / 2),
                bar_y=tidy(bar_y),
                height=BAR_HEIGHT,
                value_x=tidy(value_x),
                value_dx=value_dx,
                value_y=tidy(bar_y + BAR_HEIGHT / 2),
                value_inside=inside,
                value_anchor="end" if inside else "start",
            )
        )
    height = 2 * BAR_MARGIN + len(items) * pitch - (BAR_GAP if items else 0)
    return BarChart(bars=bars, height=height, rtl=rtl, label_x=100 if rtl else 0)


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
    """A label: `lines` from `x`, `y` down (wide drawing). An upright heading of the narrow
    drawing has its lines side by side, `upright_lines` as (line, its x), each turned a
    quarter about its own (x, `y`)."""

    code: str
    lines: list[str]
    x: float
    y: float
    upright_lines: list[tuple[str, float]] = field(default_factory=list)


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
    narrow: bool = False
    # An upright heading rises from the grid: its text runs up from its anchor, which in a
    # right-to-left text is its end.
    upright_anchor: str = "start"

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
    narrow: bool = False,
    url_for: Callable[[str, str], str] | None = None,
) -> HeatMap:
    """A grid of `rows` by `columns` (each (code, label)) coloured by count; a cell with fewer
    than `threshold` is a gap and gets the link `url_for(row, column)`. `narrow`: the phone's
    drawing (see the module's docstring)."""
    maximum = max(
        (counts.get(row, {}).get(column, 0) for row, _label in rows for column, _l in columns),
        default=0,
    )
    if narrow:
        layout = _narrow_layout(rows, columns, rtl=rtl)
    else:
        layout = _wide_layout(rows, columns, rtl=rtl)
    grid = []
    for row_index, (row, row_label) in enumerate(rows):
        cells = []
        for column_index, (column, column_label) in enumerate(columns):
            count = counts.get(row, {}).get(column, 0)
            x, y = layout.cell(row_index, column_index)
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
                    width=tidy(layout.cell_width),
                    height=layout.cell_height,
                    fill=colour(count, maximum),
                    text_fill=text_colour(count, maximum),
                    text_x=tidy(x + layout.cell_width / 2),
                    text_y=tidy(y + layout.cell_height / 2),
                )
            )
        grid.append(cells)
    legend_values = sorted(
        value for value in {0, 1, (maximum + 1) // 2, maximum} if value <= maximum
    )
    legend = [(value, colour(value, maximum)) for value in legend_values]
    return HeatMap(
        rows=grid,
        row_labels=layout.row_labels,
        column_labels=layout.column_labels,
        width=layout.width,
        height=layout.height,
        rtl=rtl,
        maximum=maximum,
        threshold=threshold,
        legend=legend,
        narrow=narrow,
        upright_anchor="end" if rtl else "start",
    )


@dataclass(frozen=True)
class _Layout:
    width: int
    height: int
    cell_width: float
    cell_height: int
    row_labels: list[HeatLabel]
    column_labels: list[HeatLabel]
    # (row index, column index) → the cell's top-left corner
    cell: Callable[[int, int], tuple[float, float]]


def _wide_layout(rows, columns, *, rtl: bool) -> _Layout:
    """Row labels in a column of their own, headings wrapped above each column."""
    headers = [(code, wrap(label)) for code, label in columns]
    header_lines = max((len(lines) for _code, lines in headers), default=1)
    top = HEAT_MARGIN + header_lines * HEAT_LINE_HEIGHT + HEAT_MARGIN
    width = HEAT_LABEL_WIDTH + len(columns) * HEAT_CELL_WIDTH + 2 * HEAT_MARGIN

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
    row_labels = [
        HeatLabel(
            code=row,
            lines=[label],
            x=tidy(width - HEAT_MARGIN - TEXT_GAP if rtl else HEAT_MARGIN + TEXT_GAP),
            y=tidy(top + index * HEAT_CELL_HEIGHT + HEAT_CELL_HEIGHT / 2),
        )
        for index, (row, label) in enumerate(rows)
    ]
    return _Layout(
        width=width,
        height=top + len(rows) * HEAT_CELL_HEIGHT + HEAT_MARGIN,
        cell_width=HEAT_CELL_WIDTH,
        cell_height=HEAT_CELL_HEIGHT,
        row_labels=row_labels,
        column_labels=column_labels,
        cell=lambda row, column: (column_x(column), top + row * HEAT_CELL_HEIGHT),
    )


def _narrow_layout(rows, columns, *, rtl: bool) -> _Layout:
    """Upright headings over columns that share the whole width; each row's label on a line
    of its own above its cells."""
    width = NARROW_HEAT_WIDTH
    cell_width = (width - 2 * HEAT_MARGIN) / max(len(columns), 1)
    headers = [(code, wrap(label, NARROW_HEAT_HEADER_CHARACTERS)) for code, label in columns]
    longest = max((len(line) for _code, lines in headers for line in lines), default=1)
    top = HEAT_MARGIN + round(longest * NARROW_HEAT_CHARACTER_WIDTH) + 2 * HEAT_MARGIN
    pitch = NARROW_HEAT_ROW_LABEL_HEIGHT + NARROW_HEAT_CELL_HEIGHT + NARROW_HEAT_ROW_GAP

    def column_x(index: int) -> float:
        if rtl:
            return width - HEAT_MARGIN - (index + 1) * cell_width
        return HEAT_MARGIN + index * cell_width

    column_labels = []
    for index, (code, lines) in enumerate(headers):
        centre = column_x(index) + cell_width / 2
        # Side by side once upright, the first line on the left, centred on the column.
        upright = [
            (line, tidy(centre + (number - (len(lines) - 1) / 2) * HEAT_LINE_HEIGHT))
            for number, line in enumerate(lines)
        ]
        column_labels.append(
            HeatLabel(
                code=code,
                lines=lines,
                x=tidy(centre),
                y=top - 2 * HEAT_MARGIN,
                upright_lines=upright,
            )
        )
    row_labels = [
        HeatLabel(
            code=row,
            lines=[label],
            x=width - HEAT_MARGIN if rtl else HEAT_MARGIN,
            y=tidy(top + index * pitch + NARROW_HEAT_ROW_LABEL_HEIGHT / 2),
        )
        for index, (row, label) in enumerate(rows)
    ]
    return _Layout(
        width=width,
        height=top + len(rows) * pitch - NARROW_HEAT_ROW_GAP + HEAT_MARGIN,
        cell_width=cell_width,
        cell_height=NARROW_HEAT_CELL_HEIGHT,
        row_labels=row_labels,
        column_labels=column_labels,
        cell=lambda row, column: (
            column_x(column),
            top + row * pitch + NARROW_HEAT_ROW_LABEL_HEIGHT,
        ),
    )
