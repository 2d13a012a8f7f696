"""Relay network: publishers -> relaying media -> origin source types."""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from analysis.plots.outlets import empty_note, outlet_label, outlet_names
from analysis.plots.style import NEUTRAL_COLOR, type_color, type_label
from analysis.schema import SOURCE_TYPES, require_columns

#: The three columns of the network, left to right.
LAYERS = ("publisher", "relay", "origin")

_EDGE_COLUMNS = ["from_node", "from_layer", "to_node", "to_layer", "n"]
#: Node the smaller relaying media are summed into, and the node the weaker edges of each node are summed into.
OTHER_MEDIA = "other media"
OTHER = "other"


def relay_edges(attributions: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Edges of the relay network, with how many attributions run along each.

    A source cited directly gives the edge publisher (the article's outlet) ->
    origin (its source type). A source relayed by a medium (``via``) gives
    publisher -> relay (the medium) and relay -> origin. Attributions of
    articles not in ``articles`` are left out; a missing outlet is
    ``(unknown outlet)``, a missing type ``unknown``.

    Args:
        attributions: classified attributions (``article_id``, ``source_type``, ``via``).
        articles: the articles table (``article_id``, ``outlet``).

    Returns:
        Columns ``from_node``, ``from_layer``, ``to_node``, ``to_layer``
        (layers ``publisher``, ``relay``, ``origin``) and ``n``, sorted by
        layer, then ``n`` descending, then names.

    >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["UNN"]})
    >>> att = pd.DataFrame({"article_id": ["a", "a"], "source_type": ["news_agency", "unnamed_official"],
    ...     "via": [None, "AFP"]})
    >>> relay_edges(att, arts).values.tolist()
    [['UNN', 'publisher', 'news_agency', 'origin', 1], ['UNN', 'publisher', 'AFP', 'relay', 1], ['AFP', 'relay', 'unnamed_official', 'origin', 1]]
    """
    require_columns(attributions, ["article_id", "source_type", "via"], table="attributions")
    require_columns(articles, ["article_id", "outlet"], table="articles")
    outlets = pd.DataFrame({"article_id": articles["article_id"].astype(str), "outlet": outlet_names(articles["outlet"])})
    att = pd.DataFrame({
        "article_id": attributions["article_id"].astype(str).to_numpy(),
        "origin": attributions["source_type"].astype("string").fillna("unknown").to_numpy(),
        "via": attributions["via"].astype("string").str.strip().replace("", pd.NA).to_numpy(),
    }).merge(outlets, on="article_id")
    direct = att[att["via"].isna()]
    relayed = att[att["via"].notna()]
    parts = [
        direct.groupby(["outlet", "origin"]).size().rename("n").reset_index()
        .rename(columns={"outlet": "from_node", "origin": "to_node"}).assign(from_layer="publisher", to_layer="origin"),
        relayed.groupby(["outlet", "via"]).size().rename("n").reset_index()
        .rename(columns={"outlet": "from_node", "via": "to_node"}).assign(from_layer="publisher", to_layer="relay"),
        relayed.groupby(["via", "origin"]).size().rename("n").reset_index()
        .rename(columns={"via": "from_node", "origin": "to_node"}).assign(from_layer="relay", to_layer="origin"),
    ]
    edges = pd.concat([p[_EDGE_COLUMNS] for p in parts], ignore_index=True)
    edges = edges.astype({"from_node": str, "from_layer": str, "to_node": str, "to_layer": str, "n": "int64"})
    # Publisher edges first (direct, then relayed), then relay -> origin.
    rank = {("publisher", "origin"): 0, ("publisher", "relay"): 1, ("relay", "origin"): 2}
    edges["_rank"] = [rank[k] for k in zip(edges["from_layer"], edges["to_layer"])]
    edges = edges.sort_values(["_rank", "from_node", "n", "to_node"], ascending=[True, True, False, True], kind="stable")
    return edges.drop(columns="_rank").reset_index(drop=True)


def strongest_edges(edges: pd.DataFrame, *, max_relays: int = 12, max_edges: int = 24) -> pd.DataFrame:
    """The network cut to what a page can show, nothing lost: small media and weak edges summed as "other".

    Relaying media beyond the ``max_relays`` busiest become one node,
    :data:`OTHER_MEDIA`. Then, in each of the three kinds of edge (publisher
    -> origin, publisher -> relay, relay -> origin), only the ``max_edges``
    strongest keep their own line; the others of each node are summed into one edge
    to :data:`OTHER` (publisher -> relay edges into :data:`OTHER_MEDIA`), so
    every node's outflow is its true count.

    >>> edges = pd.DataFrame({"from_node": ["A", "A", "A"], "from_layer": ["publisher"] * 3,
    ...     "to_node": ["named_person", "anonymous", "document"], "to_layer": ["origin"] * 3, "n": [5, 2, 1]})
    >>> strongest_edges(edges, max_edges=1)[["to_node", "n"]].values.tolist()
    [['named_person', 5], ['other', 3]]
    """
    require_columns(edges, _EDGE_COLUMNS, table="relay edges")
    if max_relays < 1 or max_edges < 1:
        raise ValueError(f"max_relays and max_edges must be at least 1, got {max_relays} and {max_edges}")
    out = edges[_EDGE_COLUMNS].copy()
    relays = out[out["to_layer"] == "relay"].groupby("to_node")["n"].sum()
    keep = set(sorted(relays.index, key=lambda r: (-relays[r], r))[:max_relays])
    into_other = (out["to_layer"] == "relay") & ~out["to_node"].isin(keep)
    out_of_other = (out["from_layer"] == "relay") & ~out["from_node"].isin(keep)
    out.loc[into_other, "to_node"] = OTHER_MEDIA
    out.loc[out_of_other, "from_node"] = OTHER_MEDIA
    out = out.groupby(["from_node", "from_layer", "to_node", "to_layer"], as_index=False, sort=False)["n"].sum()
    parts = []
    for kind in [("publisher", "origin"), ("publisher", "relay"), ("relay", "origin")]:
        part = out[(out["from_layer"] == kind[0]) & (out["to_layer"] == kind[1])]
        budget = max_edges
        if len(part) > budget:
            ranked = part.sort_values(["n", "from_node", "to_node"], ascending=[False, True, True], kind="stable")
            strong, weak = ranked.iloc[:budget], ranked.iloc[budget:]
            other = OTHER_MEDIA if kind[1] == "relay" else OTHER
            summed = weak.groupby(["from_node", "from_layer"], as_index=False, sort=False)["n"].sum()
            summed = summed.assign(to_node=other, to_layer=kind[1])[_EDGE_COLUMNS]
            part = pd.concat([strong, summed]).groupby(["from_node", "from_layer", "to_node", "to_layer"],
                                                       as_index=False, sort=False)["n"].sum()
        parts.append(part)
    result = pd.concat(parts, ignore_index=True)[_EDGE_COLUMNS].astype({"n": "int64"})
    return result.sort_values(["from_layer", "from_node", "n", "to_node"], ascending=[False, True, False, True],
                              kind="stable", ignore_index=True)


def _graph(edges: pd.DataFrame) -> nx.DiGraph:
    """A layered graph; nodes are ``(layer, name)`` so one name can sit in two layers."""
    flow: dict[tuple[str, str], int] = {}
    for row in edges.itertuples(index=False):
        for node in ((row.from_layer, row.from_node), (row.to_layer, row.to_node)):
            flow[node] = flow.get(node, 0) + int(row.n)
    graph = nx.DiGraph()
    type_rank = {t: i for i, t in enumerate(SOURCE_TYPES)}
    for layer_index, layer in enumerate(LAYERS):
        nodes = [node for node in flow if node[0] == layer]
        # Origins in the fixed type order, others by flow; top of the column first; "other" at the bottom.
        key = (lambda nd: (nd[1] in (OTHER, OTHER_MEDIA), type_rank.get(nd[1], 99), nd[1])) if layer == "origin" \
            else (lambda nd: (nd[1] in (OTHER, OTHER_MEDIA), -flow[nd], nd[1]))
        for node in sorted(nodes, key=key)[::-1]:  # multipartite_layout stacks bottom-up
            graph.add_node(node, layer=layer_index, flow=flow[node])
    for row in edges.itertuples(index=False):
        graph.add_edge((row.from_layer, row.from_node), (row.to_layer, row.to_node), n=int(row.n))
    return graph


def plot_relay_network(
    data: pd.DataFrame,
    *,
    min_count: int = 1,
    max_relays: int = 12,
    max_edges: int = 24,
    max_width: float = 6.0,
    direct: bool = True,
    label_edges: bool = True,
    n_articles: Mapping[str, int] | pd.Series | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw the relay network: publishers left, relaying media middle, origin types right.

    Edge width is proportional to the number of attributions, and each
    relay edge is labelled with it. Relay paths are coloured (into an origin:
    its type's colour), direct citations light grey. Only the strongest
    edges keep their own line (:func:`strongest_edges`: the other media
    summed as "other media", each node's weaker edges as "other"), so the
    network stays readable for some fifteen outlets and a dozen media. The
    layout is networkx's multipartite layout, one column per layer.

    Args:
        data: edges, as from :func:`relay_edges`.
        min_count: leave out edges with fewer attributions.
        max_relays: keep only this many relaying media, the busiest; the
            others are summed as "other media".
        max_edges: edges of each kind drawn with their own line (publisher
            -> origin, publisher -> relay, relay -> origin); the weaker ones
            of each node are summed into one edge to "other".
        max_width: line width of the busiest edge, in points.
        direct: draw direct citations (publisher -> origin, in light grey
            under the coloured relay paths).
        label_edges: write each relay edge's number of attributions on it.
        n_articles: articles per outlet: each publisher's label then gives
            it (``UNN (n=1)``).
        ax: pre-existing axes for the plot; the current axes otherwise.

    Returns:
        The axes drawn on.

    >>> edges = pd.DataFrame({"from_node": ["UNN", "UNN", "AFP"], "from_layer": ["publisher", "publisher", "relay"],
    ...     "to_node": ["named_person", "AFP", "unnamed_official"], "to_layer": ["origin", "relay", "origin"],
    ...     "n": [3, 1, 1]})
    >>> fig, ax = plt.subplots()
    >>> sorted(t.get_text() for t in plot_relay_network(edges, ax=ax).texts if not t.get_text().isdigit())[:3]
    ['AFP', 'UNN', 'named person']
    >>> fig, ax = plt.subplots()
    >>> "UNN (n=1)" in [t.get_text() for t in plot_relay_network(edges, n_articles={"UNN": 1}, ax=ax).texts]
    True
    """
    ax = ax if ax is not None else plt.gca()
    require_columns(data, _EDGE_COLUMNS, table="relay edges")
    edges = data[data["n"] >= min_count]
    if not direct:
        edges = edges[~((edges["from_layer"] == "publisher") & (edges["to_layer"] == "origin"))]
    if edges.empty:
        return empty_note(ax, "no attributions to draw")
    edges = strongest_edges(edges, max_relays=max_relays, max_edges=max_edges)
    graph = _graph(edges)
    pos = nx.multipartite_layout(graph, subset_key="layer", align="vertical", scale=1.0)
    # Spread each column over the full height, so short columns are not huddled in the middle.
    for layer_index in range(len(LAYERS)):
        nodes = [nd for nd, d in graph.nodes(data=True) if d["layer"] == layer_index]
        if len(nodes) > 1:
            for k, nd in enumerate(nodes):
                pos[nd] = np.array([layer_index, k / (len(nodes) - 1)])
        elif nodes:
            pos[nodes[0]] = np.array([layer_index, 0.5])
    widths = edges["n"].to_numpy(dtype=float)
    top = widths.max()
    # Direct citations in light grey underneath; relay paths in colour on top, where the eye goes.
    for relayed in (False, True):
        edge_list = [(u, v, d) for u, v, d in graph.edges(data=True) if (u[0] == "relay" or v[0] == "relay") == relayed]
        if not edge_list:
            continue
        nx.draw_networkx_edges(
            graph, pos, edgelist=[(u, v) for u, v, _ in edge_list],
            width=[0.5 + (max_width - 0.5) * d["n"] / top for _, _, d in edge_list],
            edge_color=[(type_color(v[1]) if v[0] == "origin" else NEUTRAL_COLOR) if relayed else "#BBBBBB"
                        for _, v, _ in edge_list],
            alpha=0.7 if relayed else 0.35, arrows=True, arrowstyle="-", connectionstyle="arc3,rad=0.06",
            ax=ax, node_size=0)
        if label_edges and relayed:
            for u, v, d in edge_list:
                # Nearer the end where edges fan out (not where they meet), so labels do not stack.
                t = 0.3 if v[0] == "relay" else 0.45
                (x0, y0), (x1, y1) = pos[u], pos[v]
                ax.text(x0 + t * (x1 - x0), y0 + t * (y1 - y0), str(d["n"]), ha="center", va="center", fontsize=6,
                        color="0.2", zorder=4, bbox={"boxstyle": "round,pad=0.1", "facecolor": "white",
                                                     "edgecolor": "none", "alpha": 0.8})
    flows = np.array([d["flow"] for _, d in graph.nodes(data=True)], dtype=float)
    sizes = 25 + 160 * flows / flows.max()
    colors = [type_color(nd[1]) if nd[0] == "origin" else NEUTRAL_COLOR for nd in graph.nodes]
    nx.draw_networkx_nodes(graph, pos, node_size=sizes, node_color=colors, edgecolors="white", linewidths=0.8, ax=ax)
    size_of = dict(zip(graph.nodes, sizes))
    for nd in graph.nodes:  # graph order, not the layout's, so files are the same on every run
        (x, y), (layer, name) = pos[nd], nd
        size = size_of[nd]
        label = type_label(name) if layer == "origin" else name
        if layer == "publisher" and n_articles is not None:
            label = outlet_label(name, n_articles.get(name))
        gap = np.sqrt(size) / 2 + 3  # node radius plus a little, in points
        if layer == "publisher":
            ax.annotate(label, (x, y), xytext=(-gap, 0), textcoords="offset points", ha="right", va="center",
                        fontsize=8)
        elif layer == "origin":
            ax.annotate(label, (x, y), xytext=(gap, 0), textcoords="offset points", ha="left", va="center",
                        fontsize=8)
        else:
            ax.annotate(label, (x, y), xytext=(0, gap - 1), textcoords="offset points", ha="center", va="bottom",
                        fontsize=7.5, bbox={"boxstyle": "round,pad=0.12", "facecolor": "white", "edgecolor": "none",
                                            "alpha": 0.85})
    for layer_index, title in enumerate(("publisher", "relayed by", "origin (source type)")):
        ax.text(layer_index, 1.08, title, ha="center", va="bottom", fontsize=8.5, fontweight="bold", color="0.25")
    ax.set_xlim(-0.75, 2.75)
    ax.set_ylim(-0.06, 1.16)
    ax.set_axis_off()
    return ax
