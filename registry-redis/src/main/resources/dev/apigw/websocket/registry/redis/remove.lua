-- KEYS: 1 connection hash, 2 its groups set, 3 the connections index
-- ARGV: 1 prefix, 2 id, 3 now
-- Returns 1 when the connection was live, else 0 (whatever was left of it is removed too).
local prefix, id, now = ARGV[1], ARGV[2], tonumber(ARGV[3])
local existing = redis.call('HMGET', KEYS[1], 'expiresAt', 'userId')
unindex(prefix, id, KEYS[2], existing[2])
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[3], id)
if existing[1] and tonumber(existing[1]) > now then
  return 1
end
return 0
