"""Stretches of a line as (start, end) distances along it: exact, cheap unions and complements."""

# Stretches closer than this are one stretch: float noise where two buffers meet, not a real gap.
TOUCH_M = 1e-6


def merge(intervals):
    """Sorted, non-overlapping union of (start, end) intervals."""
    merged = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1] + TOUCH_M:
            if end > merged[-1][1]:
                merged[-1][1] = end
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def complement(merged, length):
    """The stretches of [0, length] that `merged` (output of `merge`) leaves out."""
    gaps, position = [], 0.0
    for start, end in merged:
        if start - position > TOUCH_M:
            gaps.append((position, start))
        position = max(position, end)
    if length - position > TOUCH_M:
        gaps.append((position, length))
    return gaps


def total(merged):
    return sum(end - start for start, end in merged)
