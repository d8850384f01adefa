"""Write bytes to a file atomically (a temporary file next to the target, then renamed), or to stdout."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import BinaryIO

from warta.errors import StoreError


def write_output(data: bytes, out: str | os.PathLike[str] | BinaryIO | None = None) -> int:
    """Write `data` to the file `out` (atomically), a binary stream or stdout (None, "-"); return its size."""
    if out is None or out == "-":
        out = sys.stdout.buffer
    if hasattr(out, "write"):
        out.write(data)  # type: ignore[union-attr]
        out.flush()  # type: ignore[union-attr]
        return len(data)
    write_atomically(Path(out), data)  # type: ignore[arg-type]
    return len(data)


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never half of it."""
    directory = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as error:
        raise StoreError(f"cannot write {path}: {error.strerror or error}") from error
    try:
        os.chmod(temporary, _file_mode(path))
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise StoreError(f"cannot write {path}: {error.strerror or error}") from error
        raise


def _file_mode(path: Path) -> int:
    """The mode of the file being replaced, else what a new file gets under the current umask."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
