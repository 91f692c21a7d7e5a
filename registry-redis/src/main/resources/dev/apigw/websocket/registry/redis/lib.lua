-- Shared by the registry's scripts (prepended to each). Times are epoch milliseconds of
-- the application's clock, passed in ARGV; a connection is live while expiresAt > now.

-- Make key expire no earlier than at: an index lives as long as its longest-lived member.
-- PEXPIRETIME (Redis 7) compares absolute times, as PEXPIREAT set them, whatever the skew
-- between Redis's clock and ours; -1 (no expiry yet) sets one.
local function extend_expiry(key, at)
  if redis.call('PEXPIRETIME', key) < at then
    redis.call('PEXPIREAT', key, at)
  end
end

-- Remove a connection's memberships and user index entry (not its hash).
local function unindex(prefix, id, groups_key, user)
  for _, group in ipairs(redis.call('SMEMBERS', groups_key)) do
    redis.call('ZREM', prefix .. 'group:' .. group, id)
  end
  redis.call('DEL', groups_key)
  if user then
    redis.call('ZREM', prefix .. 'user:' .. user, id)
  end
end

