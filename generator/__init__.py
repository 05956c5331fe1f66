"""medialit: turn annotated articles into Jupyter Book chapters that teach media literacy."""

__version__ = "0.1.0"
