-- KEYS: 1 an index (a group, a user or all connections)
-- ARGV: 1 now
-- Drops the expired members, returns the live ones.
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
return redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. ARGV[1], '+inf')
