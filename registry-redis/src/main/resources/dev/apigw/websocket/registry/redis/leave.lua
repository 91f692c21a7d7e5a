-- KEYS: 1 connection hash, 2 its groups set, 3 the group index
-- ARGV: 1 id, 2 group, 3 now
-- Returns 1 when the connection was a live member, else 0.
local id, group, now = ARGV[1], ARGV[2], tonumber(ARGV[3])
local removed = redis.call('SREM', KEYS[2], group)
redis.call('ZREM', KEYS[3], id)
local expires_at = tonumber(redis.call('HGET', KEYS[1], 'expiresAt'))
if removed == 1 and expires_at and expires_at > now then
  return 1
end
return 0
