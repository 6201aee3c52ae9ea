"""Unions and complements of many stretches (start, end) of many groups at once (vectorised)."""

import numpy as np

# Stretches closer than this are one stretch: float noise where two buffers meet, not a real gap.
TOUCH_M = 1e-3


def union(group, start, end):
    """The merged stretches per group, as (group, start, end) arrays sorted by group then start."""
    if len(group) == 0:
        return group, start, end
    order = np.lexsort((start, group))
    group, start, end = group[order], start[order], end[order]
    # one axis for all groups, each shifted past the previous one, so a running max never crosses groups
    # (by its rank among the groups present, which keeps the shifted values small and precise)
    rank = np.concatenate([[0], np.cumsum(group[1:] != group[:-1])])
    shift = rank * (float(end.max()) + 1.0 + 2 * TOUCH_M)
    reach = np.maximum.accumulate(end + shift)
    opens = np.ones(len(group), dtype=bool)
    opens[1:] = start[1:] + shift[1:] > reach[:-1] + TOUCH_M
    first = np.flatnonzero(opens)
    return group[first], start[first], np.maximum.reduceat(end, first)


def complement(group, start, end, lengths):
    """The stretches of [0, lengths[g]] of every group g that the merged (group, start, end) leave out."""
    gaps_group = [np.arange(len(lengths))]  # before each group's first stretch (or the whole group)
    gaps_start = [np.zeros(len(lengths))]
    gaps_end = [np.array(lengths, dtype=float)]
    if len(group):
        first = np.ones(len(group), dtype=bool)
        first[1:] = group[1:] != group[:-1]
        gaps_end[0][group[first]] = start[first]
        last = np.ones(len(group), dtype=bool)
        last[:-1] = group[1:] != group[:-1]
        gaps_group += [group[~last], group[last]]  # between stretches, after the last one
        gaps_start += [end[~last], end[last]]
        gaps_end += [start[1:][~last[:-1]], np.asarray(lengths, dtype=float)[group[last]]]
    group, start, end = (np.concatenate(values) for values in (gaps_group, gaps_start, gaps_end))
    keep = end - start > TOUCH_M
    order = np.lexsort((start[keep], group[keep]))
    return group[keep][order], start[keep][order], end[keep][order]
