"""Validating the kit on one's own corpus: a coding sheet, and agreement with a human coder.

A content-analysis study reports how far its coding instrument agrees with
human coders. :func:`coding_sheet` draws a seeded, outlet-stratified sample of
articles and writes one row per attribution the kit found (with its sentence)
for a coder to confirm or correct, plus one blank row per article for the
sources the kit missed. :func:`agreement` reads the coded sheet back:
precision and recall of the sources found, source-type accuracy with a
confusion table, and Krippendorff's alpha (nominal) between coder and kit on
source type.
"""

from __future__ import annotations

from dataclasses import dataclass

import krippendorff
import numpy as np
import pandas as pd

from analysis.evaluate.spans import _sentence_of, match_spans, sentence_bounds
from analysis.schema import SOURCE_TYPES, require_columns

#: Columns of a coding sheet, in order. ``row_kind`` is ``found`` (an
#: attribution the kit found) or ``missed`` (a blank row for a source the kit
#: missed); the ``coder_*`` columns are left blank for the coder.
SHEET_COLUMNS = (
    "row_kind",
    "article_id",
    "outlet",
    "attribution_id",
    "sentence",
    "source_text",
    "source_start",
    "source_end",
    "cue_text",
    "kit_source_type",
    "coder_is_source",
    "coder_source_text",
    "coder_source_type",
    "coder_note",
)
#: What a coder writes in ``coder_is_source``.
YES, NO = ("yes", "y", "1", "true"), ("no", "n", "0", "false")

#: Which report figures each agreement figure bears on.
BEARS_ON = {
    "precision": "every count and share (n_attributions, n_sources, share_*): spurious sources inflate them",
    "recall": "every count and share (n_attributions, n_sources, share_*): missed sources are absent from them",
    "type": ("the source-type mix, share_named, share_anonymous, share_unnamed_official, share_agency, share_media, "
             "the anonymous-share figures, the relay network and the transparency score, which all rest on the type"),
}


def _strata(outlets: pd.Series, n: int) -> dict[str, int]:
    """Articles to draw per outlet: proportional to its size (largest remainders), at least one each when n allows."""
    sizes = outlets.value_counts().sort_index()
    n = min(n, int(sizes.sum()))
    if n >= len(sizes):
        base = pd.Series(1, index=sizes.index)
        quota = (sizes - 1) / max(int(sizes.sum()) - len(sizes), 1) * (n - len(sizes))
    else:
        base = pd.Series(0, index=sizes.index)
        quota = sizes / sizes.sum() * n
    take = base + np.floor(quota).astype(int)
    rest = n - int(take.sum())
    # Largest remainders first, ties by outlet name; never more than an outlet has.
    order = sorted(sizes.index, key=lambda o: (-(quota[o] - np.floor(quota[o])), str(o)))
    for outlet in order * 2:
        if rest <= 0:
            break
        if take[outlet] < sizes[outlet]:
            take[outlet] += 1
            rest -= 1
    return {str(o): int(min(take[o], sizes[o])) for o in sizes.index}


def coding_sheet(
    articles: pd.DataFrame,
    attributions: pd.DataFrame,
    *,
    n: int = 50,
    random_state: int = 0,
) -> pd.DataFrame:
    """A coding sheet for ``n`` articles drawn per outlet (seeded), as :data:`SHEET_COLUMNS`.

    Articles are drawn within each outlet, in proportion to the outlet's
    size and at least one per outlet when ``n`` allows, from the articles
    with text (status ``ok`` or ``too_long_truncated`` when there is a
    status). Each found attribution gets a ``found`` row with its sentence;
    each article then gets one blank ``missed`` row, which the coder fills
    (copying it for more than one) with the sources the kit missed.

    Args:
        articles: the articles table (``article_id``, ``outlet``, ``text``).
        attributions: the classified attributions of those articles.
        n: articles to draw.
        random_state: seed; the same seed gives the same sheet.

    >>> arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"],
    ...     "text": ["Reuters said it. Rain fell.", "Police said so."]})
    >>> att = pd.DataFrame({"article_id": ["a"], "attribution_id": ["a-1"], "source_text": ["Reuters"],
    ...     "source_start": [0], "source_end": [7], "cue_text": ["said"], "source_type": ["news_agency"]})
    >>> coding_sheet(arts, att, n=2)[["row_kind", "article_id", "sentence"]].values.tolist()
    [['found', 'a', 'Reuters said it.'], ['missed', 'a', 'Reuters said it. Rain fell.'], ['missed', 'b', 'Police said so.']]
    """
    require_columns(articles, ["article_id", "outlet", "text"], table="articles")
    require_columns(attributions, ["article_id", "source_text", "source_start", "source_end", "cue_text",
                                   "source_type"], table="attributions")
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    pool = articles
    if "status" in pool.columns:
        pool = pool[pool["status"].isin(("ok", "too_long_truncated")).fillna(False).astype(bool)]
    pool = pool.assign(article_id=pool["article_id"].astype(str),
                       outlet=pool["outlet"].astype("string").fillna("(unknown outlet)").astype(str))
    if pool.empty:
        raise ValueError("articles: no article with text to sample")
    rng = np.random.default_rng(random_state)
    drawn = []
    for outlet, k in _strata(pool["outlet"], n).items():
        ids = pool.loc[pool["outlet"] == outlet, "article_id"].sort_values(kind="stable").to_numpy()
        drawn += sorted(rng.choice(ids, size=k, replace=False).tolist())
    chosen = pool.set_index("article_id").loc[drawn]
    att = attributions.assign(article_id=attributions["article_id"].astype(str))
    att = att[att["article_id"].isin(set(drawn))].sort_values(["article_id", "source_start"], kind="stable")
    by_article = dict(tuple(att.groupby("article_id", sort=False)))
    rows = []
    for article_id, article in chosen.iterrows():
        text = article["text"] if isinstance(article["text"], str) else ""
        bounds = sentence_bounds(text)
        starts = [s for s, _ in bounds]
        for a in by_article.get(article_id, pd.DataFrame()).itertuples(index=False):
            found = pd.notna(a.source_start)
            start, end = (int(a.source_start), int(a.source_end)) if found else (0, 0)
            rows.append({
                "row_kind": "found", "article_id": article_id, "outlet": article["outlet"],
                "attribution_id": getattr(a, "attribution_id", pd.NA),
                "sentence": _sentence_of(bounds, starts, text, start, end) if found else pd.NA,
                "source_text": a.source_text, "source_start": start if found else pd.NA,
                "source_end": end if found else pd.NA, "cue_text": a.cue_text, "kit_source_type": a.source_type,
            })
        # The whole text, so the coder sees every sentence the kit may have missed.
        rows.append({"row_kind": "missed", "article_id": article_id, "outlet": article["outlet"], "sentence": text})
    sheet = pd.DataFrame(rows).reindex(columns=list(SHEET_COLUMNS))
    return sheet.astype("string")


def code_from_annotation(sheet: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Fill a coding sheet's coder columns from existing annotation of the same articles.

    Where a corpus already has hand-annotated sources (``article_id``,
    ``source_start``, ``source_end``, ``source_text``, ``source_type``), this
    codes the sheet as that annotator would: a found source overlapping an
    annotated one (matched one to one, :func:`analysis.evaluate.match_spans`)
    is a ``yes`` with the annotated type, one overlapping none a ``no``, and
    every annotated source of a sheet's article left unmatched becomes a
    ``missed`` row.

    >>> sheet = pd.DataFrame({"row_kind": ["found", "missed"], "article_id": ["a", "a"],
    ...     "source_start": ["0", None], "source_end": ["7", None], "kit_source_type": ["news_agency", None]})
    >>> gold = pd.DataFrame({"article_id": ["a", "a"], "source_start": [0, 20], "source_end": [7, 25],
    ...     "source_text": ["Reuters", "Police"], "source_type": ["news_agency", "named_organization"]})
    >>> code_from_annotation(sheet, gold)[["row_kind", "coder_is_source", "coder_source_text"]].values.tolist()
    [['found', 'yes', <NA>], ['missed', <NA>, 'Police']]
    """
    require_columns(sheet, ["row_kind", "article_id", "source_start", "source_end"], table="coding sheet")
    require_columns(gold, ["article_id", "source_start", "source_end", "source_text", "source_type"], table="annotation")
    out = sheet.reindex(columns=list(dict.fromkeys([*sheet.columns, *SHEET_COLUMNS]))).astype("string")
    articles = set(out["article_id"].dropna())
    gold = gold.assign(article_id=gold["article_id"].astype(str))
    gold = gold[gold["article_id"].isin(articles) & gold["source_start"].notna()].reset_index(drop=True)
    found = out[out["row_kind"] == "found"]
    found = found[found["source_start"].notna()]
    pred = pd.DataFrame({"article_id": found["article_id"].astype(str),
                         "source_start": pd.to_numeric(found["source_start"]).astype("int64"),
                         "source_end": pd.to_numeric(found["source_end"]).astype("int64")}, index=found.index)
    matches = match_spans(pred, gold.astype({"source_start": "int64", "source_end": "int64"}), part="source",
                          mode="overlap")
    matched = matches.dropna(subset=["pred_index", "gold_index"])
    out.loc[out["row_kind"] == "found", "coder_is_source"] = "no"
    for pred_index, gold_index in zip(matched["pred_index"], matched["gold_index"]):
        out.loc[pred_index, "coder_is_source"] = "yes"
        out.loc[pred_index, "coder_source_type"] = str(gold.loc[gold_index, "source_type"])
    missed = matches[matches["pred_index"].isna()]
    rows = [{"row_kind": "missed", "article_id": gold.loc[g, "article_id"],
             "coder_source_text": str(gold.loc[g, "source_text"]), "coder_source_type": str(gold.loc[g, "source_type"]),
             "source_start": str(gold.loc[g, "source_start"]), "source_end": str(gold.loc[g, "source_end"])}
            for g in missed["gold_index"]]
    blank = (out["row_kind"] == "missed") & out["coder_source_text"].isna()
    # Each article's blank row gives way to its missed sources; an article with none keeps it blank.
    with_missed = {r["article_id"] for r in rows}
    out = out[~(blank & out["article_id"].isin(with_missed))]
    outlets = dict(zip(out["article_id"], out["outlet"]))
    added = pd.DataFrame(rows, columns=list(out.columns)).assign(outlet=lambda d: d["article_id"].map(outlets))
    out = pd.concat([out, added.astype("string")], ignore_index=True) if rows else out.reset_index(drop=True)
    order = {a: k for k, a in enumerate(dict.fromkeys(sheet["article_id"].astype(str)))}
    out = out.assign(_a=out["article_id"].map(order), _k=(out["row_kind"] == "missed").astype(int))
    return out.sort_values(["_a", "_k"], kind="stable").drop(columns=["_a", "_k"]).reset_index(drop=True)


@dataclass
class Agreement:
    """What a coded sheet says of the kit (:func:`agreement`)."""

    n_articles: int
    n_found: int  #: found rows the coder judged
    n_confirmed: int  #: of those, real sources
    n_missed: int  #: sources the coder added
    precision: float
    recall: float
    n_typed: int  #: confirmed rows the coder gave a type
    type_accuracy: float
    alpha: float  #: Krippendorff's alpha, nominal, coder vs kit on source type
    confusion: pd.DataFrame  #: coder's type (rows) x kit's type (columns)

    def summary(self) -> str:
        """The figures as lines of text, each with what it bears on in the report."""
        def pct(x: float) -> str:
            return "n/a" if np.isnan(x) else f"{x:.1%}"

        lines = [
            f"{self.n_articles} articles coded",
            f"precision of found sources: {pct(self.precision)} ({self.n_confirmed} of {self.n_found} confirmed)",
            f"recall: {pct(self.recall)} ({self.n_confirmed} found, {self.n_missed} missed)",
            f"source-type accuracy: {pct(self.type_accuracy)} over {self.n_typed} typed sources",
            "Krippendorff's alpha (nominal, coder vs kit, source type): "
            + ("n/a" if np.isnan(self.alpha) else f"{self.alpha:.3f}"),
            "",
            "what these bear on in the report:",
            f"  precision: {BEARS_ON['precision']}",
            f"  recall: {BEARS_ON['recall']}",
            f"  type accuracy and alpha: {BEARS_ON['type']}",
        ]
        return "\n".join(lines)


def _blank(values: pd.Series) -> pd.Series:
    return values.astype("string").str.strip().fillna("").eq("")


def nominal_alpha(coder: pd.Series, kit: pd.Series) -> float:
    """Krippendorff's alpha (nominal) of two codings of the same units (the ``krippendorff`` package).

    >>> round(nominal_alpha(pd.Series(["a", "a", "b", "b"]), pd.Series(["a", "a", "b", "a"])), 3)
    0.533
    """
    if len(coder) != len(kit):
        raise ValueError("coder and kit must code the same units")
    labels = sorted(set(coder.astype(str)) | set(kit.astype(str)))
    if len(coder) < 1 or len(labels) < 2:
        # One category only: no variation to agree on, alpha is undefined.
        return float("nan")
    code = {label: k for k, label in enumerate(labels)}
    data = np.array([[code[v] for v in coder.astype(str)], [code[v] for v in kit.astype(str)]], dtype=float)
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


def agreement(sheet: pd.DataFrame) -> Agreement:
    """Precision, recall, type accuracy and Krippendorff's alpha of a coded sheet.

    A ``found`` row counts when the coder wrote ``yes`` or ``no`` in
    ``coder_is_source`` (blank rows are left out); a ``yes`` is a source the
    kit found rightly. Every ``missed`` row with a ``coder_source_text`` is a
    source the kit missed. Source types are compared on the confirmed rows
    with a ``coder_source_type``.

    Raises:
        ValueError: on missing columns, an unknown ``row_kind``, a
            ``coder_is_source`` that is not yes/no, or an unknown source type
            (naming the row).

    >>> sheet = pd.DataFrame({"row_kind": ["found", "found", "found", "missed"], "article_id": ["a"] * 4,
    ...     "kit_source_type": ["news_agency", "anonymous", "named_person", None],
    ...     "coder_is_source": ["yes", "yes", "no", None], "coder_source_text": [None, None, None, "the mayor"],
    ...     "coder_source_type": ["news_agency", "unnamed_official", None, "named_person"]})
    >>> result = agreement(sheet)
    >>> result.precision, result.recall, result.type_accuracy
    (0.6666666666666666, 0.6666666666666666, 0.5)
    """
    require_columns(sheet, ["row_kind", "article_id", "kit_source_type", "coder_is_source", "coder_source_text",
                            "coder_source_type"], table="coding sheet")
    kind = sheet["row_kind"].astype("string").str.strip().str.lower()
    bad = ~kind.isin(("found", "missed")).fillna(False).astype(bool)
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0])
        raise ValueError(f"coding sheet row {row + 2}: field 'row_kind' is {sheet['row_kind'].iloc[row]!r}, "
                         "not 'found' or 'missed'")
    answer = sheet["coder_is_source"].astype("string").str.strip().str.lower().fillna("")
    known = answer.isin(YES + NO + ("",))
    if not known.all():
        row = int(np.flatnonzero(~known.to_numpy())[0])
        raise ValueError(f"coding sheet row {row + 2}: field 'coder_is_source' is "
                         f"{sheet['coder_is_source'].iloc[row]!r}, not yes or no")
    coder_type = sheet["coder_source_type"].astype("string").str.strip().str.lower()
    bad_type = coder_type.notna() & ~_blank(coder_type) & ~coder_type.isin(SOURCE_TYPES)
    if bad_type.any():
        row = int(np.flatnonzero(bad_type.to_numpy())[0])
        raise ValueError(f"coding sheet row {row + 2}: field 'coder_source_type' is "
                         f"{sheet['coder_source_type'].iloc[row]!r}, not one of {list(SOURCE_TYPES)}")
    found = (kind == "found").to_numpy(dtype=bool)
    judged = found & answer.ne("").to_numpy(dtype=bool)
    confirmed = found & answer.isin(YES).to_numpy(dtype=bool)
    missed = (kind == "missed").to_numpy(dtype=bool) & ~_blank(sheet["coder_source_text"]).to_numpy(dtype=bool)
    n_found, n_confirmed, n_missed = int(judged.sum()), int(confirmed.sum()), int(missed.sum())
    typed = confirmed & ~_blank(coder_type).to_numpy(dtype=bool)
    coder = coder_type[typed].astype(str).reset_index(drop=True)
    kit = sheet["kit_source_type"].astype("string").fillna("unknown")[typed].astype(str).reset_index(drop=True)
    types = [t for t in SOURCE_TYPES if t in set(coder) | set(kit)]
    confusion = pd.crosstab(pd.Categorical(coder, categories=types), pd.Categorical(kit, categories=types),
                            dropna=False).rename_axis(index="coder", columns="kit")
    return Agreement(
        n_articles=int(sheet["article_id"].astype("string").nunique()),
        n_found=n_found,
        n_confirmed=n_confirmed,
        n_missed=n_missed,
        precision=n_confirmed / n_found if n_found else float("nan"),
        recall=n_confirmed / (n_confirmed + n_missed) if n_confirmed + n_missed else float("nan"),
        n_typed=int(typed.sum()),
        type_accuracy=float((coder == kit).mean()) if len(coder) else float("nan"),
        alpha=nominal_alpha(coder, kit),
        confusion=confusion,
    )


def read_coding_sheet(path) -> pd.DataFrame:
    """Read a coding sheet CSV as text columns (blank cells missing)."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])

