"""Paging KartaView's lists by what the server actually sends, not by what was asked.

A server may send fewer items per page than `ipp` asks (the 2.0 API caps itemsPerPage at 150), so
the number of pages follows the items per page received on page 1 and the total the server
reports; an empty or short page ends the list whatever total was claimed; and a page cap bounds
every paged request, so a server claiming a huge total costs a few requests, not thousands.
`Paging` records what was seen, so that callers can tell the user when the cap cut data.
"""

import math
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass

# Pages of one paged request (a bbox, a map tile, a sequence) at most. 20 pages of 1,000 are 20,000
# photos, three times the densest z14 tile of the sandbox's Cluj and more than real tiles hold;
# a server capping pages at 150 still gives 3,000 per tile. Past it, the newest records are kept
# (KartaView lists newest sequences first) and the user is told.
MAX_PAGES = 20


@dataclass(frozen=True)
class Paging:
    """What a paged read saw: the total the server claimed (None: it gave none), the items received
    (read or not), the items rejected as unreadable, the pages read, and `cut`: the page cap stopped
    the read while the server still announced more."""

    claimed: int | None = None
    received: int = 0
    rejected: int = 0
    pages: int = 0
    cut: bool = False

    def __add__(self, other: "Paging") -> "Paging":
        claimed = None if self.claimed is None and other.claimed is None else \
            (self.claimed or 0) + (other.claimed or 0)
        return Paging(claimed, self.received + other.received, self.rejected + other.rejected,
                      self.pages + other.pages, self.cut or other.cut)


def plan(first_count: int, total: int | None, asked: int, max_pages: int = MAX_PAGES) -> tuple[int, bool]:
    """(pages to read, whether the cap cuts what the server announces) after page 1.

    first_count: the items page 1 held (also those that could not be read): the server's real page
    size. total: the count it reports (None: without one, a page as full as asked may have a next).
    """
    max_pages = max(1, int(max_pages))
    if first_count <= 0:
        return 1, False  # an empty first page is the end, whatever total is claimed
    if total is None:
        needed = max_pages + 1 if first_count >= asked else 1
    else:
        needed = max(1, math.ceil(total / first_count))
    return min(needed, max_pages), needed > max_pages


def read_pages(fetch, first, first_count, total, asked, *, max_pages=MAX_PAGES, workers=8, check=None):
    """([records of page 1, page 2, ...], Paging): pages 2..N fetched `workers` at a time.

    fetch(page) -> (records, item count of that page). A wave holding an empty or short page ends
    the read (the server has no more, whatever it claimed). check(): called between waves (cancel).
    """
    pages, cut = plan(first_count, total, asked, max_pages)
    results, counts = {1: first}, {1: first_count}
    page = 2
    while page <= pages:
        if check is not None:
            check()
        wave = list(range(page, min(pages, page + max(1, workers) - 1) + 1))
        with ThreadPoolExecutor(max_workers=len(wave), thread_name_prefix="kartaview-page") as pool:
            futures = {pool.submit(fetch, number): number for number in wave}
            try:
                for future in as_completed(futures):
                    results[futures[future]], counts[futures[future]] = future.result()
            except BaseException:
                for future in futures:
                    future.cancel()
                raise
        page = wave[-1] + 1
        if any(counts[number] < first_count for number in wave):
            cut = False  # the list ended before the cap
            break
    read = sorted(results)
    if cut and counts[read[-1]] < first_count:
        cut = False
    rejected = sum(getattr(results[number], "rejected", 0) for number in read)
    paging = Paging(total, sum(counts[number] for number in read), rejected, len(read), cut)
    return [results[number] for number in read], paging
