"""Cells of a CSV file that a spreadsheet opens as text, never as a formula.

One rule for every CSV the site writes: the downloads, the data package and the
editors' import/export files.
"""

# A spreadsheet takes a cell starting with one of these for a formula (or, for tab
# and carriage return, skips to one): "=cmd|' /C calc'!A0" would run on opening.
# "|" and "%" start dynamic data exchange and macros in some of them.
FORMULA_STARTS = frozenset("=+-@|%\t\r")
# Written before such a cell, so a spreadsheet shows it as text. A cell that starts
# with the quote itself gets one too, so reading can always take one off: lossless.
DEFUSE = "'"
_DEFUSED_STARTS = FORMULA_STARTS | {DEFUSE}


def defuse(cell):
    """``cell`` (text) as a spreadsheet will show it, and as ``restore`` reads it back."""
    return DEFUSE + cell if cell[:1] in _DEFUSED_STARTS else cell


def restore(cell):
    return cell.removeprefix(DEFUSE)


def defused_row(values):
    """``values`` for a CSV writer, the text among them defused; numbers and empty
    cells (None) pass as they are. A download calls this for every row: the test is
    inline rather than a call per cell."""
    return [
        DEFUSE + value if value.__class__ is str and value[:1] in _DEFUSED_STARTS else value
        for value in values
    ]
