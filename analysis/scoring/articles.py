"""Per-article sourcing figures, the W3C and IMI-style signals, and the transparency score.

Every choice is in :class:`~analysis.scoring.config.ScoringConfig` (the
weights file) and explained in ``docs/scoring.md``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.gc_pause import paused_gc
from analysis.schema import MEDIA_TYPES, STATUS_COLUMNS, UNREAD_STATUSES, require_columns
from analysis.scoring.config import ScoringConfig, default_config
from analysis.scoring.reliability import RELIABILITY_COLUMNS, lookup, score_reliability
from analysis.sources.chains import relay_chains, summarize_chains
from analysis.sources.classify import head_noun

#: Source types a reader can identify by name.
IDENTIFIED_TYPES = ("named_person", "named_organization", *MEDIA_TYPES, "self")

#: The per-article figures, in output order.
SCORE_COLUMNS = (
    "n_attributions",
    "n_sources",
    "share_named",
    "share_anonymous",
    "share_unnamed_official",
    "share_agency",
    "share_media",
    "share_document",
    "share_relayed",
    "relay_depth_max",
    "type_diversity",
    "transparency_score",
    # W3C Credibility Signals (sourcing)
    "n_anonymous",
    "anonymous_cited",
    "single_anonymous_source",
    "cites_wire_service",
    "anonymous_dependency",
    # IMI-style classes
    "share_imi_identified",
    "share_imi_dubious",
    "share_imi_anonymous",
    # relay chains
    "share_on_other_media",
    "n_second_hand_anonymous",
    # reliability priors
    *RELIABILITY_COLUMNS,
)
#: Columns of :data:`SCORE_COLUMNS` that are yes/no per article (their outlet mean is a share of articles).
FLAG_COLUMNS = ("anonymous_cited", "single_anonymous_source", "cites_wire_service")



def relay_depth(attributions: pd.DataFrame) -> pd.Series:
    """Hops from the publisher to each source: 1 when cited directly, 2 through one medium.

    >>> relay_depth(pd.DataFrame({"via": [None, "AFP"]})).tolist()
    [1, 2]
    """
    require_columns(attributions, ["via"], table="attributions")
    return attributions["via"].notna().astype("int64") + 1


def attribution_transparency(attributions: pd.DataFrame, *, config: ScoringConfig | None = None) -> pd.Series:
    """How checkable each attribution is, in [0, 1]: its type's value less the relay penalty.

    >>> df = pd.DataFrame({"source_type": ["named_person", "anonymous"], "via": [None, "AFP"]})
    >>> attribution_transparency(df).tolist()
    [1.0, 0.0]
    """
    require_columns(attributions, ["source_type", "via"], table="attributions")
    config = config or default_config()
    base = pd.Series(lookup(attributions["source_type"], config.type_transparency), index=attributions.index)
    base = base.fillna(0.0)
    hops = relay_depth(attributions) - 1
    return (base * (1 - config.relay_penalty) ** hops).clip(0, 1)


def imi_class(attributions: pd.DataFrame, *, config: ScoringConfig | None = None) -> pd.Series:
    """IMI-style class of each attribution: ``identified``, ``dubious`` or ``anonymous``.

    The source type gives the class (``imi_classes`` in the weights file); a
    source without a name whose head noun is generic ("experts",
    "eyewitnesses", "the media": ``imi_dubious_heads``) is ``dubious``.

    >>> df = pd.DataFrame({"source_text": ["Reuters", "experts", "a source"],
    ...     "source_type": ["news_agency", "unnamed_official", "anonymous"], "source_name": ["Reuters", None, None]})
    >>> imi_class(df).tolist()
    ['identified', 'dubious', 'anonymous']
    """
    require_columns(attributions, ["source_text", "source_type", "source_name"], table="attributions")
    config = config or default_config()
    codes, types = pd.factorize(attributions["source_type"])
    # Each distinct type looked up once; a missing (code -1: the last entry) or unlisted type is dubious.
    class_of = np.array([config.imi_classes.get(t, "dubious") for t in types] + ["dubious"], dtype=object)
    classes = pd.Series(class_of[codes], index=attributions.index)
    unnamed = attributions["source_name"].isna()
    # Only unnamed sources not already dubious can turn dubious: read their head nouns, each distinct span once.
    open_ = (unnamed & classes.ne("dubious")).to_numpy(dtype=bool, na_value=False)
    texts = attributions["source_text"][open_].astype(str)
    heads = {text: head_noun(text) for text in texts.unique()}
    generic = texts.map(heads).isin(config.imi_dubious_heads)
    return classes.mask(generic.reindex(classes.index, fill_value=False), "dubious").astype("string")


def _type_entropy(codes: np.ndarray, n_articles: int, types: pd.Series) -> np.ndarray:
    """Normalised entropy of the source types of each article, all articles at once.

    ``codes`` numbers each attribution's article (0 to ``n_articles`` - 1).
    0 for an article with one attribution or one type; missing for an article
    whose types are all missing.
    """
    type_codes, type_names = pd.factorize(types)
    typed = type_codes >= 0
    # Each (article, type) pair, numbered in order of first appearance.
    pair_codes, pairs = pd.factorize(codes[typed] * len(type_names) + type_codes[typed])
    counts = np.bincount(pair_codes).astype("float64")
    article = pairs // max(len(type_names), 1)
    n_total = np.bincount(article, weights=counts, minlength=n_articles)
    n_types = np.bincount(article, minlength=n_articles)
    p = counts / n_total[article]
    # A pandas group sum, in pair order, as the score has always been summed.
    plogp = pd.Series(p * np.log(p)).groupby(article, sort=False).sum().reindex(range(n_articles)).to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        # Normalised by the largest entropy this many attributions could reach.
        entropy = -plogp / np.log(np.where(n_total > 1, np.minimum(n_total, 12), 2))
    entropy = np.where((n_total > 1) & (n_types > 1), entropy, 0.0)
    return np.where(n_total > 0, entropy, np.nan)


def _distinct_per_article(codes: np.ndarray, n_articles: int, keys: pd.Series) -> np.ndarray:
    """Number of distinct non-missing ``keys`` among the attributions of each article."""
    key_codes, distinct = pd.factorize(keys)
    present = key_codes >= 0
    pairs = np.unique(codes[present] * max(len(distinct), 1) + key_codes[present])
    return np.bincount(pairs // max(len(distinct), 1), minlength=n_articles)


def _cites_agency(via: pd.Series) -> pd.Series:
    """Whether each relay is a registered news agency (each distinct relay looked up once)."""
    from analysis.sources.registry import default_index

    media = default_index()
    names = via.dropna().unique()
    agencies = {name for name in names if isinstance(name, str) and media.type_of(name) == "news_agency"}
    return via.isin(agencies)


@paused_gc()
def score_articles(
    articles: pd.DataFrame,
    attributions: pd.DataFrame,
    *,
    config: ScoringConfig | None = None,
    chains: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Score how each article cites its sources.

    Every article gets a row, also one with no attributions (its counts are 0,
    its shares missing, its transparency score 0). The articles' ``status``,
    ``reason`` and ``n_replaced_chars`` are carried over; an article whose status
    is ``empty`` or ``rejected`` has no text to score, and one in an
    ``unsupported_language`` was not read, so their transparency score and type
    diversity are missing.

    Args:
        articles: the articles table (``article_id``; ``outlet`` and ``published`` are carried over).
        attributions: classified attributions (``source_type``, ``source_name``, ``via``).
        config: score weights; the shipped defaults when omitted.
        chains: ``relay_chains(attributions, articles)`` when already at hand
            (it is computed otherwise).

    Returns:
        One row per article: its id, outlet, published date, title, status columns
        and :data:`SCORE_COLUMNS`.

    >>> arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "X"]})
    >>> att = pd.DataFrame({"article_id": ["a", "a"], "source_text": ["Reuters", "a source"],
    ...     "source_type": ["news_agency", "anonymous"], "source_name": ["Reuters", None], "via": [None, None]})
    >>> score_articles(arts, att)[["article_id", "n_sources", "share_anonymous"]].values.tolist()
    [['a', 2, 0.5], ['b', 0, nan]]
    """
    require_columns(articles, ["article_id"], table="articles")
    require_columns(attributions, ["article_id", "source_text", "source_type", "source_name", "via"], table="attributions")
    config = config or default_config()
    types, via = attributions["source_type"], attributions["via"]
    article_ids = attributions["article_id"].astype(str)
    # Number the articles cited (in order of first appearance); per-article figures are sums over these numbers.
    codes, cited = pd.factorize(article_ids)
    if (codes < 0).any():
        raise ValueError(f"attributions row {int(np.argmax(codes < 0))}: field 'article_id' is missing")
    n_cited = len(cited)

    def per_article(weights: np.ndarray | None = None) -> np.ndarray:
        return np.bincount(codes, weights=weights, minlength=n_cited)

    anon = types.eq("anonymous").to_numpy(dtype=bool, na_value=False)
    keys = attributions["source_name"].astype("string").fillna(attributions["source_text"].astype("string").str.lower())
    imi = imi_class(attributions, config=config)
    # Shares are means of yes/no columns, all taken in one grouping. (``eq`` and
    # ``isin`` give different boolean dtypes, hence different mean dtypes: kept as they were.)
    flags = pd.DataFrame(
        {
            "share_named": types.isin(IDENTIFIED_TYPES),
            "share_anonymous": types.eq("anonymous"),
            "share_unnamed_official": types.eq("unnamed_official"),
            "share_agency": types.eq("news_agency"),
            "share_media": types.isin(MEDIA_TYPES),
            "share_document": types.eq("document"),
            "share_relayed": via.notna(),
            "_value": attribution_transparency(attributions, config=config),
            "anonymous_dependency": types.isin(["anonymous", "unnamed_official"]),
            "share_imi_identified": imi.eq("identified"),
            "share_imi_dubious": imi.eq("dubious"),
            "share_imi_anonymous": imi.eq("anonymous"),
        }
    )
    # Grouping by the numbers lists the articles in number order.
    means = flags.groupby(codes, sort=False).mean().set_axis(pd.Index(cited, name="article_id"))
    n_rows = per_article()
    n_anonymous = per_article(anon)
    n_sources = _distinct_per_article(codes, n_cited, keys)
    wire = (types.eq("news_agency") | _cites_agency(via)).to_numpy(dtype=bool, na_value=False)

    # From here on, one row per article, in the articles' order.
    ids = articles["article_id"].astype(str)
    row = pd.Index(cited).get_indexer(ids)

    def for_articles(values: np.ndarray, missing: object) -> np.ndarray:
        # An article citing nobody (row -1) takes the appended last entry.
        return np.append(values, missing)[row]

    shares = means.reindex(ids).reset_index(drop=True)
    n_sources = for_articles(n_sources, 0).astype("int64")
    type_diversity = for_articles(_type_entropy(codes, n_cited, types), np.nan)
    if chains is None:
        chains = relay_chains(attributions.assign(article_id=article_ids), articles)
    chains = summarize_chains(chains, articles)
    reliability = score_reliability(articles, attributions, config=config)
    w = config.weights
    count_part = np.minimum(n_sources, config.source_count_cap) / config.source_count_cap
    score = 100 * (
        w["source_transparency"] * shares["_value"].fillna(0).to_numpy()
        + w["source_count"] * count_part
        + w["source_diversity"] * np.nan_to_num(type_diversity, nan=0.0)
    )
    transparency_score = np.round(score, 2)
    type_diversity = np.nan_to_num(type_diversity, nan=0.0)
    if "status" in articles.columns:
        # An article with no text (empty, rejected) or in a language the kit does not read
        # has nothing scored: not 0, missing.
        unread = articles["status"].isin(UNREAD_STATUSES).to_numpy(dtype=bool, na_value=False)
        type_diversity = np.where(unread, np.nan, type_diversity)
        transparency_score = np.where(unread, np.nan, transparency_score)
    scores = pd.DataFrame({
        "n_attributions": for_articles(n_rows, 0).astype("int64"),
        "n_sources": n_sources,
        **{c: shares[c] for c in ("share_named", "share_anonymous", "share_unnamed_official", "share_agency",
                                  "share_media", "share_document", "share_relayed")},
        # Chains follow relays through the article, so they can be longer than one hop.
        "relay_depth_max": chains["chain_depth_max"].astype("int64").to_numpy(),
        "type_diversity": type_diversity,
        "transparency_score": transparency_score,
        "n_anonymous": for_articles(n_anonymous, 0).astype("int64"),
        "anonymous_cited": for_articles(n_anonymous > 0, False),
        # One anonymous source (one wording) carrying a material share of the article.
        "single_anonymous_source": for_articles((_distinct_per_article(codes[anon], n_cited, keys[anon]) == 1)
                                                & (n_anonymous / n_rows >= config.material_share), False),
        "cites_wire_service": for_articles(per_article(wire) > 0, False),
        **{c: shares[c] for c in ("anonymous_dependency", "share_imi_identified", "share_imi_dubious",
                                  "share_imi_anonymous")},
        "share_on_other_media": chains["share_on_other_media"].astype("float64").to_numpy(),
        "n_second_hand_anonymous": chains["n_second_hand_anonymous"].astype("int64").to_numpy(),
        **{c: reliability[c].to_numpy() for c in RELIABILITY_COLUMNS},
    })
    keep = [c for c in ("article_id", "outlet", "published", "title", "language", *STATUS_COLUMNS)
            if c in articles.columns]
    return pd.concat([articles[keep].assign(article_id=ids).reset_index(drop=True), scores], axis=1)
