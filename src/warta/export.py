"""Write the knowledge graph out: Turtle (the union of all graphs), TriG or N-Quads (named graphs kept),
N-Triples or JSON-LD. Files are written atomically (see `warta.output`)."""

from __future__ import annotations

import os
from typing import BinaryIO

from warta.output import write_atomically, write_output
from warta.store import RDF_FORMATS, GraphStore

FORMATS = RDF_FORMATS
SUFFIXES = {"turtle": ".ttl", "trig": ".trig", "nquads": ".nq", "ntriples": ".nt", "jsonld": ".jsonld"}


def export(
    store: GraphStore, fmt: str = "turtle", out: str | os.PathLike[str] | BinaryIO | None = None
) -> int:
    """Serialise the store in `fmt` to the file `out` (atomically), a binary stream, or stdout when None/"-".

    Returns the number of bytes written.
    """
    return write_output(store.dump(fmt), out)


__all__ = ["FORMATS", "SUFFIXES", "export", "write_atomically"]
