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

import json
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterable, Optional

from ._native import Coder as _NativeCoder
from ._native import DemarcheError, __version__

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = ["Coder", "DemarcheError", "code", "segment", "actors", "to_pandas", "code_frame", "__version__"]


class Coder:
    """A reusable coder: the dictionaries are loaded once.

    ``dictionaries`` is an optional folder (or file) of extra knowledge in demarche's formats:
    ``*.tsv`` actor files (see data/actors/README.md) and ``*.txt`` verb pattern files (see
    data/verbs/README.md), added to the built-in ones.

    >>> c = Coder()
    >>> [e["code"] for e in c.code("Russia praised Armenia.", date="2025-01-22")]
    ['051']
    """

    def __init__(self, dictionaries: Optional[str] = None, allow_one_sided: bool = False, include_negated: bool = False):
        self._native = _NativeCoder(dictionaries, allow_one_sided, include_negated)

    def code(self, text: str, date: Optional[str] = None, doc: str = "text", title: Optional[str] = None) -> list[dict[str, Any]]:
        """Events of ``text``: one flat dict per event, the same records as ``demarche code``."""
        return json.loads(self._native.code_json(text, date, doc, title))

    def segment(self, text: str, doc: str = "text", title: Optional[str] = None) -> list[dict[str, Any]]:
        """Sentences with ``section`` and ``speaker``, as ``demarche segment``."""
        return json.loads(self._native.segment_json(text, doc, title))

    def actors(self, text: str, date: Optional[str] = None, doc: str = "text", title: Optional[str] = None) -> list[dict[str, Any]]:
        """Actor mentions with CAMEO codes valid on ``date``, as ``demarche actors``."""
        return json.loads(self._native.actors_json(text, date, doc, title))


@lru_cache(maxsize=8)
def _coder(dictionaries: Optional[str]) -> Coder:
    return Coder(dictionaries)


def code(text: str, date: Optional[str] = None, dictionaries: Optional[str] = None, doc: str = "text") -> list[dict[str, Any]]:
    """Events of ``text`` (``date`` as ``YYYY-MM-DD``).

    >>> [(e["source"], e["target"]) for e in code("Iran condemned Israel.", date="2025-01-22")]
    [('IRN', 'ISR')]
    """
    return _coder(dictionaries).code(text, date=date, doc=doc)


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


def to_pandas(records: Iterable[dict[str, Any]]) -> "pandas.DataFrame":
    """A DataFrame of records returned by :func:`code`, :func:`segment` or :func:`actors`."""
    import pandas as pd

    return pd.DataFrame.from_records(list(records))


def code_frame(df: "pandas.DataFrame", text_col: str = "text", date_col: Optional[str] = None, id_col: Optional[str] = None,
               dictionaries: Optional[str] = None) -> "pandas.DataFrame":
    """Code a DataFrame column of texts into an events DataFrame (one row per event).

    ``doc`` is the row's ``id_col`` value, or its index.
    """
    c = _coder(dictionaries)
    rows: list[dict[str, Any]] = []
    for idx, row in df.iterrows():
        date = row[date_col] if date_col else None
        if date is not None and not isinstance(date, str):
            date = date.strftime("%Y-%m-%d") if hasattr(date, "strftime") else str(date)
        doc = str(row[id_col]) if id_col else str(idx)
        rows.extend(c.code(str(row[text_col]), date=date, doc=doc))
    return to_pandas(rows)
