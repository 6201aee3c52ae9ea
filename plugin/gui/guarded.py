"""The decorator of the photo dock's Qt slots: an exception never escapes into Qt."""

import functools


def guarded(slot):
    """A Qt slot that hands its exception to its object's `slot_failed(name, error)` instead of raising it.

    The dock shows it on its message page; the dock's parts are given the dock's `slot_failed`.
    """
    @functools.wraps(slot)
    def wrapper(self, *args):
        try:
            return slot(self, *args)
        except Exception as error:  # noqa: BLE001 - a Qt slot must not raise
            self.slot_failed(slot.__name__, error)
    return wrapper
