-- Mainstay idempotency record: one hash per (scope, key) at KEYS[1] = <prefix>{<scope>:<key>}, expiring (PEXPIRE)
-- at the end of its retention. Fields: f fingerprint (hex), s state (P in progress, C completed, R released),
-- a attempt number, l lease end (server time, microseconds since the Unix epoch), r response (base64),
-- p recovery point. Time is the server's: redis.call('TIME').
--
-- ARGV[1] is the operation:
--   claim    ARGV: fingerprint, lease (microseconds), retention (milliseconds)
--            returns {outcome, attempt, remaining lease (microseconds), payload}: outcome 1 claimed (payload: the
--            recovery point of an earlier attempt, or ''), 2 completed (payload: the response, base64),
--            3 in progress, 4 another fingerprint
--   complete ARGV: attempt, response (base64), retention (milliseconds)    returns {1} if stored, {0} if stale
--   release  ARGV: attempt                                                 returns {1} if released, {0} if stale
--   point    ARGV: attempt, recovery point, lease (microseconds)           returns {1} if saved, {0} if stale
-- (always arrays, so that every client maps every reply the same way)
local key = KEYS[1]
local op = ARGV[1]
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local function int(n)
  return string.format('%.0f', n)
end

if op == 'claim' then
  local fingerprint, lease, retention = ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4])
  local h = redis.call('HMGET', key, 'f', 's', 'a', 'l', 'r', 'p')
  local attempt = tonumber(h[3]) or 0
  local point = h[6] or ''
  if not h[2] or h[2] == 'R' then
    if h[1] ~= fingerprint then
      point = ''
    end
    attempt = attempt + 1
    redis.call('HSET', key, 'f', fingerprint, 's', 'P', 'a', int(attempt), 'l', int(now + lease))
    redis.call('HDEL', key, 'r')
    if point == '' then
      redis.call('HDEL', key, 'p')
    end
    redis.call('PEXPIRE', key, retention)
    return {1, attempt, 0, point}
  end
  if h[1] ~= fingerprint then
    return {4, attempt, 0, ''}
  end
  if h[2] == 'C' then
    return {2, attempt, 0, h[5]}
  end
  local leaseEnd = tonumber(h[4])
  if leaseEnd > now then
    return {3, attempt, leaseEnd - now, ''}
  end
  attempt = attempt + 1
  redis.call('HSET', key, 's', 'P', 'a', int(attempt), 'l', int(now + lease))
  local ttl = redis.call('PTTL', key)
  if ttl < retention then
    redis.call('PEXPIRE', key, retention)
  end
  return {1, attempt, 0, point}
end

local h = redis.call('HMGET', key, 's', 'a')
if h[1] ~= 'P' or h[2] ~= ARGV[2] then
  return {0}
end
if op == 'complete' then
  redis.call('HSET', key, 's', 'C', 'r', ARGV[3], 'l', int(now))
  redis.call('HDEL', key, 'p')
  redis.call('PEXPIRE', key, tonumber(ARGV[4]))
elseif op == 'release' then
  redis.call('HSET', key, 's', 'R')
elseif op == 'point' then
  redis.call('HSET', key, 'p', ARGV[3], 'l', int(now + tonumber(ARGV[4])))
else
  return redis.error_reply('unknown operation ' .. tostring(op))
end
return {1}
