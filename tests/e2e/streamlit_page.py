"""Small Playwright helpers for Streamlit pages: wait for a run to finish, type into a data editor's cells."""

from __future__ import annotations

from typing import Any

IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
ROW_HEIGHT = 35  # Streamlit's default data-editor row (and header) height in pixels


def wait_idle(page: Any) -> None:
    """Wait until the script run the last action started has finished."""
    page.wait_for_timeout(300)
    page.wait_for_selector(IDLE, timeout=60_000)


def goto(page: Any, url: str) -> None:
    page.goto(url)
    wait_idle(page)


def _cell_text(editor: Any, row: int, column: int) -> str:
    """A cell's text, from the grid's accessibility table (the cells themselves are drawn on a canvas)."""
    cell = editor.locator(f"#glide-cell-{column + 1}-{row}")
    return cell.text_content() or "" if cell.count() else ""


def _type_into_selected_cell(page: Any, value: str) -> None:
    page.keyboard.press("Enter")  # opens the cell's editor
    page.wait_for_timeout(300)
    picker = page.locator("input[type='datetime-local']:visible, input[type='date']:visible")
    if picker.count():
        picker.first.fill(value)
    else:
        page.keyboard.type(value, delay=10)
    page.wait_for_timeout(100)
    page.keyboard.press("Enter")  # commits and moves one row down
    page.wait_for_timeout(250)
    page.keyboard.press("ArrowUp")
    page.wait_for_timeout(150)


def fill_editor_row(page: Any, editor: Any, row: int, values: list[str | None]) -> None:
    """Type ``values`` into the cells of an existing row of ``editor``, left to right (``None`` skips a cell).

    Date and date-time cells take ISO text (``2026-01-30T08:00``). Each cell is read back from the grid and
    typed again if the grid did not take it (the grid is asynchronous).
    """
    box = editor.bounding_box()
    page.mouse.click(box["x"] + 60, box["y"] + ROW_HEIGHT * (row + 1) + ROW_HEIGHT // 2)
    page.wait_for_timeout(200)
    page.keyboard.press("Home")  # a wide grid may be scrolled sideways: start at its first column
    page.wait_for_timeout(150)
    for column, value in enumerate(values):
        if column:
            page.keyboard.press("ArrowRight")
            page.wait_for_timeout(100)
        if value is None:
            continue
        expected = value.replace("T", " ") if value[:4].isdigit() else value
        for _ in range(3):
            _type_into_selected_cell(page, value)
            if expected in _cell_text(editor, row, column):
                break
        else:
            raise AssertionError(
                f"cell ({row}, {column}) did not take {value!r}: {_cell_text(editor, row, column)!r}"
            )


def add_editor_row(page: Any, editor: Any, row: int, values: list[str | None]) -> None:
    """Add row number ``row`` (0-based) to ``editor`` (a stDataFrame locator); fill it as fill_editor_row."""
    editor.hover()
    page.wait_for_timeout(200)
    editor.locator("button[aria-label='Add row']").click(force=True)
    page.wait_for_timeout(400)
    fill_editor_row(page, editor, row, values)
