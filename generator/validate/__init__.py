"""Validate step, in two passes: the JSON Schemas (``schema``), then what a schema cannot say (``articles``,
``banks``). Every problem becomes a diagnostic with a code from ``generator.diagnostics``."""
