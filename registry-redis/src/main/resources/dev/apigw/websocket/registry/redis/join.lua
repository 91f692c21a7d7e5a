-- KEYS: 1 connection hash, 2 its groups set, 3 the group index
-- ARGV: 1 id, 2 group, 3 now
-- Returns 1 when the connection is live and so now a member, else 0 (nothing stored).
local id, group, now = ARGV[1], ARGV[2], tonumber(ARGV[3])
local expires_at = tonumber(redis.call('HGET', KEYS[1], 'expiresAt'))
if not expires_at or expires_at <= now then
  return 0
end
redis.call('SADD', KEYS[2], group)
redis.call('PEXPIREAT', KEYS[2], expires_at)
redis.call('ZADD', KEYS[3], expires_at, id)
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now)
extend_expiry(KEYS[3], expires_at)
return 1
