"""The learned attribution model: content rules, loading, and its PolNeAR dev scores."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.extract.content import content_span
from analysis.text.tokens import parse
from analysis.models import MODEL_PATH, AttributionModel, load_model
from analysis.models import fitting
from analysis.models.batch import Batch
from analysis.models.decoding import grow_source


def _span(text: str, cue: str, source: str | None) -> str | None:
    doc = parse(text)
    c = doc.words.index(cue)
    s = None
    if source is not None:
        first = source.split()
        i = doc.words.index(first[0])
        s = (i, i + len(parse(source).words) - 1)
    span = content_span(doc, (c, c), s)
    return None if span is None else text[span[0]: span[1]]


CONTENT_CASES = [
    # (text, cue word, source, expected content) in the PolNeAR convention
    ('"We will win," Smith said.', "said", "Smith", '"We will win,"'),
    ("Smith said that the plan failed.", "said", "Smith", "that the plan failed"),
    ("Smith said the plan failed.", "said", "Smith", "the plan failed"),
    ("The plan failed, Smith said.", "said", "Smith", "The plan failed"),
    ('Smith said: "The plan failed."', "said", "Smith", '"The plan failed."'),
    ("Smith told reporters on Monday that the plan failed.", "told", "Smith", "that the plan failed"),
    ("Smith told AFP the delegation had left.", "told", "Smith", "the delegation had left"),
    ("Smith said the plan failed, saying it was late.", "said", "Smith", "the plan failed"),
    ('"It is over," said Smith. "We lost."', "said", "Smith", '"It is over," said Smith. "We lost."'),
    ("''It is over,'' Smith said.", "said", "Smith", "''It is over,''"),
    ("The plan, Smith said, was late.", "said", "Smith", "The plan, Smith said, was late"),
]


@pytest.mark.parametrize("text, cue, source, expected", CONTENT_CASES)
def test_content_span(text, cue, source, expected):
    assert _span(text, cue, source) == expected


def test_missing_model_warns_and_returns_none(tmp_path):
    with pytest.warns(RuntimeWarning, match="rules alone"):
        assert load_model(tmp_path / "absent.skops") is None


def test_init_only_stores_params():
    model = AttributionModel(C=2.0, random_state=3)
    assert model.get_params()["random_state"] == 3
    assert not any(k.endswith("_") for k in vars(model))


def test_fit_checks_columns():
    with pytest.raises(ValueError, match="missing required column"):
        AttributionModel().fit(pd.DataFrame({"article_id": ["a"]}), pd.DataFrame())


def test_fit_on_a_toy_corpus_finds_its_cue():
    texts = [f"Senator {n} said the plan would fail. The weather was {w}." for n, w in
             zip(["Ames", "Bolt", "Cray", "Dunn", "Egan", "Ford"], ["fine", "poor", "warm", "cold", "dry", "wet"])]
    articles = pd.DataFrame({"article_id": [f"a{i}" for i in range(6)], "text": texts})
    rows = []
    for aid, text in zip(articles["article_id"], texts):
        s0 = 0
        s1 = text.index(" said")
        c0 = s1 + 1
        rows.append({"article_id": aid, "source_start": s0, "source_end": s1, "cue_start": c0, "cue_end": c0 + 4})
    model = AttributionModel(C=10.0, min_cue_count=1, min_cue_rate=0.0).fit(articles, pd.DataFrame(rows))
    found = model.find(parse("Senator Gray said the bridge would open."))
    assert [(f.cue, f.source) for f in found] == [((2, 2), (0, 1))]


def test_fit_starts_a_cue_after_the_token_it_shares_with_its_source():
    # PolNeAR spans "He" / "’s claiming" inside the one token "He’s": the
    # model learns "claiming" as the cue and "He’s" as where the source ends.
    pronouns = ["He’s", "She’s", "They’re", "He’s", "She’s", "They’re"]
    texts = [f"{p} claiming the {w} plan failed. The weather was fine." for p, w in
             zip(pronouns, ["tax", "road", "farm", "port", "rail", "school"])]
    articles = pd.DataFrame({"article_id": [f"a{i}" for i in range(6)], "text": texts})
    rows = []
    for aid, text in zip(articles["article_id"], texts):
        cue_start = text.index("’")
        rows.append({"article_id": aid, "source_start": 0, "source_end": cue_start, "cue_start": cue_start,
                     "cue_end": text.index(" the")})
    model = AttributionModel(C=10.0, min_cue_count=1, min_cue_rate=0.0).fit(articles, pd.DataFrame(rows))
    found = model.find(parse("She’s claiming the bridge plan failed."))
    assert [(f.cue, f.source) for f in found] == [((1, 1), (0, 0))]


@pytest.fixture
def shipped_model() -> AttributionModel:
    """The model in models/attribution.skops; the test is skipped without it."""
    model = load_model(warn=False)
    if model is None:
        pytest.skip("no shipped model (run `make model`)")
    return model


def test_shipped_model_loads():
    if not MODEL_PATH.is_file():
        pytest.skip("no shipped model (run `make model`)")
    model = load_model()
    assert isinstance(model, AttributionModel)
    assert MODEL_PATH.stat().st_size < 2_000_000
    assert "said" in model.cue_vocab_


#: Floors on PolNeAR dev, ``convention="polnear"``; figures from benchmarks/accuracy.py.
#: Each is the project's target (0.70 exact source and cue, 0.55 exact
#: content, 0.75 overlap pair) or just under where the shipped model stands,
#: whichever is higher.
DEV_FLOORS = {("source", "exact"): 0.72, ("cue", "exact"): 0.70, ("content", "exact"): 0.56,
              ("pair", "overlap"): 0.755, ("source", "overlap"): 0.77, ("cue", "overlap"): 0.77}


@pytest.mark.slow
@pytest.mark.shared
def test_shipped_model_scores_on_dev(polnear_dir, shipped_model):
    from analysis.evaluate import score_spans
    from analysis.extract import extract_attributions
    from analysis.io.polnear import read_polnear

    articles, gold = read_polnear(polnear_dir, "dev")
    scores = score_spans(extract_attributions(articles, convention="polnear"), gold).set_index(["part", "mode"])["f1"]
    low = {key: round(float(scores[key]), 3) for key, floor in DEV_FLOORS.items() if scores[key] < floor}
    assert not low, low


def test_a_batch_finds_what_each_document_finds_alone(shipped_model):
    from analysis.config import SAMPLE_DIR
    from analysis.io import read_articles

    texts = read_articles(SAMPLE_DIR / "synthetic.jsonl")["text"].tolist()
    # Empty and cue-free texts between the others: batch offsets must not shift.
    texts[3:3] = ["", "No one spoke.", '"Yes," she said.']
    docs = [parse(t) for t in texts]
    alone = [shipped_model.find(d) for d in docs]
    assert shipped_model.find_many(docs) == alone
    assert sum(map(len, alone)) > len(texts)  # the sample cites many sources


def test_found_cues_never_touch(shipped_model):
    """Adjacent cue words of one sentence come out as one cue ("has since" + "said")."""
    from analysis.config import SAMPLE_DIR
    from analysis.io import read_articles

    texts = read_articles(SAMPLE_DIR / "synthetic.jsonl")["text"].tolist()
    texts.append("She has since said that she went because it would be fun.")
    for found in shipped_model.find_many([parse(t) for t in texts]):
        for a, b in zip(found, found[1:]):
            assert not (b.cue[0] == a.cue[1] + 1 and b.sentence == a.sentence), (a, b)


def test_cue_acceptance_for_growth_is_out_of_fold():
    """Rows of one fold are judged by a classifier fitted on the other fold only."""
    from analysis.models.linear import HashedLogit

    rng = np.random.default_rng(0)
    X = rng.integers(0, 50, size=(400, 6))
    y = (X[:, 0] < 25).astype(int)
    doc = np.repeat(np.arange(40), 10)
    model = AttributionModel()

    def logit():
        return HashedLogit(n_bits=8, C=1.0, min_count=1, random_state=0)

    accepted = fitting.held_out_cues(model, X, y, doc % 2, logit)
    flipped = y.copy()
    flipped[doc % 2 == 0] ^= 1  # the labels of fold 0 change ...
    again = fitting.held_out_cues(model, X, flipped, doc % 2, logit)
    assert (again[doc % 2 == 0] == accepted[doc % 2 == 0]).all()  # ... not how fold 0 is judged
    assert (again[doc % 2 == 1] != accepted[doc % 2 == 1]).any()  # fold 1 is judged by them
    assert accepted.mean() == pytest.approx(y.mean(), abs=0.1)


def test_copies_of_one_text_share_a_fold(monkeypatch):
    """An article read by two annotators is never judged by a model fitted on its other copy."""
    texts = ["Ann Lee said the plan failed.", "Ann Lee said the plan failed.", "Bo Park said no.", "Cy Moe told us."]
    articles = pd.DataFrame({"article_id": ["a", "a#2", "b", "c"], "text": texts})
    gold = pd.DataFrame({"article_id": ["a", "a#2", "b", "c"], "cue_start": [8, 8, 8, 7], "cue_end": [12, 12, 12, 11],
                         "source_start": [0, 0, 0, 0], "source_end": [7, 7, 7, 6]})
    seen = {}
    real = fitting.held_out_cues

    def spy(model, X, y, fold, logit):
        seen["fold"] = fold
        return real(model, X, y, fold, logit)

    monkeypatch.setattr(fitting, "held_out_cues", spy)
    model = AttributionModel(min_cue_count=1)
    batch = Batch(model.fit(articles, gold), [parse(t) for t in texts])
    fold_of_doc = {int(d): int(f) for d, f in zip(batch.t.doc[batch.rate > 0], seen["fold"])}
    assert fold_of_doc == {0: 0, 1: 0, 2: 0, 3: 1}  # the copy (1) goes with its first (0)


def test_connectives_are_no_source_candidates(shipped_model):
    import copy

    doc = parse("Meanwhile, saying the vote was rigged, the crowd marched on.")
    cue = np.array([doc.words.index("saying")])

    def candidates(m) -> list[str]:
        return [doc.words[t] for t in Batch(m, [doc]).anchor_candidates(cue, cue)[1]]

    assert "Meanwhile" not in candidates(shipped_model)
    # The list in data/lexicons/connectives.txt is what keeps it out.
    bare = copy.copy(shipped_model)
    bare.connective_ = np.zeros_like(shipped_model.connective_)
    assert "Meanwhile" in candidates(bare)


class _AlwaysGrow:
    """A stand-in growth classifier that always says "grow"."""

    def decision_function(self, X):
        return np.full(len(X), 10.0)


@pytest.mark.parametrize(
    "text, speaker, expected",
    [
        ("Perhaps in Paris, even the officials said so.", "officials", "Paris, even the officials"),
        ("And now, despite that, Smith said it again.", "Smith", "that, Smith"),
        ("Even in Gaza officials said so.", "officials", "Gaza officials"),
    ],
)
def test_sources_never_start_with_an_opener(text, speaker, expected, shipped_model):
    import copy

    doc = parse(text)
    batch = Batch(shipped_model, [doc])
    flagged = {w.lower() for w, f in zip(doc.words, batch.trim) if f}
    # data/lexicons/connectives.txt and non_source_openers.txt, and punctuation.
    assert {",", "in", "even", "perhaps", "and", "now", "despite"} & {w.lower() for w in doc.words} <= flagged
    assert speaker.lower() not in flagged
    # A source grown to the sentence start loses its leading openers.
    greedy = copy.copy(shipped_model)
    greedy.source_extend_ = _AlwaysGrow()
    anchor, cue = doc.words.index(speaker), doc.words.index("said")
    s0, s1 = grow_source(greedy, batch, np.array([anchor]), np.array([cue]), np.array([0]), np.array([len(doc.words)]))
    assert doc.text[doc.starts[s0[0]]: doc.ends[s1[0]]] == expected


def test_a_sure_cue_keeps_a_less_certain_source(shipped_model):
    import copy

    from analysis.config import SAMPLE_DIR
    from analysis.io import read_articles

    docs = [parse(t) for t in read_articles(SAMPLE_DIR / "synthetic.jsonl")["text"]]

    def found(**params) -> set:
        model = copy.copy(shipped_model).set_params(**params)
        return {(n, f.cue, f.source) for n, out in enumerate(model.find_many(docs)) for f in out if f.source}

    default = found()
    assert found(sure_cue=2.0) <= default  # never "sure": only the plain threshold
    assert len(found(sure_cue=0.0, sure_cue_source_threshold=0.999)) < len(default)


def test_a_sure_cue_without_a_source_stays_sourceless(shipped_model):
    import copy

    doc = parse("A curfew was announced from midnight to 6 a.m.")
    kept = copy.copy(shipped_model).set_params(sourceless_cue=0.0).find(doc)
    assert [(doc.words[f.cue[0]: f.cue[1] + 1], f.source, f.source_p) for f in kept] == [
        (["was", "announced"], None, 0.0)]
    assert copy.copy(shipped_model).set_params(sourceless_cue=1.01).find(doc) == []


@pytest.mark.parametrize(
    "text, source, cue",
    [
        # A comma right before the cue ends a source only after an opening one.
        ("The plan will fail, said pollster Frank Luntz.", "pollster Frank Luntz", "said"),
        ("Jane Doe, the chief executive, said the plan was dead.", "Jane Doe, the chief executive,", "said"),
        # A lower-case word in subject position can end the source.
        ("Video of the incident shows that he had his hands in the air.", "Video of the incident", "shows"),
        ("Connecticut’s tax commissioner says an internal review found no fault.",
         "Connecticut’s tax commissioner", "says"),
        # Touching cue words make one cue.
        ("She has since said that she went because it would be fun.", "She", "has since said"),
        # Cues grow from the words the classifier accepts, over auxiliaries and particles.
        ("The governor has praised the mayor's handling of the flood.", "The governor", "has praised"),
        ("The minister was insisting that the plan would work.", "The minister", "was insisting"),
        ("The manager did not directly respond to requests for comment.", "The manager", "did not directly respond"),
    ],
)
def test_shipped_model_finds(text, source, cue, shipped_model):
    doc = parse(text)
    found = [(text[doc.starts[f.source[0]]: doc.ends[f.source[1]]], text[doc.starts[f.cue[0]]: doc.ends[f.cue[1]]])
             for f in shipped_model.find(doc) if f.source]
    assert (source, cue) in found, found


def test_load_model_refuses_a_file_that_inflates_too_far(tmp_path):
    import skops.io as sio

    path = tmp_path / "bomb.skops"
    import zipfile
    sio.dump(np.zeros(9_000_000), path, compression=zipfile.ZIP_DEFLATED)  # 72 MB of zeros, a few kB on disk
    assert path.stat().st_size < 1_000_000
    with pytest.raises(ValueError, match="bomb.skops would inflate to .* refused"):
        load_model(path)


def test_load_model_and_load_typer_refuse_another_type(tmp_path):
    import skops.io as sio

    from analysis.sources.typer import load_typer

    path = tmp_path / "other.skops"
    sio.dump({"weights": np.arange(3)}, path)
    with pytest.raises(ValueError, match="other.skops holds a builtins.dict, not a AttributionModel"):
        load_model(path)
    with pytest.raises(ValueError, match="other.skops holds a builtins.dict, not a SourceTyper"):
        load_typer(path)


@pytest.mark.parametrize(
    ("text", "t", "last"),
    [
        ("She said the plan failed, saying it was late.", 5, True),
        ("He said the port and the rail yard and the depot would close.", 5, False),
    ],
)
def test_comma_features_are_the_tokens_then_the_clauses(text, t, last):
    # comma_stop sums the token's part once per document: the parts must be all 17 templates, each once.
    from analysis.models.batch import comma_buckets, comma_clause_buckets, comma_token_buckets

    if not MODEL_PATH.exists():
        pytest.skip("no shipped model")
    model, doc = load_model(), parse(text)
    low, e = [w.lower() for w in doc.words], len(doc.words) - 2
    token = comma_token_buckets(model, low, doc.words, t, e)
    clause = comma_clause_buckets(model, low, doc.words, 1, 2, t, 1, last, e)
    assert (len(token), len(clause)) == (10, 7)
    assert comma_buckets(model, low, doc.words, 1, 2, t, 1, last, e) == token + clause


def test_comma_stop_reads_a_new_document_afresh():
    # The sums kept for one document's tokens are dropped when the next document's words come.
    if not MODEL_PATH.exists():
        pytest.skip("no shipped model")
    model = load_model()
    first, second = parse("She said the plan failed, saying it was late."), parse("She said it failed, and he left.")
    low1, low2 = [w.lower() for w in first.words], [w.lower() for w in second.words]
    model.comma_stop(low1, first.words, 1, 2, 5, 1, True, len(first.words) - 2)
    answer = model.comma_stop(low2, second.words, 1, 2, 4, 1, True, len(second.words) - 2)
    memo_low, sums = model.__dict__["_comma_memo"]
    assert memo_low is low2 and len(sums) == 1
    model.__dict__.pop("_comma_memo")
    assert model.comma_stop(low2, second.words, 1, 2, 4, 1, True, len(second.words) - 2) == answer
