"""A picture of the developmental network — who develops whom — from the GraphML files of
``mentorsim run --export-network`` (docs/output-format.md, "Network export").

>>> import mentorsim_analysis as ma
>>> ma.network_picture("one-network/capacity_and_waiting_list_r0000_w0100.graphml",
...                    "web-network/constellation_r0000_w0100.graphml",
...                    titles=["one-on-one", "constellation"], out="networks.png")

One panel per file, side by side: nodes are practitioners, coloured by group and sized by their
mentoring load; an arrow runs from developer to learner, coloured by programme. Practitioners
without any tie are left out (their number is in the panel's title), so a one-on-one network shows
as a few hubs with their spokes and a constellation as a web. The layout is networkx's spring
layout with a fixed seed, so the same file gives the same picture.
"""

from __future__ import annotations

import os
from typing import Optional, Sequence, Union

import networkx as nx
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

PathLike = Union[str, "os.PathLike[str]"]
LAYOUT_SEED = 7


def _colors(values, first: int = 0) -> dict:
    """A colour per distinct value, from matplotlib's cycle starting at C<first>."""
    return {v: f"C{(first + k) % 10}" for k, v in enumerate(sorted(set(values)))}


def network_picture(*graphml: PathLike, titles: Optional[Sequence[str]] = None,
                    out: Optional[PathLike] = None, panel_size: float = 6.0) -> Figure:
    """One panel per GraphML file; returns the Figure (saved to ``out`` when given). ValueError
    for no file or a title count that does not match."""
    if not graphml:
        raise ValueError("network_picture needs at least one GraphML file")
    if titles is not None and len(titles) != len(graphml):
        raise ValueError(f"{len(titles)} titles for {len(graphml)} files")
    graphs = [nx.read_graphml(path) for path in graphml]
    groups = _colors(g for graph in graphs for _, g in graph.nodes(data="group", default="?"))
    # Programmes take the colours after the groups', so an arrow never looks like a group.
    programmes = _colors((p for graph in graphs
                          for _, _, p in graph.edges(data="programme", default="?")), len(groups))
    fig = Figure(figsize=(panel_size * len(graphs), panel_size + 0.8), layout="constrained")
    axes = fig.subplots(1, len(graphs), squeeze=False)[0]
    for k, (ax, graph) in enumerate(zip(axes, graphs)):
        tied = graph.subgraph([v for v in graph.nodes if graph.degree(v) > 0])
        position = nx.spring_layout(tied, seed=LAYOUT_SEED,
                                    k=1.5 / max(1, tied.number_of_nodes()) ** 0.5)
        load = [tied.nodes[v].get("load_hours", 0.0) for v in tied.nodes]
        nx.draw_networkx_nodes(
            tied, position, ax=ax, node_size=[12 + 25 * h for h in load], linewidths=0,
            node_color=[groups[tied.nodes[v].get("group", "?")] for v in tied.nodes])
        nx.draw_networkx_edges(
            tied, position, ax=ax, width=0.5, alpha=0.6, arrowsize=5,
            edge_color=[programmes[d.get("programme", "?")] for _, _, d in tied.edges(data=True)])
        name = titles[k] if titles is not None else os.path.basename(str(graphml[k]))
        developers = sum(1 for v in tied.nodes if tied.out_degree(v) > 0)
        learners = [v for v in tied.nodes if tied.in_degree(v) > 0]
        per_learner = (sum(len(set(tied.predecessors(v))) for v in learners) / len(learners)
                       if learners else 0.0)
        ax.set_title(f"{name}\n{tied.number_of_edges()} ties, {developers} developers, "
                     f"{per_learner:.1f} developers per learner "
                     f"({graph.number_of_nodes() - tied.number_of_nodes()} without ties not shown)",
                     fontsize="small")
        ax.set_axis_off()
    handles = ([Line2D([], [], marker="o", linestyle="", color=c, label=f"group {g}")
                for g, c in groups.items()] +
               [Line2D([], [], color=c, label=f"programme {p}") for p, c in programmes.items()])
    axes[-1].legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0),
                    fontsize="small", frameon=False)
    fig.suptitle("Who develops whom (node size: mentoring load; arrows: developer → learner)",
                 fontsize="medium")
    if out is not None:
        fig.savefig(out, dpi=150)
    return fig
