"""Every diagnostic's code, in one list (as MyST-Parser's ``warnings_.py``): what ``check --format json`` reports
as ``code``, what the instructor pages' error list is sorted by, and what tests match on."""

from __future__ import annotations

from enum import Enum


class Code(str, Enum):
    def __str__(self) -> str:
        return self.value

    # ---- reading files (load)
    FILE_UNREADABLE = "file-unreadable"
    FILE_TOO_LARGE = "file-too-large"
    FILE_EMPTY = "file-empty"
    NOT_UTF8 = "not-utf8"
    YAML_SYNTAX = "yaml-syntax"
    YAML_UNSAFE = "yaml-unsafe"
    YAML_DUPLICATE_KEY = "yaml-duplicate-key"
    YAML_VALUE = "yaml-value"
    FRONT_MATTER = "front-matter"
    # ---- first pass: the JSON Schemas
    SCHEMA_REQUIRED = "schema-required"
    SCHEMA_UNKNOWN_FIELD = "schema-unknown-field"
    SCHEMA_TYPE = "schema-type"
    SCHEMA_VALUE = "schema-value"
    PLAIN_TEXT = "plain-text"
    # ---- second pass: course and files
    COURSE_LAYOUT = "course-layout"
    BAD_SLUG = "bad-slug"
    BANK_FILE_NAME = "bank-file-name"
    DUPLICATE_BANK = "duplicate-bank"
    UNKNOWN_ARTICLE = "unknown-article"
    BAD_DATE = "bad-date"
    EMPTY_ARTICLE = "empty-article"
    # ---- second pass: banks and questions
    DUPLICATE_ID = "duplicate-id"
    DUPLICATE_VALUE = "duplicate-value"
    CORRECT_COUNT = "correct-count"
    NUMERIC_ANSWER = "numeric-answer"
    TEXT_NO_ANSWER = "text-no-answer"
    BAD_PATTERN = "bad-pattern"
    UNKNOWN_CATEGORY = "unknown-category"
    SELECT_ANSWER = "select-answer"
    UNKNOWN_ANSWER = "unknown-answer"
    DRAW_TOO_LARGE = "draw-too-large"
    ANNOTATE_KIND = "annotate-kind"
    ATTEMPTS_MODE = "attempts-mode"
    # ---- second pass: annotations
    QUOTE_FIELD = "quote-field"
    QUOTE_NOT_FOUND = "quote-not-found"
    QUOTE_AMBIGUOUS = "quote-ambiguous"
    PREFIX_MISMATCH = "prefix-mismatch"
    VERDICT = "verdict"
    VERDICT_SOURCES = "verdict-sources"
    KIND_FIELD = "kind-field"
    CUES = "cues"
    CUE_NOT_IN_QUOTE = "cue-not-in-quote"
    TECHNIQUE = "technique"
    # ---- writing
    TOC = "toc"
    WRITE = "write"
    # ---- exports (warnings)
    EXPORT_UNSUPPORTED = "export-unsupported"
    EXPORT_LOSSY = "export-lossy"
    EXPORT_EMPTY = "export-empty"
    # ---- placeholders left by `medialit new` (warnings; `build` refuses them unless --allow-todo)
    PLACEHOLDER = "placeholder"
    # ---- medialit studio
    STUDIO = "studio"
    # ---- medialit new
    NEW_ARTICLE = "new-article"
    # ---- medialit export --format scorm, medialit results
    UNKNOWN_CHAPTER = "unknown-chapter"  # no article of that slug
    RESULTS_FILE = "results-file"  # a damaged file, or not a results file
    RESULTS_CHAPTER = "results-chapter"  # a file of another chapter, or a quiz that is not of the chapter
    # ---- languages: medialit translations, an article or bank in a language without a catalog
    CATALOG = "catalog"
    NO_CATALOG = "no-catalog"
