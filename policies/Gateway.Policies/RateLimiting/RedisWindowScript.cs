namespace Gateway.Policies.RateLimiting;

/// <summary>
/// Charges every window of a request in one Redis round trip, atomically, on the server's clock (replicas may
/// disagree about the time; Redis does not). KEYS: one per window. ARGV[1]: a per-request nonce (members of
/// sliding windows must be unique); then per window: kind (0 fixed, 1 sliding), permit limit, window in ms.
/// Windows are charged in order; the first full one stops the charge, so earlier ones stay charged and later
/// ones untouched, as if each had been asked in turn. Returns {position of the full window (1-based) or 0,
/// retry-after in ms}. A refused request does not use a permit.
/// </summary>
internal static class RedisWindowScript
{
    public const string Text = """
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
        for i = 1, #KEYS do
          local key = KEYS[i]
          local at = 1 + (i - 1) * 3
          local limit = tonumber(ARGV[at + 2])
          local window = tonumber(ARGV[at + 3])
          if ARGV[at + 1] == '1' then
            redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
            if redis.call('ZCARD', key) >= limit then
              local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
              local retry = window
              if oldest[2] then retry = tonumber(oldest[2]) + window - now end
              return {i, retry}
            end
            redis.call('ZADD', key, now, now .. ':' .. ARGV[1])
            redis.call('PEXPIRE', key, window)
          else
            local count = tonumber(redis.call('GET', key) or '0')
            if count >= limit then
              local ttl = redis.call('PTTL', key)
              if ttl < 0 then ttl = window end
              return {i, ttl}
            end
            if redis.call('INCR', key) == 1 then
              redis.call('PEXPIRE', key, window)
            end
          end
        end
        return {0, 0}
        """;
}
