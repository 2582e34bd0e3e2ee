"""Colours and sizes shared by the page, the pictures and the Gephi files.

>>> type_colour("State"), edge_colour("opposes")
('#4e79a7', '#d62728')
>>> node_radius(0) < node_radius(10)
True
"""

from __future__ import annotations

import math

from kg.viz.network import predicate_group

#: Node colour per entity type (legend order).
TYPE_COLOURS: dict[str, str] = {
    "State": "#4e79a7",
    "Agency": "#f28e2b",
    "Regulation": "#76b7b2",
    "Minister": "#b07aa1",
    "Person": "#ff9da7",
    "Meeting": "#edc948",
    "Motion": "#9c755f",
    "Document": "#bab0ac",
    "Initiative": "#59a14f",
    "SourceDocument": "#4d4d4d",
    "Entity": "#cccccc",
}
#: Edge colour per predicate group (see kg.viz.network.PREDICATE_GROUPS).
GROUP_COLOURS: dict[str, str] = {
    "supports": "#2e9e44",
    "opposes": "#d62728",
    "concern": "#ff7f0e",
    "request": "#1f77b4",
    "other": "#8c8c8c",
    "co-occurrence": "#c7c7c7",
}


def type_colour(node_type: str) -> str:
    """The colour of a node type (grey for anything unknown)."""
    return TYPE_COLOURS.get(node_type, TYPE_COLOURS["Entity"])


def edge_colour(predicate: str) -> str:
    """The colour of a predicate, by its group."""
    return GROUP_COLOURS[predicate_group(predicate)]


def node_radius(degree: int) -> float:
    """Node radius in page pixels at zoom 1: grows with the square root of the degree."""
    return round(3.0 + 2.2 * math.sqrt(max(degree, 0)), 2)
