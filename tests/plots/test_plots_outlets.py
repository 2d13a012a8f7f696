from __future__ import annotations

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from analysis.pipeline import run_pipeline
from analysis.plots import (
    TYPE_COLORS,
    house_style,
    plot_anonymous_share,
    plot_relay_network,
    plot_score_distribution,
    plot_shares_over_time,
    plot_source_heatmap,
    plot_source_mix,
    relay_edges,
    shares_over_time,
    source_mix,
    top_sources,
)
from analysis.plots.style import HOUSE_STYLE, OUTLET_COLORS, outlet_styles, text_color_on
from analysis.schema import SOURCE_TYPES


@pytest.fixture(scope="module")
def result(sample_articles):
    return run_pipeline(sample_articles)


def _data(result, kind):
    return {
        "mix": lambda: source_mix(result.attributions, result.articles),
        "outlets": lambda: result.outlets,
        "sources": lambda: top_sources(result.attributions, result.articles),
        "edges": lambda: relay_edges(result.attributions, result.articles),
        "time": lambda: shares_over_time(result.scored),
        "scored": lambda: result.scored,
    }[kind]()


PLOTS = [
    (plot_source_mix, "mix"),
    (plot_anonymous_share, "outlets"),
    (plot_source_heatmap, "sources"),
    (plot_relay_network, "edges"),
    (plot_shares_over_time, "time"),
    (plot_score_distribution, "scored"),
]


def test_every_type_has_its_own_colour():
    assert set(TYPE_COLORS) == set(SOURCE_TYPES)
    assert len(set(TYPE_COLORS.values())) == len(TYPE_COLORS)


@pytest.mark.parametrize("plot, kind", PLOTS)
def test_draws_only_on_the_given_axes(result, plot, kind):
    data = _data(result, kind)
    before = data.copy()
    fig, (left, right) = plt.subplots(1, 2)
    returned = plot(data, ax=right)
    assert returned is right
    assert not left.has_data() and not left.texts
    assert right.has_data() or right.texts
    assert len(fig.axes) == 2  # no colour bars or insets added
    pd.testing.assert_frame_equal(data, before)  # input not mutated


@pytest.mark.parametrize("plot, kind", PLOTS)
def test_empty_data_gives_a_note_not_a_crash(result, plot, kind):
    empty = _data(result, kind).iloc[0:0]
    fig, ax = plt.subplots()
    plot(empty, ax=ax)
    assert not ax.patches and not ax.lines and ax.texts


@pytest.mark.parametrize("plot", [p for p, _ in PLOTS if p is not plot_relay_network])
def test_a_frame_without_columns_gives_a_note(plot):
    fig, ax = plt.subplots()
    plot(pd.DataFrame(), ax=ax)
    assert ax.texts


def test_source_mix_rows_sum_to_one_and_keep_every_outlet(result):
    mix = source_mix(result.attributions, result.articles)
    assert (mix.sum(axis=1).round(9) == 1).all()
    assert sorted(mix.index) == sorted(result.articles["outlet"].fillna("(unknown outlet)").unique())


def test_source_mix_keeps_an_outlet_citing_nobody():
    arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"]})
    att = pd.DataFrame({"article_id": ["a"], "source_type": ["anonymous"]})
    mix = source_mix(att, arts)
    assert mix.loc["Y"].sum() == 0 and mix.loc["X", "anonymous"] == 1


@pytest.mark.parametrize("sort_by, top", [("anonymous", "A"), ("news_agency", "B"), (("anonymous", "news_agency"), "B")])
def test_source_mix_sorts_outlets_by_the_chosen_measure(sort_by, top):
    table = pd.DataFrame({"anonymous": [0.5, 0.1, 0.0], "news_agency": [0.0, 0.9, 0.2], "self": [0.5, 0.0, 0.8]},
                         index=["A", "B", "C"])
    fig, ax = plt.subplots()
    plot_source_mix(table, sort_by=sort_by, ax=ax)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[-1] == top  # barh: the last label is drawn on top


def test_source_mix_bars_take_their_type_colour():
    table = pd.DataFrame({"anonymous": [0.5], "news_agency": [0.5]}, index=["A"])
    fig, ax = plt.subplots()
    plot_source_mix(table, ax=ax)
    colours = {mpl.colors.to_hex(p.get_facecolor()).upper() for p in ax.patches}
    assert colours == {TYPE_COLORS["anonymous"].upper(), TYPE_COLORS["news_agency"].upper()}


def test_anonymous_share_draws_intervals_only_when_given():
    data = pd.DataFrame({"outlet": ["X", "Y"], "share_anonymous": [0.3, 0.1], "share_unnamed_official": [0.1, 0.2]})
    fig, (a, b) = plt.subplots(1, 2)
    plot_anonymous_share(data, ax=a)
    with_ci = data.assign(share_anonymous_ci_low=[0.2, 0.05], share_anonymous_ci_high=[0.4, 0.2])
    plot_anonymous_share(with_ci, ax=b)
    assert len(b.collections) == len(a.collections) + 1
    segments = b.collections[0].get_segments()
    assert sorted(s[0][0] for s in segments) == [0.05, 0.2] and sorted(s[1][0] for s in segments) == [0.2, 0.4]
    assert "95% CI" in b.get_xlabel() and "CI" not in a.get_xlabel()


def test_score_distribution_sorts_by_median_and_counts_articles():
    scored = pd.DataFrame({"outlet": ["A", "A", "B", "B", "B", None], "transparency_score": [10, 20, 80, 90, 70, 50]})
    fig, ax = plt.subplots()
    plot_score_distribution(scored, ax=ax)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["A (n=2)", "(unknown outlet) (n=1)", "B (n=3)"]


def test_score_distribution_rejects_an_unknown_kind():
    with pytest.raises(ValueError, match="kind"):
        plot_score_distribution(pd.DataFrame({"outlet": ["A"], "transparency_score": [1.0]}), kind="violin")


def test_score_distribution_jitter_is_the_same_on_every_run(result):
    offsets = []
    for _ in range(2):
        fig, ax = plt.subplots()
        plot_score_distribution(result.scored, kind="strip", ax=ax)
        offsets.append(np.concatenate([c.get_offsets() for c in ax.collections]))
    np.testing.assert_array_equal(offsets[0], offsets[1])


def test_house_style_leaves_global_settings_untouched():
    before = {k: mpl.rcParams[k] for k in HOUSE_STYLE}
    with house_style():
        assert mpl.rcParams["font.size"] == HOUSE_STYLE["font.size"]
    assert {k: mpl.rcParams[k] for k in HOUSE_STYLE} == before


def test_outlet_styles_refuse_more_outlets_than_colours():
    assert len(outlet_styles(["a"] * 0 + [str(i) for i in range(len(OUTLET_COLORS))])) == len(OUTLET_COLORS)
    with pytest.raises(ValueError, match="at most"):
        outlet_styles([str(i) for i in range(len(OUTLET_COLORS) + 1)])


@pytest.mark.parametrize("background, expected", [("#FFFFFF", "black"), ("#000000", "white"), ("#882255", "white"),
                                                  ("#DDDDDD", "black")])
def test_text_colour_reads_on_its_background(background, expected):
    assert text_color_on(background) == expected
