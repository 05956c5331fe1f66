"""Render step: one module per page kind."""
