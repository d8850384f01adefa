"""warta: Indonesian regional-government news about visits between regions, as an RDF knowledge graph."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("warta")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"
