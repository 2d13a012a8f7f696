"""Per-article sourcing figures, the W3C and IMI-style signals, and the transparency score.

Every choice is in :class:`~analysis.scoring.config.ScoringConfig` (the
weights file) and explained in ``docs/scoring.md``.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from analysis.schema import MEDIA_TYPES, STATUS_COLUMNS, require_columns
from analysis.scoring.config import ScoringConfig
from analysis.scoring.reliability import RELIABILITY_COLUMNS, score_reliability
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



@lru_cache(maxsize=1)
def _default_config() -> ScoringConfig:
    """The shipped weights, read once (the config is immutable)."""
    return ScoringConfig.from_yaml()


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
    config = config or _default_config()
    base = attributions["source_type"].map(dict(config.type_transparency)).astype("float64").fillna(0.0)
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
    config = config or ScoringConfig.from_yaml()
    classes = attributions["source_type"].map(dict(config.imi_classes)).fillna("dubious")
    unnamed = attributions["source_name"].isna()
    generic = attributions["source_text"].astype(str).map(head_noun).isin(config.imi_dubious_heads)
    return classes.mask(unnamed & generic, "dubious").astype("string")


def _single_anonymous(group: pd.DataFrame, share: float) -> bool:
    anon = group[group["_anon"]]
    if anon.empty:
        return False
    # One anonymous source (one wording) carrying a material share of the article.
    return anon["_key"].nunique() == 1 and len(anon) / len(group) >= share


def _type_entropy(article_ids: pd.Series, types: pd.Series) -> pd.Series:
    """Normalised entropy of the source types of each article, all articles at once.

    0 for an article with one attribution or one type; articles whose types
    are all missing are left out.
    """
    counts = types.groupby([article_ids, types], sort=False).size()
    counts = counts[counts > 0].astype("float64")
    ids = counts.index.get_level_values(0)
    n = counts.groupby(ids, sort=False).transform("sum")
    p = counts / n
    plogp = (p * np.log(p)).groupby(ids, sort=False).sum()
    n_total = counts.groupby(ids, sort=False).sum()
    n_types = counts.groupby(ids, sort=False).size()
    # Normalised by the largest entropy this many attributions could reach.
    entropy = -plogp / np.log(np.minimum(n_total, 12).where(n_total > 1, 2))
    return entropy.where((n_total > 1) & (n_types > 1), 0.0)

def score_articles(
    articles: pd.DataFrame, attributions: pd.DataFrame, *, config: ScoringConfig | None = None
) -> pd.DataFrame:
    """Score how each article cites its sources.

    Every article gets a row, also one with no attributions (its counts are 0,
    its shares missing, its transparency score 0). The articles' ``status``,
    ``reason`` and ``n_replaced_chars`` are carried over; an article whose status
    is ``empty`` or ``rejected`` has no text to score, so its transparency score
    and type diversity are missing.

    Args:
        articles: the articles table (``article_id``; ``outlet`` and ``published`` are carried over).
        attributions: classified attributions (``source_type``, ``source_name``, ``via``).
        config: score weights; the shipped defaults when omitted.

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
    config = config or _default_config()
    att = attributions.assign(
        article_id=attributions["article_id"].astype(str),
        _named=attributions["source_type"].isin(IDENTIFIED_TYPES),
        _anon=attributions["source_type"].eq("anonymous"),
        _official=attributions["source_type"].eq("unnamed_official"),
        _agency=attributions["source_type"].eq("news_agency"),
        _media=attributions["source_type"].isin(MEDIA_TYPES),
        _document=attributions["source_type"].eq("document"),
        _relayed=attributions["via"].notna(),
        _depth=relay_depth(attributions),
        _value=attribution_transparency(attributions, config=config),
        _key=attributions["source_name"].astype("string").fillna(attributions["source_text"].astype("string").str.lower()),
        _wire=attributions["source_type"].eq("news_agency") | attributions["via"].map(_is_agency).astype(bool),
        _partial=attributions["source_type"].isin(["anonymous", "unnamed_official"]),
        _imi=imi_class(attributions, config=config),
    )
    att["_imi_identified"] = att["_imi"].eq("identified")
    att["_imi_dubious"] = att["_imi"].eq("dubious")
    att["_imi_anonymous"] = att["_imi"].eq("anonymous")
    grouped = att.groupby("article_id", sort=False)
    per = pd.DataFrame(
        {
            "n_attributions": grouped.size(),
            "n_sources": grouped["_key"].nunique(),
            "share_named": grouped["_named"].mean(),
            "share_anonymous": grouped["_anon"].mean(),
            "share_unnamed_official": grouped["_official"].mean(),
            "share_agency": grouped["_agency"].mean(),
            "share_media": grouped["_media"].mean(),
            "share_document": grouped["_document"].mean(),
            "share_relayed": grouped["_relayed"].mean(),
            "relay_depth_max": grouped["_depth"].max(),
            "type_diversity": _type_entropy(att["article_id"], att["source_type"]).reindex(grouped.size().index),
            "_value": grouped["_value"].mean(),
            "n_anonymous": grouped["_anon"].sum(),
            "anonymous_cited": grouped["_anon"].any(),
            "single_anonymous_source": pd.Series(
                {k: _single_anonymous(g, config.material_share) for k, g in grouped[["_anon", "_key"]]}, dtype=bool),
            "cites_wire_service": grouped["_wire"].any(),
            "anonymous_dependency": grouped["_partial"].mean(),
            "share_imi_identified": grouped["_imi_identified"].mean(),
            "share_imi_dubious": grouped["_imi_dubious"].mean(),
            "share_imi_anonymous": grouped["_imi_anonymous"].mean(),
        }
    )
    keep = [c for c in ("article_id", "outlet", "published", "title", *STATUS_COLUMNS) if c in articles.columns]
    out = articles[keep].assign(article_id=articles["article_id"].astype(str)).merge(
        per, left_on="article_id", right_index=True, how="left"
    )
    for col in ("n_attributions", "n_sources", "relay_depth_max", "n_anonymous"):
        out[col] = out[col].fillna(0).astype("int64")
    for col in FLAG_COLUMNS:
        out[col] = out[col].fillna(False).astype(bool)
    chain_att = attributions.assign(article_id=att["article_id"])
    chains = summarize_chains(relay_chains(chain_att, articles), articles)
    # Chains follow relays through the article, so they can be longer than one hop.
    out["relay_depth_max"] = chains["chain_depth_max"].astype("int64").to_numpy()
    out["share_on_other_media"] = chains["share_on_other_media"].astype("float64").to_numpy()
    out["n_second_hand_anonymous"] = chains["n_second_hand_anonymous"].astype("int64").to_numpy()
    reliability = score_reliability(articles, attributions, config=config)
    for col in RELIABILITY_COLUMNS:
        out[col] = reliability[col].to_numpy()
    w = config.weights
    count_part = np.minimum(out["n_sources"], config.source_count_cap) / config.source_count_cap
    score = 100 * (
        w["source_transparency"] * out["_value"].fillna(0)
        + w["source_count"] * count_part
        + w["source_diversity"] * out["type_diversity"].fillna(0)
    )
    out["transparency_score"] = score.round(2)
    out["type_diversity"] = out["type_diversity"].fillna(0.0)
    if "status" in out.columns:
        # An article with no text (empty, rejected) has nothing to score: not 0, missing.
        unread = out["status"].isin(("empty", "rejected")).fillna(False).astype(bool)
        out.loc[unread, ["type_diversity", "transparency_score"]] = np.nan
    out = out.drop(columns="_value").reset_index(drop=True)
    keep = [c for c in out.columns if c not in SCORE_COLUMNS] + list(SCORE_COLUMNS)
    return out[keep]


def _is_agency(via: object) -> bool:
    from analysis.sources.registry import default_index

    return isinstance(via, str) and default_index().type_of(via) == "news_agency"
