"""Export a question bank for a learning platform: Moodle's GIFT (``gift``) and Canvas's QTI 1.2 (``qti``).

Both are deterministic (the same bank gives byte-identical output). A question a format cannot carry is never
dropped silently: it is named, with the reason, as a warning diagnostic (``notes``).
"""
