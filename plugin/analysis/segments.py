"""Vectorised segment geometry (numpy arrays of segments a->b and c->d, one pair per row).

`within`: where a road segment runs within a distance of a sequence segment, exactly. The distance
from a point moving along a->b to the segment c->d is convex in its position, so the stretch within
`radius` is one interval; it is the union of the stretches within `radius` of either end point
(disks) and of the segment's interior (a slab), each in closed form. This is the round buffer
itself, with no polygon approximation and no overlay.
"""

import numpy as np

_EMPTY = (np.inf, -np.inf)


def _linear(alpha, beta, low, high):
    """Per row, the t with low <= alpha + beta * t <= high, as (t0, t1); empty rows are (inf, -inf)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        first, second = (low - alpha) / beta, (high - alpha) / beta
    t0, t1 = np.minimum(first, second), np.maximum(first, second)
    flat = beta == 0
    inside = (alpha >= low) & (alpha <= high)
    t0 = np.where(flat, np.where(inside, -np.inf, np.inf), t0)
    t1 = np.where(flat, np.where(inside, np.inf, -np.inf), t1)
    return t0, t1


def _disk(ax, ay, ux, uy, uu, cx, cy, rr):
    """Per row, the t with |a + t u - c| <= r, as (t0, t1); empty rows are (inf, -inf)."""
    wx, wy = ax - cx, ay - cy
    half_b = ux * wx + uy * wy
    discriminant = half_b * half_b - uu * (wx * wx + wy * wy - rr)
    ok = (discriminant >= 0) & (uu > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        root = np.sqrt(np.where(ok, discriminant, 0.0))
        t0, t1 = (-half_b - root) / uu, (-half_b + root) / uu
    return np.where(ok, t0, _EMPTY[0]), np.where(ok, t1, _EMPTY[1])


def within(ax, ay, bx, by, cx, cy, dx, dy, radius):
    """(t0, t1, hit): per row, the part [t0, t1] of a->b within `radius` of c->d; hit False where none."""
    ux, uy = bx - ax, by - ay
    uu = ux * ux + uy * uy
    rr = radius * radius
    c0, c1 = _disk(ax, ay, ux, uy, uu, cx, cy, rr)
    d0, d1 = _disk(ax, ay, ux, uy, uu, dx, dy, rr)
    vx, vy = dx - cx, dy - cy
    vv = vx * vx + vy * vy
    norm = np.sqrt(vv)
    wx, wy = ax - cx, ay - cy
    with np.errstate(divide="ignore", invalid="ignore"):
        # foot of the perpendicular inside c->d, and perpendicular distance within radius
        a0, a1 = _linear((wx * vx + wy * vy) / vv, (ux * vx + uy * vy) / vv, 0.0, 1.0)
        b0, b1 = _linear((vx * wy - vy * wx) / norm, (vx * uy - vy * ux) / norm, -radius, radius)
    s0, s1 = np.maximum(a0, b0), np.minimum(a1, b1)
    slab = (vv > 0) & (s0 <= s1)
    s0, s1 = np.where(slab, s0, _EMPTY[0]), np.where(slab, s1, _EMPTY[1])
    t0 = np.maximum(np.minimum(np.minimum(c0, d0), s0), 0.0)
    t1 = np.minimum(np.maximum(np.maximum(c1, d1), s1), 1.0)
    return t0, t1, (t0 < t1) & (uu > 0)


def _point_to_segment(px, py, ax, ay, bx, by):
    ux, uy = bx - ax, by - ay
    uu = ux * ux + uy * uy
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.where(uu > 0, ((px - ax) * ux + (py - ay) * uy) / uu, 0.0)
    t = np.clip(t, 0.0, 1.0)
    return np.hypot(ax + t * ux - px, ay + t * uy - py)


def point_distance(px, py, ax, ay, bx, by):
    """Per row, the distance of the point p to the segment a->b."""
    return _point_to_segment(px, py, ax, ay, bx, by)


def distance(ax, ay, bx, by, cx, cy, dx, dy):
    """Per row, the distance between the segments a->b and c->d (0 where they cross)."""
    nearest = np.minimum(
        np.minimum(_point_to_segment(ax, ay, cx, cy, dx, dy), _point_to_segment(bx, by, cx, cy, dx, dy)),
        np.minimum(_point_to_segment(cx, cy, ax, ay, bx, by), _point_to_segment(dx, dy, ax, ay, bx, by)))

    def side(px, py, qx, qy, rx, ry):
        return (qx - px) * (ry - py) - (qy - py) * (rx - px)

    crossing = ((side(ax, ay, bx, by, cx, cy) * side(ax, ay, bx, by, dx, dy) < 0)
                & (side(cx, cy, dx, dy, ax, ay) * side(cx, cy, dx, dy, bx, by) < 0))
    return np.where(crossing, 0.0, nearest)
