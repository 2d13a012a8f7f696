"""Figures show each outlet's n, fade small outlets, size time points by n, and keep overlapping lines visible."""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from analysis.plots import (plot_anonymous_share, plot_relay_network, plot_shares_over_time, plot_source_heatmap,
                            plot_source_mix)

OUTLETS = pd.DataFrame({"outlet": ["UNN", "Big"], "n_articles": [1, 8], "small_sample": [True, False],
                        "share_anonymous": [0.1, 0.3], "share_unnamed_official": [0.0, 0.1]})


def _labels(ax, axis="y"):
    return [t.get_text() for t in (ax.get_yticklabels() if axis == "y" else ax.get_xticklabels())]


def test_anonymous_share_labels_give_n_and_fade_small_outlets():
    fig, ax = plt.subplots()
    plot_anonymous_share(OUTLETS, ax=ax)
    assert set(_labels(ax)) == {"UNN (n=1)", "Big (n=8)"}
    colors = {t.get_text(): t.get_color() for t in ax.get_yticklabels()}
    assert colors["UNN (n=1)"] != colors["Big (n=8)"]
    alphas = ax.collections[0].get_alpha()
    assert sorted(np.atleast_1d(alphas).tolist()) == [pytest.approx(0.4), 1.0]
    assert "fewer than 5 articles" in ax.get_xlabel() and ax.get_xlabel().startswith("share of attributions")


def test_no_fading_note_when_every_outlet_is_large_enough():
    fig, ax = plt.subplots()
    plot_anonymous_share(OUTLETS.assign(n_articles=[6, 8], small_sample=False), ax=ax)
    assert "fewer than" not in ax.get_xlabel()


def test_source_mix_labels_give_n_and_fade_small_outlets():
    mix = pd.DataFrame({"anonymous": [0.5, 0.2], "named_person": [0.5, 0.8]}, index=["UNN", "Big"])
    fig, ax = plt.subplots()
    plot_source_mix(mix, n_articles=OUTLETS.set_index("outlet")["n_articles"], ax=ax)
    assert set(_labels(ax)) == {"UNN (n=1)", "Big (n=8)"}
    faded = [p for p in ax.patches if p.get_alpha() is not None and p.get_alpha() < 1]
    assert len(faded) == 2  # UNN's two bars


def test_heatmap_labels_give_n():
    table = pd.DataFrame({"AFP": [2, 0], "(anonymous)": [0, 1]}, index=["UNN", "Big"])
    fig, ax = plt.subplots()
    plot_source_heatmap(table, n_articles={"UNN": 1, "Big": 8}, ax=ax)
    assert set(_labels(ax)) == {"UNN (n=1)", "Big (n=8)"}


def test_relay_network_publishers_give_n():
    edges = pd.DataFrame({"from_node": ["UNN", "AFP", "Big", "AFP"], "from_layer": ["publisher", "relay"] * 2,
                          "to_node": ["AFP", "anonymous", "AFP", "named_person"],
                          "to_layer": ["relay", "origin"] * 2, "n": [1, 1, 5, 5]})
    fig, ax = plt.subplots()
    plot_relay_network(edges, n_articles={"UNN": 1, "Big": 8}, ax=ax)
    texts = {t.get_text() for t in ax.texts}
    assert {"UNN (n=1)", "Big (n=8)"} <= texts and "UNN" not in texts


def _over_time(outlets=("A", "B", "C"), n=(1, 58)) -> pd.DataFrame:
    periods = pd.to_datetime(["2024-01-01", "2024-02-01"])
    rows = [{"outlet": o, "period": p, "n_articles": k, "n_scored": k, "share_anonymous": 0.25}
            for o in outlets for p, k in zip(periods, n)]
    return pd.DataFrame(rows)


def test_time_points_are_sized_by_their_articles():
    fig, ax = plt.subplots()
    plot_shares_over_time(_over_time(outlets=("A",)), ax=ax)
    sizes = ax.collections[0].get_sizes()
    assert sizes[1] > 5 * sizes[0]  # 58 articles against 1


def test_lines_on_the_same_values_stay_apart():
    fig, ax = plt.subplots()
    plot_shares_over_time(_over_time(), ax=ax)
    assert len(ax.lines) == 3
    xs = [tuple(mdates.date2num(line.get_xdata())) for line in ax.lines]
    assert len(set(xs)) == 3  # nudged in time
    assert len({str(line.get_linestyle()) for line in ax.lines}) == 3
    widths = [line.get_linewidth() for line in ax.lines]
    assert widths == sorted(widths, reverse=True) and len(set(widths)) == 3  # each visible around the next


def test_first_monthly_tick_names_the_month():
    fig, ax = plt.subplots(figsize=(6, 3))
    data = _over_time(outlets=("A",))
    data = pd.concat([data.assign(period=data["period"] + pd.DateOffset(months=k)) for k in range(0, 6, 2)])
    plot_shares_over_time(data, ax=ax)
    fig.canvas.draw()
    first = [t.get_text() for t in ax.get_xticklabels() if t.get_text()][0]
    assert first.startswith("Jan"), first
