"""Tests for analysis.io.polnear.read_polnear.

The first group builds a tiny PolNeAR-shaped corpus in a temporary folder (no
shared data needed); the second reads the real corpus from
``analysis.config.POLNEAR_DIR`` and skips when it is absent.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from analysis.config import POLNEAR_DIR
from analysis.io.polnear import read_polnear
from analysis.schema import ARTICLES, ATTRIBUTIONS

needs_polnear = pytest.mark.skipif(
    not (POLNEAR_DIR / "dev").is_dir(),
    reason=f"PolNeAR corpus not available at {POLNEAR_DIR} (set SOURCESCOPE_SHARED or add ../shared/polnear)",
)

# --------------------------------------------------------------------------- #
# A tiny corpus: two articles, the first with two annotators' files.

TEXT_A = 'Title.\n\nThe mayor said on Monday that "taxes will rise." Critics disagreed.\n'
TEXT_B = "Officials believe the plan works.\n"


def _span(text: str, piece: str, nth: int = 0) -> tuple[int, int]:
    starts = [m.start() for m in re.finditer(re.escape(piece), text)]
    s = starts[nth]
    return s, s + len(piece)


def _t(tid: str, kind: str, text: str, *spans: tuple[int, int]) -> str:
    offs = ";".join(f"{s} {e}" for s, e in spans)
    return f"{tid}\t{kind} {offs}\t{' '.join(text[s:e] for s, e in spans)}"


def _make_corpus(root: Path) -> None:
    (root / "dev" / "text").mkdir(parents=True)
    (root / "dev" / "attributions").mkdir(parents=True)
    (root / "dev" / "text" / "pub-a_2016-01-02_story.txt").write_text(TEXT_A, encoding="utf-8")
    (root / "dev" / "text" / "pub-b_2016-02-03_other.txt").write_text(TEXT_B, encoding="utf-8")

    src, cue = _span(TEXT_A, "The mayor"), _span(TEXT_A, "said")
    c1, c2 = _span(TEXT_A, "on Monday"), _span(TEXT_A, '"taxes will rise."')
    crit, dis = _span(TEXT_A, "Critics"), _span(TEXT_A, "disagreed")
    first = "\n".join([
        _t("T1", "Source", TEXT_A, src),
        _t("T2", "Cue", TEXT_A, cue),
        _t("T3", "Content", TEXT_A, c1, c2),           # discontinuous content
        _t("T4", "Attribution", TEXT_A, cue),
        "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3",
        _t("T5", "Cue", TEXT_A, dis),
        _t("T6", "Attribution-no-source", TEXT_A, dis),
        "E2\tAttribution-no-source:T6 Cue:T5",         # no Source
        _t("T7", "Source", TEXT_A, crit),
        "E3\tAttribution:T7 Source:T7 ",               # no Cue: dropped
        "#1\tAnnotatorNotes T1\tcheck",
        _t("T8", "Content", TEXT_A, (0, 15)) ,          # content with a newline ...
        "continued line of the span text",             # ... continues on a new line
        "E4\tAttribution:T4 Cue:T2 Content:T8 Content2:T3",
    ]) + "\n"
    # A second annotator (sorted after "aaaa") whose spans must be ignored.
    second = "\n".join([
        _t("T1", "Source", TEXT_A, crit),
        _t("T2", "Cue", TEXT_A, dis),
        "E1\tAttribution:T2 Source:T1 Cue:T2",
    ]) + "\n"
    ann = root / "dev" / "attributions"
    (ann / "pub-a_2016-01-02_story_aaaa.ann").write_text(first, encoding="utf-8")
    (ann / "pub-a_2016-01-02_story_bbbb.ann").write_text(second, encoding="utf-8")

    s, c = _span(TEXT_B, "Officials"), _span(TEXT_B, "believe")
    (ann / "pub-b_2016-02-03_other_cccc.ann").write_text(
        "\n".join([_t("T1", "Source", TEXT_B, s), _t("T2", "Cue", TEXT_B, c), "E1\tAttribution:T2 Source:T1 Cue:T2"]) + "\n",
        encoding="utf-8",
    )
    (root / "metadata.tsv").write_text(
        "compartment\tfilename\tlevel\tannotators\tpublisher\tpublication_date\tauthor\ttitle\n"
        "dev\tpub-a_2016-01-02_story\tNone\taaaa|bbbb\tpub-a\t2016-01-02\tX\tA title\n"
        "dev\tpub-b_2016-02-03_other\tNone\tcccc\tpub-b\tNone\tY\tNone\n",
        encoding="utf-8",
    )


@pytest.fixture()
def tiny(tmp_path: Path) -> Path:
    _make_corpus(tmp_path)
    return tmp_path


def test_tiny_articles_table(tiny: Path) -> None:
    articles, _ = read_polnear(tiny, "dev")
    assert list(articles.columns[: len(ARTICLES)]) == list(ARTICLES)
    assert articles["article_id"].tolist() == ["pub-a_2016-01-02_story", "pub-b_2016-02-03_other"]
    assert articles["outlet"].tolist() == ["pub-a", "pub-b"]
    assert articles["published"].iloc[0] == pd.Timestamp("2016-01-02")
    assert pd.isna(articles["published"].iloc[1])
    assert articles["title"].iloc[0] == "A title" and pd.isna(articles["title"].iloc[1])
    assert articles["text"].iloc[0] == TEXT_A
    assert (articles["language"] == "en").all() and articles["url"].isna().all()


def test_tiny_gold_rows(tiny: Path) -> None:
    _, gold = read_polnear(tiny, "dev")
    assert list(gold.columns[: len(ATTRIBUTIONS)]) == list(ATTRIBUTIONS)
    assert {c: str(t) for c, t in gold.dtypes.items()} == ATTRIBUTIONS
    # E3 has no Cue and is dropped; the second annotator's file is ignored.
    assert gold["attribution_id"].tolist() == [
        "pub-a_2016-01-02_story:E1",
        "pub-a_2016-01-02_story:E2",
        "pub-a_2016-01-02_story:E4",
        "pub-b_2016-02-03_other:E1",
    ]
    e1, e2, e4, b1 = (gold.iloc[i] for i in range(4))
    assert (e1.source_text, e1.cue_text) == ("The mayor", "said")
    assert (e1.content_start, e1.content_end) == (_span(TEXT_A, "on Monday")[0], _span(TEXT_A, '"taxes will rise."')[1])
    assert pd.isna(e2.source_start) and pd.isna(e2.source_end) and pd.isna(e2.source_text)
    assert e2.cue_text == "disagreed"
    # Content + Content2: min start, max end over both.
    assert (e4.content_start, e4.content_end) == (0, _span(TEXT_A, '"taxes will rise."')[1])
    assert b1.cue_text == "believe" and b1.source_text == "Officials"
    for col in ("quote_kind", "source_type", "source_name", "via", "sentence_index"):
        assert gold[col].isna().all(), col


def test_tiny_limit(tiny: Path) -> None:
    articles, gold = read_polnear(tiny, "dev", limit=1)
    assert articles["article_id"].tolist() == ["pub-a_2016-01-02_story"]
    assert set(gold["article_id"]) == {"pub-a_2016-01-02_story"}


@pytest.mark.parametrize("split", ["test", "nope"])
def test_missing_split_names_folder(tiny: Path, split: str) -> None:
    with pytest.raises(FileNotFoundError, match=re.escape(str(tiny / split))):
        read_polnear(tiny, split)


def test_negative_limit_rejected(tiny: Path) -> None:
    with pytest.raises(ValueError, match="limit"):
        read_polnear(tiny, "dev", limit=-1)


def test_all_annotators_give_extra_article_rows(tiny: Path) -> None:
    articles, gold = read_polnear(tiny, "dev", annotators="all")
    assert articles["article_id"].tolist() == [
        "pub-a_2016-01-02_story",
        "pub-a_2016-01-02_story#bbbb",
        "pub-b_2016-02-03_other",
    ]
    # The extra row is the same article: same text and metadata.
    first, extra = articles.iloc[0], articles.iloc[1]
    assert extra["text"] == first["text"] == TEXT_A
    assert (extra["outlet"], extra["title"], extra["published"]) == (first["outlet"], first["title"], first["published"])
    # The second annotator's one attribution hangs on the extra row; the
    # first annotator's rows are unchanged.
    extra_gold = gold[gold["article_id"] == "pub-a_2016-01-02_story#bbbb"]
    assert extra_gold["attribution_id"].tolist() == ["pub-a_2016-01-02_story#bbbb:E1"]
    assert (extra_gold["source_text"].iloc[0], extra_gold["cue_text"].iloc[0]) == ("Critics", "disagreed")
    _, first_gold = read_polnear(tiny, "dev")
    pd.testing.assert_frame_equal(
        gold[gold["article_id"] != "pub-a_2016-01-02_story#bbbb"].reset_index(drop=True), first_gold
    )


def test_all_annotators_respects_limit(tiny: Path) -> None:
    articles, gold = read_polnear(tiny, "dev", limit=1, annotators="all")
    assert articles["article_id"].tolist() == ["pub-a_2016-01-02_story", "pub-a_2016-01-02_story#bbbb"]
    assert set(gold["article_id"]) == set(articles["article_id"])


@pytest.mark.parametrize("annotators", ["", "First", "each", None])
def test_unknown_annotators_rejected(tiny: Path, annotators: object) -> None:
    with pytest.raises(ValueError, match="annotators"):
        read_polnear(tiny, "dev", annotators=annotators)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- #
# The real corpus.

_T_LINE = re.compile(r"^(T\d+)\t(Source|Cue) (\d+) (\d+)\t(.*)$")


@pytest.fixture(scope="module")
def dev() -> tuple[pd.DataFrame, pd.DataFrame]:
    return read_polnear(POLNEAR_DIR, "dev")


@needs_polnear
@pytest.mark.shared
@pytest.mark.slow
def test_dev_counts(dev: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    articles, gold = dev
    assert len(articles) == 84
    assert articles["article_id"].is_unique
    assert articles["outlet"].notna().all() and articles["published"].notna().all()
    assert len(gold) > 1000
    assert gold["attribution_id"].is_unique
    assert gold["cue_start"].notna().all()
    assert gold["source_start"].isna().any() and gold["source_start"].notna().mean() > 0.8
    assert set(gold["article_id"]) <= set(articles["article_id"])
    assert (gold["cue_end"] > gold["cue_start"]).all()


@needs_polnear
@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.parametrize("part", ["source", "cue"])
def test_dev_span_invariant(dev: tuple[pd.DataFrame, pd.DataFrame], part: str) -> None:
    articles, gold = dev
    texts = dict(zip(articles["article_id"], articles["text"]))
    rows = gold[gold[f"{part}_start"].notna()]
    bad = [
        r.attribution_id
        for r in rows.itertuples()
        if texts[r.article_id][getattr(r, f"{part}_start"): getattr(r, f"{part}_end")] != getattr(r, f"{part}_text")
    ]
    assert not bad, bad[:5]


@needs_polnear
@pytest.mark.shared
@pytest.mark.slow
def test_dev_spans_match_ann_text(dev: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    """Contiguous Source/Cue spans: our text slice equals the text brat recorded."""
    _, gold = dev
    ann_dir = POLNEAR_DIR / "dev" / "attributions"
    seen: set[str] = set()
    recorded: dict[tuple[str, int, int], str] = {}
    for path in sorted(ann_dir.glob("*.ann")):
        stem = path.stem.rsplit("_", 1)[0]
        if stem in seen:
            continue
        seen.add(stem)
        for line in path.read_text(encoding="utf-8").splitlines():
            m = _T_LINE.match(line)
            if m:
                recorded[(stem, int(m.group(3)), int(m.group(4)))] = m.group(5)
    checked = 0
    for part in ("source", "cue"):
        for aid, s, e, said in gold[["article_id", f"{part}_start", f"{part}_end", f"{part}_text"]].dropna().itertuples(index=False):
            key = (aid, int(s), int(e))
            if key in recorded:
                assert recorded[key] == said, key
                checked += 1
    assert checked > 0.95 * gold["cue_start"].notna().sum()


@needs_polnear
@pytest.mark.shared
@pytest.mark.slow
def test_dev_first_annotator_rule(dev: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    _, gold = dev
    ann_dir = POLNEAR_DIR / "dev" / "attributions"
    by_stem: dict[str, list[Path]] = {}
    for path in sorted(ann_dir.glob("*.ann")):
        by_stem.setdefault(path.stem.rsplit("_", 1)[0], []).append(path)
    multi = {stem: paths for stem, paths in by_stem.items() if len(paths) > 1}
    assert multi, "expected some dev articles with several annotators"

    cue_line = re.compile(r"^T\d+\tCue ([\d ;]+)\t")

    def cue_offsets(path: Path) -> set[tuple[int, int]]:
        out = set()
        for line in path.read_text(encoding="utf-8").splitlines():
            if m := cue_line.match(line):
                nums = [int(x) for x in re.split(r"[ ;]", m.group(1))]
                out.add((min(nums[::2]), max(nums[1::2])))
        return out

    differs = 0
    for stem, paths in multi.items():
        ours = {(int(s), int(e)) for s, e in gold.loc[gold["article_id"] == stem, ["cue_start", "cue_end"]].itertuples(index=False)}
        assert ours and ours <= cue_offsets(paths[0]), stem
        differs += any(not ours <= cue_offsets(p) for p in paths[1:])
    assert differs > 0, "later annotators never differ: the rule would be untested"


@needs_polnear
@pytest.mark.shared
def test_dev_limit_reads_few() -> None:
    articles, gold = read_polnear(split="dev", limit=2)
    assert len(articles) == 2
    assert len(gold) > 0 and set(gold["article_id"]) <= set(articles["article_id"])
