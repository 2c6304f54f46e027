"""The network's force-directed layout, in pure Python and deterministic.

Positions start from a hash of each id, every loop runs in a fixed order and coordinates are
rounded, so the same graph always gives the same positions, on every machine.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Mapping

ITERATIONS = 120
START_TEMPERATURE = 0.1  # largest step of a node in one iteration, in units of the square
REPULSION = 0.25
GRAVITY = 0.2


def _seed(node_id: str) -> tuple[float, float]:
    """A start position in [0, 1)^2 from the id alone: stable across runs and machines."""
    digest = hashlib.sha256(node_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") / 2**32, int.from_bytes(digest[4:8], "big") / 2**32


def clean_edges(ids: Iterable[str], edges: Mapping[tuple[str, str], int]) -> dict[tuple[str, str], int]:
    """Sorted pairs between known ids, no self-loops, positive weights; (a, b) and (b, a) merged."""
    known = set(ids)
    clean: dict[tuple[str, str], int] = {}
    for (a, b), weight in edges.items():
        if a == b or a not in known or b not in known or weight <= 0:
            continue
        pair = (a, b) if a < b else (b, a)
        clean[pair] = max(clean.get(pair, 0), int(weight))
    return clean


def layout(
    ids: Iterable[str],
    edges: Mapping[tuple[str, str], int],
    iterations: int = ITERATIONS,
) -> dict[str, tuple[float, float]]:
    """Force-directed positions in the unit square [0, 1] x [0, 1], deterministic.

    Fruchterman-Reingold, with the degree weighting of ForceAtlas2 so hubs do not collapse
    into one blot: every pair of nodes repels (k^2 / d, times the product of their
    degrees + 1), every edge attracts (d^2 / k, times the square root of the shared
    briefings), a pull to the centre (also by degree) keeps loose actors near the rest,
    and the step size cools linearly. Start positions come from a hash of each id and every loop runs in sorted
    order, so the result does not depend on the order of `ids` or `edges`. O(n^2) per
    iteration: 150 nodes x 120 iterations take about half a second. The result is scaled
    to fill the square and rounded to 6 decimals.
    """
    order = sorted(set(ids))
    n = len(order)
    if n == 0:
        return {}
    if n == 1:
        return {order[0]: (0.5, 0.5)}
    index = {node_id: i for i, node_id in enumerate(order)}
    # Attraction grows with the square root of the shared briefings. Only +, -, *, / and sqrt
    # (all exactly rounded in IEEE arithmetic) are used, so the layout is the same on every machine.
    links = [(index[a], index[b], math.sqrt(w)) for (a, b), w in sorted(clean_edges(order, edges).items())]
    mass = [1.0] * n  # degree + 1
    for a, b, _ in links:
        mass[a] += 1.0
        mass[b] += 1.0
    xs, ys = [], []
    for node_id in order:
        x, y = _seed(node_id)
        xs.append(x)
        ys.append(y)
    k2 = 1.0 / n  # k = sqrt(area / n), area 1
    k = math.sqrt(k2)
    for step in range(iterations):
        temperature = START_TEMPERATURE * (1.0 - step / iterations) + 1e-4
        push_x = [0.0] * n
        push_y = [0.0] * n
        for i in range(n):
            xi, yi, mi = xs[i], ys[i], mass[i] * k2 * REPULSION
            fx = fy = 0.0
            for j in range(i + 1, n):
                dx = xi - xs[j]
                dy = yi - ys[j]
                d2 = dx * dx + dy * dy
                if d2 < 1e-12:  # same spot: push apart along a fixed direction
                    dx, dy, d2 = 1e-6, 1e-6 * (1 + (j - i) % 3), 1e-12
                f = mi * mass[j] / d2  # |F| = k^2 m_i m_j / d, along (dx, dy) / d
                fx += dx * f
                fy += dy * f
                push_x[j] -= dx * f
                push_y[j] -= dy * f
            push_x[i] += fx
            push_y[i] += fy
        for a, b, strength in links:
            dx = xs[a] - xs[b]
            dy = ys[a] - ys[b]
            f = math.sqrt(dx * dx + dy * dy) * strength / k  # |F| = d^2 / k, along (dx, dy) / d
            push_x[a] -= dx * f
            push_y[a] -= dy * f
            push_x[b] += dx * f
            push_y[b] += dy * f
        for i in range(n):
            g = GRAVITY * mass[i]
            dx = push_x[i] - g * (xs[i] - 0.5)
            dy = push_y[i] - g * (ys[i] - 0.5)
            length = math.sqrt(dx * dx + dy * dy)
            if length > 0:
                move = min(length, temperature) / length
                xs[i] += dx * move
                ys[i] += dy * move
    return dict(zip(order, _fill_unit_square(xs, ys)))


def _fill_unit_square(xs: list[float], ys: list[float]) -> list[tuple[float, float]]:
    def scaled(values: list[float]) -> list[float]:
        low, high = min(values), max(values)
        if high - low < 1e-9:
            return [0.5] * len(values)
        return [(v - low) / (high - low) for v in values]

    return [(round(x, 6), round(y, 6)) for x, y in zip(scaled(xs), scaled(ys))]
