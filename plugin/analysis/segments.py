"""Where a straight road segment runs within a distance of a straight sequence segment, exactly.

The distance from a point moving along a segment to another segment is convex in the point's
position, so the stretch within `radius` is one interval; it is the union of the stretches within
`radius` of either end point (disks) and of the segment's interior (a slab), each solvable in closed
form. This is the round buffer itself, with no polygon approximation and no overlay.
"""

from math import sqrt


def _linear(alpha, beta, low, high):
    """The t in [-inf, inf] with low <= alpha + beta * t <= high, as (t0, t1) or None."""
    if beta == 0:
        return (float("-inf"), float("inf")) if low <= alpha <= high else None
    t0, t1 = (low - alpha) / beta, (high - alpha) / beta
    return (t0, t1) if t0 <= t1 else (t1, t0)


def _disk(ax, ay, ux, uy, uu, cx, cy, rr):
    """The t with |a + t u - c| <= r (uu = u.u > 0, rr = r^2), as (t0, t1) or None."""
    wx, wy = ax - cx, ay - cy
    half_b = ux * wx + uy * wy
    discriminant = half_b * half_b - uu * (wx * wx + wy * wy - rr)
    if discriminant < 0:
        return None
    root = sqrt(discriminant)
    return (-half_b - root) / uu, (-half_b + root) / uu


def within(a, b, c, d, radius):
    """(t0, t1), 0 <= t0 <= t1 <= 1: the part of segment a->b within `radius` of segment c->d; or None."""
    ax, ay = a
    ux, uy = b[0] - ax, b[1] - ay
    uu = ux * ux + uy * uy
    if uu == 0:
        return None
    rr = radius * radius
    found = [_disk(ax, ay, ux, uy, uu, c[0], c[1], rr), _disk(ax, ay, ux, uy, uu, d[0], d[1], rr)]
    vx, vy = d[0] - c[0], d[1] - c[1]
    vv = vx * vx + vy * vy
    if vv > 0:
        wx, wy = ax - c[0], ay - c[1]
        # foot of the perpendicular inside c->d, and perpendicular distance within radius
        along = _linear((wx * vx + wy * vy) / vv, (ux * vx + uy * vy) / vv, 0.0, 1.0)
        norm = sqrt(vv)
        across = _linear((vx * wy - vy * wx) / norm, (vx * uy - vy * ux) / norm, -radius, radius)
        if along and across and max(along[0], across[0]) <= min(along[1], across[1]):
            found.append((max(along[0], across[0]), min(along[1], across[1])))
    found = [interval for interval in found if interval is not None]
    if not found:
        return None
    t0, t1 = max(0.0, min(i[0] for i in found)), min(1.0, max(i[1] for i in found))
    return (t0, t1) if t0 < t1 else None
