-- KEYS: 1 connection hash, 2 its groups set, 3 the connections index
-- ARGV: 1 prefix, 2 id, 3 now, 4 time to live, 5 user id ('' for none), 6 number of attributes n,
--       7..6+2n attribute name, value, then the groups to join
-- Returns the registration time.
local prefix, id, now, ttl, user = ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5]
local groups_from = 7 + 2 * tonumber(ARGV[6])
local existing = redis.call('HMGET', KEYS[1], 'registeredAt', 'expiresAt', 'userId')
local registered_at, expires_at
if existing[2] and tonumber(existing[2]) > now then
  registered_at, expires_at = tonumber(existing[1]), tonumber(existing[2])
  if existing[3] and existing[3] ~= user then
    redis.call('ZREM', prefix .. 'user:' .. existing[3], id)
  end
else
  -- new, or expired by our clock though Redis still holds it: start over without its memberships
  unindex(prefix, id, KEYS[2], existing[3])
  registered_at, expires_at = now, now + ttl
end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'registeredAt', registered_at, 'expiresAt', expires_at)
if user ~= '' then
  redis.call('HSET', KEYS[1], 'userId', user)
end
for i = 7, groups_from - 1, 2 do
  redis.call('HSET', KEYS[1], 'a:' .. ARGV[i], ARGV[i + 1])
end
redis.call('PEXPIREAT', KEYS[1], expires_at)
redis.call('ZADD', KEYS[3], expires_at, id)
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now)
extend_expiry(KEYS[3], expires_at)
if user ~= '' then
  local user_key = prefix .. 'user:' .. user
  redis.call('ZADD', user_key, expires_at, id)
  redis.call('ZREMRANGEBYSCORE', user_key, '-inf', now)
  extend_expiry(user_key, expires_at)
end
for i = groups_from, #ARGV do
  local group_key = prefix .. 'group:' .. ARGV[i]
  redis.call('SADD', KEYS[2], ARGV[i])
  redis.call('ZADD', group_key, expires_at, id)
  redis.call('ZREMRANGEBYSCORE', group_key, '-inf', now)
  extend_expiry(group_key, expires_at)
end
if #ARGV >= groups_from then
  redis.call('PEXPIREAT', KEYS[2], expires_at)
end
return registered_at
