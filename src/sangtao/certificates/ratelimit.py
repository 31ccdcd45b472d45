"""A fixed-window limit of requests per client address, kept in Django's cache.

The counter lives in the cache named by SANGTAO_RATELIMIT_CACHE (default "default"). The
production settings make that cache a table of the shared database, so every worker process and
every app server counts together; the development server's memory cache counts per process.
"""

import time

from django.conf import settings
from django.core.cache import caches

from sangtao.core.middleware import client_ip


def over_limit(request, *, scope: str, limit: int, window: int = 60) -> bool:
    """Count this request against its address; True once the address passed `limit` requests
    in the current window of `window` seconds."""
    cache = caches[getattr(settings, "SANGTAO_RATELIMIT_CACHE", "default")]
    key = f"ratelimit:{scope}:{client_ip(request) or '-'}:{int(time.time() // window)}"
    if cache.add(key, 1, timeout=window + 1):
        return False
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window + 1)
        return False
    return count > limit
