"""Code a Spark DataFrame of texts into events, in parallel, with no glue code.

>>> from demarche.spark import code_dataframe        # doctest: +SKIP
>>> events = code_dataframe(df, text_col="text", date_col="date", id_col="id")  # doctest: +SKIP

Each executor process loads the dictionaries once (a module-level cache), and codes its
partitions with ``mapInArrow``: each Arrow batch of the input is coded in one native call
(GIL released) and returned as an Arrow batch, with no pandas and no per-row Python. Missing texts
have no events; missing dates (null strings, dates or timestamps) leave events undated. The result has the schema :data:`EVENT_SCHEMA` (DDL):

``doc`` string, ``line`` long, ``start`` long, ``end`` long (character offsets of the sentence),
``sentence``, ``section``, ``speaker``, ``source``, ``source_country``, ``target``,
``target_country``, ``code``, ``root``, ``name`` strings, ``goldstein`` double, ``quad_class``
int, ``plover``, ``date``, ``date_precision`` strings, ``negated`` boolean, ``modality``,
``explanation``, ``pattern``, ``pattern_location``, ``event_text``, ``source_text``,
``target_text``, ``date_text``, ``place``, ``place_country``, ``adm1`` strings, ``lat``, ``lon``
doubles, ``geo_precision``, ``geo_source`` strings.

On a cluster, ship the wheel to the executors (see docs/python.md): the package must be
importable where the tasks run.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator, Optional

if TYPE_CHECKING:  # pragma: no cover
    import pyarrow
    from pyspark.sql import DataFrame

#: The events DataFrame's schema, as Spark DDL.
EVENT_SCHEMA = (
    "doc string, line long, start long, end long, sentence string, section string, speaker string, "
    "source string, source_country string, target string, target_country string, code string, root string, "
    "name string, goldstein double, quad_class int, plover string, date string, date_precision string, "
    "negated boolean, modality string, explanation string, pattern string, pattern_location string, "
    "event_text string, source_text string, target_text string, date_text string, place string, place_country string, "
    "adm1 string, lat double, lon double, geo_precision string, geo_source string"
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


def _as_strings(column) -> list:
    import pyarrow as pa
    import pyarrow.compute as pc

    if pa.types.is_date(column.type) or pa.types.is_timestamp(column.type):
        column = pc.strftime(column, format="%Y-%m-%d")  # nulls stay null
    elif not (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
        column = pc.cast(column, pa.string())
    return column.to_pylist()


def _code_batches(batches: Iterator["pyarrow.RecordBatch"], text_col: str, date_col: Optional[str], id_col: Optional[str],
                  dictionaries: Optional[str], threads: int) -> Iterator["pyarrow.RecordBatch"]:
    import pyarrow as pa
    import pyarrow.compute as pc

    from . import _native_batch

    coder = _coder(dictionaries)
    for batch in batches:
        text = batch.column(text_col)
        if not (pa.types.is_string(text.type) or pa.types.is_large_string(text.type)):
            text = pc.cast(text, pa.string())
        dates = _as_strings(batch.column(date_col)) if date_col else None
        ids = _as_strings(batch.column(id_col)) if id_col else None
        # One native call codes the batch and builds the Arrow batch (C data interface).
        events = _native_batch(coder._native, text.to_pylist(), dates, ids, None, threads)
        if events.num_rows:
            yield events.select(_COLUMNS)


def code_dataframe(df: "DataFrame", text_col: str = "text", date_col: Optional[str] = None, id_col: Optional[str] = None,
                   dictionaries: Optional[str] = None, threads: int = 1) -> "DataFrame":
    """Code the texts of ``df[text_col]`` (dated by ``date_col``, identified by ``id_col``) into an
    events DataFrame with schema :data:`EVENT_SCHEMA`.

    ``threads`` is the coding threads inside each Python worker (1: Spark's task slots already
    use the cores; 0: all cores)."""
    return df.mapInArrow(lambda it: _code_batches(it, text_col, date_col, id_col, dictionaries, threads), schema=EVENT_SCHEMA)
