-- KEYS: 1 connection hash, 2 its groups set
-- ARGV: 1 now
-- Returns the groups of a live connection, else an empty list.
local expires_at = tonumber(redis.call('HGET', KEYS[1], 'expiresAt'))
if not expires_at or expires_at <= tonumber(ARGV[1]) then
  return {}
end
return redis.call('SMEMBERS', KEYS[2])
