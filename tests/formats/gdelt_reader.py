"""A small GDELT 2.0 event-table reader, written from GDELT's published column list (GDELT 2.0
Event Database codebook, the `*.export.CSV` files): 61 tab-separated columns, no header, typed as
GDELT documents them. Used to check that `demarche ... --format gdelt` loads as GDELT does.
"""

import csv
import io

# (name, type) in GDELT 2.0's order; int/float columns may be blank (None).
COLUMNS = [
    ("GLOBALEVENTID", int), ("SQLDATE", int), ("MonthYear", int), ("Year", int), ("FractionDate", float),
]
for actor in ("Actor1", "Actor2"):
    COLUMNS += [(f"{actor}{c}", str) for c in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
        "Type1Code", "Type2Code", "Type3Code")]
COLUMNS += [
    ("IsRootEvent", int), ("EventCode", str), ("EventBaseCode", str), ("EventRootCode", str), ("QuadClass", int),
    ("GoldsteinScale", float), ("NumMentions", int), ("NumSources", int), ("NumArticles", int), ("AvgTone", float),
]
for geo in ("Actor1Geo", "Actor2Geo", "ActionGeo"):
    COLUMNS += [(f"{geo}_Type", int), (f"{geo}_FullName", str), (f"{geo}_CountryCode", str), (f"{geo}_ADM1Code", str),
                (f"{geo}_ADM2Code", str), (f"{geo}_Lat", float), (f"{geo}_Long", float), (f"{geo}_FeatureID", str)]
COLUMNS += [("DATEADDED", int), ("SOURCEURL", str)]
assert len(COLUMNS) == 61

# Codes GDELT keeps as text with leading zeros.
CODE_COLUMNS = {"EventCode", "EventBaseCode", "EventRootCode"}


class GdeltFormatError(ValueError):
    pass


def read(text):
    """Rows of a GDELT 2.0 event file as dicts; raises GdeltFormatError on a malformed line."""
    rows = []
    for n, cells in enumerate(csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE), start=1):
        if len(cells) != len(COLUMNS):
            raise GdeltFormatError(f"line {n}: {len(cells)} columns, GDELT 2.0 has {len(COLUMNS)}")
        row = {}
        for (name, kind), cell in zip(COLUMNS, cells):
            if kind is str:
                row[name] = cell
            elif cell == "":
                row[name] = None
            else:
                try:
                    row[name] = kind(cell)
                except ValueError:
                    raise GdeltFormatError(f"line {n}: {name} is not {kind.__name__}: {cell!r}") from None
        if row["GLOBALEVENTID"] is None or row["DATEADDED"] is None:
            raise GdeltFormatError(f"line {n}: GLOBALEVENTID and DATEADDED are always filled")
        if not all(row[c].isdigit() for c in CODE_COLUMNS if row[c]):
            raise GdeltFormatError(f"line {n}: CAMEO codes are digits")
        rows.append(row)
    return rows
