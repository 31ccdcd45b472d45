"""The address slow-down of signing in, beside django-axes' lock of a (user name, address) pair.

Axes locks only the pair, so nobody can lock the chair out of their account by failing with
the chair's user name from elsewhere. Against one address guessing many user names, this
counts every failed sign-in of the address in the shared cache (the database cache in
production, so every worker counts together): after SANGTAO_LOGIN_ADDRESS_FAILURE_LIMIT
failures within the cool-off time, the address waits SANGTAO_LOGIN_ADDRESS_WAIT_SECONDS before
each further try. A guesser is slowed to one try a minute; a colleague behind the same office
router waits at most that minute.
"""

import math
import time

from django.conf import settings
from django.core.cache import cache


def _keys(address: str) -> tuple[str, str]:
    return f"sangtao:signin-failures:{address}", f"sangtao:signin-wait:{address}"


def address_wait_seconds(*, address: str | None) -> int:
    """How long `address` must still wait before its next sign-in (0: it may try now)."""
    if not address:
        return 0
    until = cache.get(_keys(address)[1])
    if until is None:
        return 0
    return max(0, math.ceil(until - time.time()))


def address_failure(*, address: str | None) -> int:
    """Count one failed sign-in from `address`; returns the failures counted in the window."""
    if not address:
        return 0
    failures, wait = _keys(address)
    window = int(settings.AXES_COOLOFF_TIME.total_seconds())
    cache.add(failures, 0, timeout=window)
    try:
        count = cache.incr(failures)
    except ValueError:  # expired between add and incr
        cache.set(failures, 1, timeout=window)
        count = 1
    if count >= settings.SANGTAO_LOGIN_ADDRESS_FAILURE_LIMIT:
        seconds = settings.SANGTAO_LOGIN_ADDRESS_WAIT_SECONDS
        cache.set(wait, time.time() + seconds, timeout=seconds)
    return count
