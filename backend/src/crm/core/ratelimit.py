"""Rate limits with `limits`: in memory when embedded, Redis when several processes share the work."""

from __future__ import annotations

import math
import time
from functools import lru_cache

from limits import parse
from limits.aio.storage import MemoryStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter
from limits.storage import storage_from_string

from crm.core.errors import TooManyRequests
from crm.settings import get_settings


@lru_cache
def _limiter() -> tuple[MovingWindowRateLimiter, Storage]:
    url = get_settings().redis_url
    storage: Storage = storage_from_string(f"async+{url}") if url else MemoryStorage()
    return MovingWindowRateLimiter(storage), storage


async def reset() -> None:
    await _limiter()[1].reset()


async def check(limit_text: str, *keys: str) -> None:
    """Raises 429 when the limit is already exhausted, without counting this call."""
    limiter, _ = _limiter()
    item = parse(limit_text)
    if not await limiter.test(item, *keys):
        reset_at, _remaining = await limiter.get_window_stats(item, *keys)
        retry = max(1, math.ceil(reset_at - time.time()))
        raise TooManyRequests("Too many attempts. Try again later.", headers={"Retry-After": str(retry)})


async def hit(limit_text: str, *keys: str) -> tuple[bool, int, int, int]:
    """Counts one call; returns (allowed, limit, remaining, seconds until reset)."""
    limiter, _ = _limiter()
    item = parse(limit_text)
    allowed = await limiter.hit(item, *keys)
    reset_at, remaining = await limiter.get_window_stats(item, *keys)
    return allowed, item.amount, remaining, max(0, math.ceil(reset_at - time.time()))
