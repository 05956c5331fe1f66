"""Transform step: annotations become exercises (``exercises``), banks become the spec the runtime reads (``spec``)."""
