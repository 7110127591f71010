"""Code a Spark DataFrame of texts into events, in parallel, with no glue code.

>>> from demarche.spark import code_dataframe        # doctest: +SKIP
>>> events = code_dataframe(df, text_col="text", date_col="date", id_col="id")  # doctest: +SKIP

Each executor process loads the dictionaries once (a module-level cache), and codes its
partitions with ``mapInPandas``. The result has the schema :data:`EVENT_SCHEMA` (DDL):

``doc`` string, ``line`` long, ``start`` long, ``end`` long (character offsets of the sentence),
``sentence``, ``section``, ``speaker``, ``source``, ``source_country``, ``target``,
``target_country``, ``code``, ``root``, ``name`` strings, ``goldstein`` double, ``quad_class``
int, ``plover``, ``date``, ``date_precision`` strings, ``negated`` boolean, ``modality``,
``explanation``, ``pattern``, ``pattern_location``, ``event_text``, ``source_text``,
``target_text``, ``date_text`` strings.

On a cluster, ship the wheel to the executors (see docs/python.md): the package must be
importable where the tasks run.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator, Optional

if TYPE_CHECKING:  # pragma: no cover
    import pandas
    from pyspark.sql import DataFrame

#: The events DataFrame's schema, as Spark DDL.
EVENT_SCHEMA = (
    "doc string, line long, start long, end long, sentence string, section string, speaker string, "
    "source string, source_country string, target string, target_country string, code string, root string, "
    "name string, goldstein double, quad_class int, plover string, date string, date_precision string, "
    "negated boolean, modality string, explanation string, pattern string, pattern_location string, "
    "event_text string, source_text string, target_text string, date_text string"
)

_COLUMNS = [c.strip().split(" ")[0] for c in EVENT_SCHEMA.split(",")]
_CODER = {}


def _coder(dictionaries: Optional[str]):
    # One coder per executor process: dictionaries load once, then every partition reuses them.
    c = _CODER.get(dictionaries)
    if c is None:
        from . import Coder

        c = _CODER[dictionaries] = Coder(dictionaries)
    return c


def _code_batches(batches: Iterator["pandas.DataFrame"], text_col: str, date_col: Optional[str], id_col: Optional[str],
                  dictionaries: Optional[str]) -> Iterator["pandas.DataFrame"]:
    import pandas as pd

    coder = _coder(dictionaries)
    for batch in batches:
        rows = []
        texts = batch[text_col].tolist()
        dates = batch[date_col].tolist() if date_col else [None] * len(texts)
        ids = batch[id_col].tolist() if id_col else [None] * len(texts)
        for text, date, doc in zip(texts, dates, ids):
            if text is None:
                continue
            if date is not None and not isinstance(date, str):
                date = date.strftime("%Y-%m-%d") if hasattr(date, "strftime") else str(date)
            rows.extend(coder.code(str(text), date=date, doc=str(doc) if doc is not None else "text"))
        frame = pd.DataFrame.from_records(rows, columns=_COLUMNS)
        frame = frame.astype({"line": "int64", "start": "int64", "end": "int64", "quad_class": "int32", "goldstein": "float64", "negated": "bool"})
        yield frame


def code_dataframe(df: "DataFrame", text_col: str = "text", date_col: Optional[str] = None, id_col: Optional[str] = None,
                   dictionaries: Optional[str] = None) -> "DataFrame":
    """Code the texts of ``df[text_col]`` (dated by ``date_col``, identified by ``id_col``) into an
    events DataFrame with schema :data:`EVENT_SCHEMA`."""
    return df.mapInPandas(lambda it: _code_batches(it, text_col, date_col, id_col, dictionaries), schema=EVENT_SCHEMA)
