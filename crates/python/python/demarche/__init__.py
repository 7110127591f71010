"""demarche: political event data from raw text.

Who did what to whom, when, and said by whom — CAMEO-coded with Goldstein scores, QuadClass and
PLOVER types, each event explained, the official record kept apart from the reporting.

>>> import demarche
>>> events = demarche.code("Yesterday Sergey Lavrov held talks with Ararat Mirzoyan.", date="2025-01-22")
>>> (events[0]["source"], events[0]["target"], events[0]["code"], events[0]["date"])
('RUSGOV', 'ARMGOV', '040', '2025-01-21')

Offsets (``start``, ``end``) are character offsets into the text you passed.
"""

from __future__ import annotations

import datetime as _dt
import math
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterable, Optional, Sequence

from ._native import Coder as _NativeCoder
from ._native import DemarcheError, __version__

if TYPE_CHECKING:  # pragma: no cover
    import pandas
    import polars
    import pyarrow

__all__ = ["Coder", "DemarcheError", "code", "code_many", "segment", "actors", "to_pandas", "to_arrow", "to_polars",
           "code_frame", "EVENT_COLUMNS", "__version__"]

#: The event record's columns and their Arrow types (``pyarrow`` type names), in the CLI's order.
#: ``start``/``end`` are character offsets of the sentence; ``date`` is ``YYYY-MM-DD`` or null.
EVENT_COLUMNS = [
    ("doc", "string"), ("line", "int64"), ("start", "int64"), ("end", "int64"), ("sentence", "string"),
    ("section", "string"), ("speaker", "string"), ("source", "string"), ("source_country", "string"),
    ("target", "string"), ("target_country", "string"), ("code", "string"), ("root", "string"), ("name", "string"),
    ("goldstein", "float64"), ("quad_class", "int32"), ("plover", "string"), ("date", "string"),
    ("date_precision", "string"), ("negated", "bool_"), ("modality", "string"), ("explanation", "string"),
    ("pattern", "string"), ("pattern_location", "string"), ("event_text", "string"), ("source_text", "string"),
    ("target_text", "string"), ("date_text", "string"), ("place", "string"), ("place_country", "string"),
    ("adm1", "string"), ("lat", "float64"), ("lon", "float64"), ("geo_precision", "string"), ("geo_source", "string"),
]


def _missing(x: Any) -> bool:
    if x is None:
        return True
    if isinstance(x, float):
        return math.isnan(x)
    # pandas.NA, pandas.NaT and numpy.datetime64("NaT") are not equal to themselves or raise.
    try:
        return bool(x != x)
    except (TypeError, ValueError):
        return True


def _date_string(x: Any) -> Optional[str]:
    if _missing(x):
        return None
    if isinstance(x, str):
        return x
    if isinstance(x, (_dt.date, _dt.datetime)) or hasattr(x, "strftime"):
        return x.strftime("%Y-%m-%d")
    if type(x).__name__ == "datetime64":  # numpy
        return str(x)[:10]
    return str(x)


def _texts(values: Iterable[Any]) -> list[Optional[str]]:
    return [None if _missing(t) else t if isinstance(t, str) else str(t) for t in values]


def _dates(values: Optional[Iterable[Any]]) -> Optional[list[Optional[str]]]:
    if values is None:
        return None
    dtype = getattr(values, "dtype", None)
    if dtype is not None and hasattr(values, "dt") and str(dtype).startswith("datetime64"):
        values = values.dt.strftime("%Y-%m-%d")  # vectorised; NaT stays missing
    return [_date_string(d) for d in values]


def _ids(values: Optional[Iterable[Any]]) -> Optional[list[Optional[str]]]:
    if values is None:
        return None
    return [None if _missing(v) else str(v) for v in values]


class Coder:
    """A reusable coder: the dictionaries are loaded once.

    The coder is chosen as the CLI's ``code``, ``ingest`` and ``serve`` choose it (one loader):

    - by default, the built-in patterns and actor knowledge base; ``actors`` and ``verbs`` add
      files in demarche's formats (``*.tsv`` actors, data/actors/README.md; verb pattern files,
      data/verbs/README.md), as ``--actors`` and ``--verbs`` do;
    - ``dictionaries`` (a folder, as ``--dictionaries DIR``) or ``dictionary_config`` (a PETRARCH
      config.ini, as ``--dictionary-config FILE``) code with TABARI/PETRARCH dictionaries instead,
      with PETRARCH ``options`` (``{"require_dyad": "false"}``, as ``--option NAME=VALUE``), ``mode``
      (``auto``, ``tree``, ``text``) and ``with_builtin=True`` to merge the built-in coder's events.

    >>> c = Coder()
    >>> [e["code"] for e in c.code("Russia praised Armenia.", date="2025-01-22")]
    ['051']
    >>> [(e["doc"], e["code"]) for e in c.code_many(["Russia praised Armenia.", None, "Iran condemned Israel."], [None, None, "2025-01-22"])]
    [('0', '051'), ('2', '111')]
    """

    def __init__(self, dictionaries: Optional[str] = None, allow_one_sided: bool = False, include_negated: bool = False, *,
                 dictionary_config: Optional[str] = None, options: Optional[dict[str, Any]] = None, mode: str = "auto",
                 with_builtin: bool = False, actors: Optional[Sequence[str]] = None, verbs: Optional[Sequence[str]] = None):
        opts = None if options is None else {str(k): str(v) for k, v in options.items()}
        self._native = _NativeCoder(dictionaries, allow_one_sided, include_negated, dictionary_config=dictionary_config,
                                    options=opts, mode=mode, with_builtin=with_builtin,
                                    actors=None if actors is None else [str(a) for a in actors],
                                    verbs=None if verbs is None else [str(v) for v in verbs])

    def describe(self) -> str:
        """What codes: ``built-in patterns``, ``PETRARCH dictionaries`` or ``PETRARCH dictionaries + built-in``."""
        return self._native.describe()

    def code(self, text: str, date: Optional[str] = None, doc: str = "text", title: Optional[str] = None) -> list[dict[str, Any]]:
        """Events of ``text``: one flat dict per event, the same records as ``demarche code``."""
        return self._native.code(text, _date_string(date), doc, title)

    def code_many(self, texts: Sequence[Any], dates: Optional[Sequence[Any]] = None, docs: Optional[Sequence[Any]] = None,
                  titles: Optional[Sequence[Any]] = None, threads: int = 0) -> list[dict[str, Any]]:
        """Events of many texts, coded in parallel (``threads=0``: all cores) with the GIL released.

        ``dates`` (strings, ``datetime.date``, pandas timestamps; ``None``/NaN/NaT = undated),
        ``docs`` (default: the text's position) and ``titles`` run parallel to ``texts``; a
        missing text has no events. Returns one flat list of event dicts, in input order.
        """
        return self._native.code_many(_texts(texts), _dates(dates), _ids(docs), _ids(titles), threads)

    def code_columns(self, texts: Sequence[Any], dates: Optional[Sequence[Any]] = None, docs: Optional[Sequence[Any]] = None,
                     titles: Optional[Sequence[Any]] = None, threads: int = 0) -> dict[str, list[Any]]:
        """Like :meth:`code_many`, as a dict of column lists (see :data:`EVENT_COLUMNS`)."""
        cols = self._native.code_columns(_texts(texts), _dates(dates), _ids(docs), _ids(titles), threads)
        return cols or {name: [] for name, _ in EVENT_COLUMNS}

    def code_arrow(self, texts: Sequence[Any], dates: Optional[Sequence[Any]] = None, docs: Optional[Sequence[Any]] = None,
                   titles: Optional[Sequence[Any]] = None, threads: int = 0) -> "pyarrow.RecordBatch":
        """Like :meth:`code_many`, as one ``pyarrow.RecordBatch`` with typed columns (built natively
        and handed over through the Arrow C data interface: no Python object per value)."""
        return _native_batch(self._native, _texts(texts), _dates(dates), _ids(docs), _ids(titles), threads)

    def segment(self, text: str, doc: str = "text", title: Optional[str] = None) -> list[dict[str, Any]]:
        """Sentences with ``section`` and ``speaker``, as ``demarche segment``."""
        return self._native.segment(text, doc, title)

    def actors(self, text: str, date: Optional[str] = None, doc: str = "text", title: Optional[str] = None) -> list[dict[str, Any]]:
        """Actor mentions with CAMEO codes valid on ``date``, as ``demarche actors``."""
        return self._native.actors(text, _date_string(date), doc, title)


@lru_cache(maxsize=8)
def _coder(dictionaries: Optional[str]) -> Coder:
    return Coder(dictionaries)


def code(text: str, date: Optional[str] = None, dictionaries: Optional[str] = None, doc: str = "text") -> list[dict[str, Any]]:
    """Events of ``text`` (``date`` as ``YYYY-MM-DD``).

    >>> [(e["source"], e["target"]) for e in code("Iran condemned Israel.", date="2025-01-22")]
    [('IRN', 'ISR')]
    """
    return _coder(dictionaries).code(text, date=date, doc=doc)


def code_many(texts: Sequence[Any], dates: Optional[Sequence[Any]] = None, docs: Optional[Sequence[Any]] = None,
              dictionaries: Optional[str] = None, threads: int = 0) -> list[dict[str, Any]]:
    """Events of many texts in parallel: see :meth:`Coder.code_many`."""
    return _coder(dictionaries).code_many(texts, dates, docs, threads=threads)


def segment(text: str, dictionaries: Optional[str] = None, doc: str = "text") -> list[dict[str, Any]]:
    """Sentences with section and speaker.

    >>> [s["section"] for s in segment("Question: Why?\\nSergey Lavrov: Because.")]
    ['question', 'answer']
    """
    return _coder(dictionaries).segment(text, doc=doc)


def actors(text: str, date: Optional[str] = None, dictionaries: Optional[str] = None, doc: str = "text") -> list[dict[str, Any]]:
    """Actor mentions.

    >>> [m["code"] for m in actors("Donald Trump spoke.", date="2018-01-01")]
    ['USAGOV']
    """
    return _coder(dictionaries).actors(text, date=date, doc=doc)


def _arrow_schema(names: Iterable[str], columns: Optional[dict[str, list[Any]]] = None) -> "pyarrow.Schema":
    import pyarrow as pa

    known = dict(EVENT_COLUMNS)
    fields = []
    for name in names:
        if name in known:
            fields.append(pa.field(name, getattr(pa, known[name])()))
        else:  # a field added to the record after this list was written: let Arrow infer it
            fields.append(pa.field(name, pa.array(columns[name]).type if columns else pa.string()))
    return pa.schema(fields)


class _ArrowCapsules:
    """An object with ``__arrow_c_array__`` over the PyCapsules the native module made."""

    def __init__(self, capsules):
        self._capsules = capsules

    def __arrow_c_array__(self, requested_schema=None):
        return self._capsules


def _native_batch(native, texts, dates, docs, titles, threads) -> "pyarrow.RecordBatch":
    import pyarrow as pa

    return pa.record_batch(_ArrowCapsules(native.code_arrow_c(texts, dates, docs, titles, threads, EVENT_COLUMNS)))


def _batch(columns: dict[str, list[Any]]) -> "pyarrow.RecordBatch":
    import pyarrow as pa

    schema = _arrow_schema(columns.keys(), columns)
    return pa.RecordBatch.from_arrays([pa.array(columns[f.name], type=f.type) for f in schema], schema=schema)


def to_arrow(records: Iterable[dict[str, Any]]) -> "pyarrow.Table":
    """A ``pyarrow.Table`` of event records (typed columns of :data:`EVENT_COLUMNS`).

    >>> to_arrow(code("Iran condemned Israel.", date="2025-01-22")).column("code").to_pylist()
    ['111']
    """
    import pyarrow as pa

    records = list(records)
    names = list(records[0].keys()) if records else [n for n, _ in EVENT_COLUMNS]
    columns = {n: [r.get(n) for r in records] for n in names}
    return pa.Table.from_batches([_batch(columns)])


def to_polars(records: Iterable[dict[str, Any]]) -> "polars.DataFrame":
    """A ``polars.DataFrame`` of event records (needs ``polars``; goes through Arrow, no copy of the strings twice)."""
    try:
        import polars as pl
    except ImportError as e:  # pragma: no cover
        raise ImportError("demarche.to_polars needs polars: pip install polars") from e
    return pl.from_arrow(to_arrow(records))


def to_pandas(records: Iterable[dict[str, Any]]) -> "pandas.DataFrame":
    """A DataFrame of records returned by :func:`code`, :func:`segment` or :func:`actors`."""
    import pandas as pd

    return pd.DataFrame.from_records(list(records))


def code_frame(df: "pandas.DataFrame", text_col: str = "text", date_col: Optional[str] = None, id_col: Optional[str] = None,
               dictionaries: Optional[str] = None, threads: int = 0) -> "pandas.DataFrame":
    """Code a DataFrame column of texts into an events DataFrame (one row per event).

    Vectorised: the whole column is coded in one parallel call with the GIL released. ``doc``
    is the row's ``id_col`` value, or its index label; missing texts have no events and missing
    dates (``None``, NaN, NaT) leave events undated.
    """
    import pandas as pd

    c = _coder(dictionaries)
    texts = df[text_col]
    dates = df[date_col] if date_col else None
    ids = df[id_col] if id_col else df.index
    cols = c.code_columns(texts.tolist(), dates, list(ids), threads=threads)
    frame = pd.DataFrame(cols)
    if frame.empty:
        frame = pd.DataFrame({n: [] for n in cols})
    return frame
