"""An article explorer for notebooks: pick an outlet, then an article, see it highlighted with its scores."""

from __future__ import annotations

import pandas as pd

from analysis.plots.highlight import highlight
from analysis.plots.outlets import outlet_names
from analysis.schema import require_columns

#: Score columns shown beside an article, when present.
SHOWN_SCORES = ("transparency_score", "n_attributions", "n_sources", "share_named", "share_anonymous",
                "share_unnamed_official", "share_relayed")


def articles_table(scored: pd.DataFrame, *, outlet: str | None = None, max_rows: int | None = 20) -> pd.DataFrame:
    """The scored articles of one outlet (or all), lowest transparency first: the explorer's static view.

    Args:
        scored: scored articles, as from :func:`analysis.scoring.score_articles`.
        outlet: keep only this outlet.
        max_rows: keep at most this many rows per outlet (``None``: all).

    Returns:
        ``outlet``, ``article_id``, ``title`` (when present) and the score
        columns of :data:`SHOWN_SCORES` present in ``scored``.

    >>> scored = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "X"], "transparency_score": [80.0, 20.0]})
    >>> articles_table(scored)["article_id"].tolist()
    ['b', 'a']
    """
    require_columns(scored, ["article_id", "outlet"], table="scored articles")
    columns = ["outlet", "article_id"] + [c for c in ("title", *SHOWN_SCORES) if c in scored.columns]
    table = scored.assign(outlet=outlet_names(scored["outlet"]))[columns]
    if outlet is not None:
        table = table[table["outlet"] == outlet]
    keys = ["outlet", "transparency_score", "article_id"] if "transparency_score" in table.columns else ["outlet", "article_id"]
    table = table.sort_values(keys, kind="stable")
    if max_rows is not None:
        table = table.groupby("outlet", sort=False).head(max_rows)
    return table.reset_index(drop=True)


class ArticleExplorer:
    """Interactive explorer with a static fallback.

    In a live notebook it shows two drop-downs (outlet, article) and the chosen
    article highlighted with its scores. Everywhere else (a notebook run
    headless, rendered on a website, or ``interactive=False``) it shows the
    static table of :func:`articles_table`: the display carries both, and the
    frontend picks what it can show.

    Args:
        articles: the articles table (``article_id``, ``outlet``, ``text``).
        attributions: classified attributions.
        scored: scored articles, as from :func:`analysis.scoring.score_articles`.
        interactive: build the widgets (needs ipywidgets); ``False`` gives the
            static table only.
        max_rows: rows per outlet in the static table.

    >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "text": ["AFP said so."]})
    >>> scored = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "transparency_score": [50.0]})
    >>> att = pd.DataFrame({"article_id": ["a"], "source_start": [0], "source_end": [3], "cue_start": [4],
    ...     "cue_end": [8], "source_type": ["news_agency"]})
    >>> ex = ArticleExplorer(arts, att, scored, interactive=False)
    >>> "<table" in ex._repr_mimebundle_()["text/html"]
    True
    """

    def __init__(self, articles: pd.DataFrame, attributions: pd.DataFrame, scored: pd.DataFrame, *,
                 interactive: bool = True, max_rows: int = 5) -> None:
        require_columns(articles, ["article_id", "outlet", "text"], table="articles")
        require_columns(attributions, ["article_id", "source_start", "source_end", "cue_start", "cue_end"],
                        table="attributions")
        require_columns(scored, ["article_id", "outlet"], table="scored articles")
        self.articles = articles.assign(article_id=articles["article_id"].astype(str), outlet=outlet_names(articles["outlet"]))
        self.attributions = attributions
        self.scored = scored.assign(article_id=scored["article_id"].astype(str))
        self.static = articles_table(scored, max_rows=max_rows)
        self.widget = self._build_widget() if interactive else None

    def show(self, article_id: str) -> str:
        """HTML of one article, highlighted, above its scores.

        Raises:
            KeyError: when ``article_id`` is not among the articles.

        >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "text": ["AFP said so."]})
        >>> att = pd.DataFrame({"article_id": ["a"], "source_start": [0], "source_end": [3], "cue_start": [4],
        ...     "cue_end": [8], "source_type": ["news_agency"]})
        >>> scored = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "transparency_score": [50.0]})
        >>> 'class="ss-source"' in ArticleExplorer(arts, att, scored, interactive=False).show("a")
        True
        """
        match = self.articles[self.articles["article_id"] == str(article_id)]
        if match.empty:
            raise KeyError(f"no article with article_id {article_id!r}")
        article = match.iloc[0]
        scores = self.scored[self.scored["article_id"] == str(article_id)]
        shown = [c for c in SHOWN_SCORES if c in scores.columns]
        table = scores[shown].T.rename(columns=lambda _: "value").to_html(float_format=lambda v: f"{v:.2f}") if len(scores) else ""
        return f"{highlight(article, self.attributions).html}<h4>Scores</h4>{table}"

    def _build_widget(self) -> object:
        import ipywidgets as widgets

        outlets = sorted(self.articles["outlet"].unique())
        outlet_box = widgets.Dropdown(options=outlets, description="Outlet")
        article_box = widgets.Dropdown(description="Article", layout=widgets.Layout(width="60%"))
        view = widgets.HTML()

        def article_options(outlet: str) -> list[tuple[str, str]]:
            rows = self.articles[self.articles["outlet"] == outlet]
            titles = rows["title"] if "title" in rows.columns else rows["article_id"]
            return [(f"{(t if isinstance(t, str) and t else a)[:90]}", a) for t, a in zip(titles, rows["article_id"])]

        def on_outlet(change: dict) -> None:
            options = article_options(change["new"])
            article_box.options = options
            # A drop-down that started empty does not pick a value by itself.
            article_box.value = options[0][1] if options else None

        def on_article(change: dict) -> None:
            view.value = self.show(change["new"]) if change["new"] is not None else ""

        outlet_box.observe(on_outlet, names="value")
        article_box.observe(on_article, names="value")
        if outlets:
            on_outlet({"new": outlets[0]})
        return widgets.VBox([widgets.HBox([outlet_box, article_box]), view])

    def _static_bundle(self) -> dict:
        static = (f"<p>{len(self.scored)} articles; the lowest-scoring per outlet "
                  f"(run the notebook in JupyterLab to pick an article):</p>"
                  f"{self.static.to_html(index=False, float_format=lambda v: f'{v:.2f}', escape=True)}")
        return {"text/plain": self.static.to_string(index=False, max_colwidth=40), "text/html": static}

    def _ipython_display_(self) -> None:
        """Show the static table as an output of its own, then the widget.

        An HTML export (``jupyter nbconvert --to html``) renders a widget
        output as the widget only, which is blank without a live kernel; an
        output of its own keeps the table in the page.
        """
        from IPython.display import display

        display(self._static_bundle(), raw=True)
        if self.widget is not None:
            display(self.widget)

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        bundle = self._static_bundle()
        if self.widget is not None:
            widget_bundle = self.widget._repr_mimebundle_(include=include, exclude=exclude) or {}
            bundle.update({k: v for k, v in widget_bundle.items() if k != "text/plain"})
        return bundle


def explore_articles(articles: pd.DataFrame, attributions: pd.DataFrame, scored: pd.DataFrame, *,
                     interactive: bool | None = None, max_rows: int = 5) -> ArticleExplorer:
    """An :class:`ArticleExplorer`; interactive when ipywidgets is there, unless told otherwise.

    >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "text": ["No one."]})
    >>> scored = pd.DataFrame({"article_id": ["a"], "outlet": ["X"]})
    >>> att = pd.DataFrame(columns=["article_id", "source_start", "source_end", "cue_start", "cue_end"])
    >>> explore_articles(arts, att, scored, interactive=False).widget is None
    True
    """
    if interactive is None:
        try:
            import ipywidgets  # noqa: F401
        except ImportError:
            interactive = False
        else:
            interactive = True
    return ArticleExplorer(articles, attributions, scored, interactive=interactive, max_rows=max_rows)

