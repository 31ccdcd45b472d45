"""A fixed-window limit of requests per client address, kept in Django's cache.

The counter lives in the cache named by SANGTAO_RATELIMIT_CACHE (default "default"). With the
default per-process memory cache each gunicorn worker counts on its own, so the real limit is
the limit times the number of workers: production should point it at a shared cache (the
database cache table, or Redis/Memcached).
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
