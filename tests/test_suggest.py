"""`medialit suggest <slug>`: offline candidate annotations, measured against the seed's human annotation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from generator.errors import Report
from generator.stages import load_article
from generator.suggest import LEXICON, Sentence, split_sentences, suggest
from generator.text import ArticleText

from .conftest import REPO, run_cli

SEED = REPO / "articles" / "mali-withdrawal"
SCHEMAS = REPO / "generator" / "schemas"

# Floors just under what the rules reach on the seed (see the table the test prints); sentence-level suggestions
# are compared with phrase-level human annotations, a match being an overlap of spans of the same kind.
FLOORS = {"claim": (0.50, 0.65), "opinion": (0.70, 0.90), "technique": (0.70, 0.80)}


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _score(suggested: list[tuple[int, int]], human: list[list[tuple[int, int]]]) -> tuple[int, int, float, float]:
    hit_s = sum(1 for s in suggested if any(_overlap(s, h) for spans in human for h in spans))
    hit_h = sum(1 for spans in human if any(_overlap(s, h) for s in suggested for h in spans))
    return hit_s, hit_h, hit_s / max(len(suggested), 1), hit_h / max(len(human), 1)


def test_precision_and_recall_against_the_seed_annotation(capsys: pytest.CaptureFixture[str]) -> None:
    """Prints its table to the terminal (not captured), so every test run shows the figures."""
    article = load_article(SEED, Report(base=REPO))
    assert article is not None
    text = ArticleText.from_markdown(article.body)
    sentences = split_sentences(text.plain)
    found = suggest(text)  # as if nothing were annotated yet
    rows = []
    lines = [""]
    out = lines.append
    out(f"seed: {len(sentences)} sentences; a suggestion matches a human annotation of its kind when the spans "
        "overlap")
    out(f"{'kind':<10} {'suggested':>9} {'human':>6} {'matched':>8} {'precision':>9} {'recall':>7}"
        f"   | every sentence: {'precision':>9} {'recall':>7}")
    for kind in ("claim", "opinion", "technique"):
        human = [[(s.start, s.end) for s in a.spans] for a in article.annotations if a.kind == kind]
        mine = [s.span for s in found if s.kind == kind]
        hit_s, hit_h, precision, recall = _score(mine, human)
        _, _, base_p, base_r = _score([(s.start, s.end) for s in sentences], human)
        rows.append((kind, precision, recall, base_p))
        out(f"{kind:<10} {len(mine):>9} {len(human):>6} {f'{hit_s}/{hit_h}':>8} {precision:>9.2f} {recall:>7.2f}"
            f"   | {'':>15}{base_p:>9.2f} {base_r:>7.2f}")
    with capsys.disabled():
        print("\n".join(lines))
    for kind, precision, recall, base_p in rows:
        floor_p, floor_r = FLOORS[kind]
        assert precision >= floor_p, (kind, precision)
        assert recall >= floor_r, (kind, recall)
        assert precision > base_p + 0.1, (kind, "no better than suggesting every sentence")


def test_technique_labels_agree_with_the_seed_where_both_mark_a_sentence(capsys: pytest.CaptureFixture[str]) -> None:
    article = load_article(SEED, Report(base=REPO))
    assert article is not None
    text = ArticleText.from_markdown(article.body)
    pairs = [(s.technique, a.technique) for s in suggest(text) if s.kind == "technique"
             for a in article.annotations if a.kind == "technique"
             and any(_overlap(s.span, (sp.start, sp.end)) for sp in a.spans)]
    agree = sum(1 for mine, theirs in pairs if mine == theirs)
    with capsys.disabled():
        print(f"\ntechnique labels: {agree} of {len(pairs)} matched pairs agree")
    assert pairs and agree / len(pairs) >= 0.4


def test_sentence_splitter() -> None:
    plain = ('Mr. Smith met Dr. J. Doe in the U.S. on Monday. It cost 3.5 million! Did it? "Yes," she said. '
             '“Perhaps.” Then (...) More text.\n\nA heading\n\nA paragraph broken in the\n\nmiddle of a sentence. '
             'Cities, e.g. Paris, grew. Next one.')
    got = [s.text for s in split_sentences(plain)]
    assert got == [
        "Mr. Smith met Dr. J. Doe in the U.S. on Monday.", "It cost 3.5 million!", "Did it?",
        '"Yes," she said.', "“Perhaps.”", "Then (...) More text.", "A heading",
        "A paragraph broken in the middle of a sentence.", "Cities, e.g. Paris, grew.", "Next one.",
    ]
    for s in split_sentences(plain):
        assert isinstance(s, Sentence)
        assert " ".join(plain[s.start:s.end].split()) == s.text


def test_every_suggested_quote_is_an_exact_sentence_of_the_article() -> None:
    article = load_article(SEED, Report(base=REPO))
    assert article is not None
    text = ArticleText.from_markdown(article.body)
    sentences = {(s.start, s.end): s.text for s in split_sentences(text.plain)}
    for s in suggest(text):
        assert sentences[s.span] == s.quote
        hits = text.find_all(s.quote)
        if s.prefix is None:
            assert hits == [s.span]
        else:
            assert [h for h in hits if text.preceded_by(h[0], s.prefix)] == [s.span]


def test_lexicon_is_valid() -> None:
    data = json.loads(LEXICON.read_text("utf-8"))
    labels = set(json.loads((SCHEMAS / "annotations.schema.json").read_text("utf-8"))["$defs"]["techniques"]["enum"])
    assert set(data["loaded"].values()) <= labels
    for key in ("attribution", "time", "quantity", "hedges", "boosters", "evaluative", "modal", "modal_weak"):
        assert data[key] and all(isinstance(w, str) and w == w.lower() and w.strip() == w for w in data[key]), key


def _accept_all(folder: Path) -> int:
    """What an instructor does: move every suggestion into annotations.yaml and delete `suggested: true`."""
    sugg = yaml.safe_load((folder / "suggestions.yaml").read_text("utf-8"))["suggestions"]
    ann_path = folder / "annotations.yaml"
    data = yaml.safe_load(ann_path.read_text("utf-8"))
    for entry in sugg:
        assert entry.pop("suggested") is True
        if entry["kind"] == "claim":
            entry["verdict"] = "unverifiable"
        data["annotations"].append(entry)
    ann_path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    return len(sugg)


def test_suggest_writes_a_separate_file_and_accepted_suggestions_pass_check(seed_book: Path) -> None:
    folder = seed_book / "articles" / "mali-withdrawal"
    before = (folder / "annotations.yaml").read_bytes()
    res = run_cli("suggest", "mali-withdrawal", cwd=seed_book)
    assert res.code == 0, res.err
    assert "suggestions.yaml" in res.out
    out = (folder / "suggestions.yaml").read_bytes()
    assert (folder / "annotations.yaml").read_bytes() == before  # never merged
    assert run_cli("check", cwd=seed_book).code == 0  # the file is ignored by check and generate
    text = out.decode("utf-8")
    assert "delete its line `suggested: true`" in text
    entries = yaml.safe_load(text)["suggestions"]
    assert entries and all(e["suggested"] is True for e in entries)
    assert run_cli("suggest", "mali-withdrawal", cwd=seed_book).code == 0
    assert (folder / "suggestions.yaml").read_bytes() == out  # deterministic
    # already-annotated sentences are left out, so far fewer than from a blank annotation
    article = load_article(SEED, Report(base=REPO))
    assert article is not None
    assert len(entries) < len(suggest(ArticleText.from_markdown(article.body))) / 3
    assert _accept_all(folder) == len(entries)
    res = run_cli("check", cwd=seed_book)
    assert res.code == 0, res.err


def test_new_article_suggestions_can_all_be_accepted(fixture_book: Path, tmp_path: Path) -> None:
    src = tmp_path / "story.txt"
    src.write_text("Council Closes Pool\n\nThe council said on Monday that the pool will close in 2025. "
                   "This is obviously a terrible decision. Residents may protest.\n\n"
                   "This is obviously a terrible decision.\n\nThe Friends of Elm Park want it to stay open.\n",
                   encoding="utf-8")
    assert run_cli("new", "pool", "--from", src, cwd=fixture_book).code == 0
    assert run_cli("suggest", "pool", cwd=fixture_book).code == 0
    folder = fixture_book / "articles" / "pool"
    entries = yaml.safe_load((folder / "suggestions.yaml").read_text("utf-8"))["suggestions"]
    kinds = {(e["kind"], e["quote"]) for e in entries}
    assert ("claim", "The council said on Monday that the pool will close in 2025.") in kinds
    assert ("claim", "The Friends of Elm Park want it to stay open.") in kinds
    assert ("opinion", "Residents may protest.") in kinds
    repeated = [e for e in entries if e["quote"] == "This is obviously a terrible decision."]
    assert {e.get("prefix") for e in repeated if e["kind"] == "opinion"} == {"in 2025.", "may protest."}
    opinion = next(e for e in entries if e["kind"] == "opinion" and e["quote"].startswith("This is obviously"))
    assert opinion["cues"] == ["obviously", "terrible"]
    technique = next(e for e in entries if e["kind"] == "technique")
    assert technique["technique"] == "loaded-language"
    _accept_all(folder)
    res = run_cli("check", cwd=fixture_book)
    assert res.code == 0, res.err
    # once accepted, the same sentences are not suggested again
    assert run_cli("suggest", "pool", cwd=fixture_book).code == 0
    assert yaml.safe_load((folder / "suggestions.yaml").read_text("utf-8"))["suggestions"] == []


def test_fixture_sentences_already_annotated_are_skipped(fixture_book: Path) -> None:
    assert run_cli("suggest", "town-library", cwd=fixture_book).code == 0
    entries = yaml.safe_load((fixture_book / "articles" / "town-library" / "suggestions.yaml").read_text("utf-8"))
    quotes = {(e["kind"], e["quote"]) for e in entries["suggestions"]}
    # the opinion annotation quotes this exact sentence: not suggested again, for any kind
    assert not any(q == "Clearly, this is the worst decision the council has ever made." for _, q in quotes)
    # the claim annotation overlaps the first sentence: no claim suggested there
    assert not any(k == "claim" and q.startswith("The town council voted") for k, q in quotes)


@pytest.mark.parametrize("slug", ["nope", "Bad Slug"])
def test_refuses_an_unknown_article(fixture_book: Path, slug: str) -> None:
    res = run_cli("suggest", slug, cwd=fixture_book)
    assert res.code == 1
    assert f"there is no article '{slug}'" in res.err and "town-library" in res.err and "Traceback" not in res.err


def test_refuses_broken_annotations(fixture_book: Path) -> None:
    path = fixture_book / "articles" / "town-library" / "annotations.yaml"
    path.write_text("guide: [unclosed\n", encoding="utf-8")
    res = run_cli("suggest", "town-library", cwd=fixture_book)
    assert res.code == 1 and "YAML syntax error" in res.err
    assert not (path.parent / "suggestions.yaml").exists()
