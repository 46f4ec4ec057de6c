-- Mainstay lock: acquire. Grants the lock if nobody holds it, with a fencing token that never steps back.
-- KEYS[1]  the lock, <prefix>{<name>}: the string "<owner>:<token>" with a PX lease while held
-- KEYS[2]  the token counter, <prefix>{<name>}:token (the same hash slot): the last token granted, with a TTL
-- ARGV[1]  the owner: 32 hex characters, random per handle
-- ARGV[2]  the lease in milliseconds (an integer >= 1)
-- ARGV[3]  the counter's TTL in milliseconds: the lease plus 60 s
-- Returns {1, token} when granted; {0, milliseconds the lock has left (PTTL; -1: held with no expiry)} when held.
-- Token: the counter plus one, but never below the server's clock in microseconds (TIME). The counter may then
-- expire, and a server that keeps nothing across a restart may forget it: the next token is still above every
-- token granted before, as long as the server's clock does not step back and no name is granted more than once
-- per microsecond on average. Lua numbers are doubles: exact below 2^53, i.e. for microsecond times until the
-- year 2255; the token goes into strings through '%.0f' (tostring would print 1.7e+15).
-- Commands: PTTL when held; PTTL, TIME, GET, SET PX, SET PX when granted.
local left = redis.call('PTTL', KEYS[1])
if left ~= -2 then
  return {0, left}
end
local time = redis.call('TIME')
local token = tonumber(time[1]) * 1000000 + tonumber(time[2])
local last = redis.call('GET', KEYS[2])
if last then
  local counted = tonumber(last)
  if not counted then
    return redis.error_reply('ERR mainstay lock: the token counter ' .. KEYS[2] .. ' is not a number')
  end
  if counted + 1 > token then
    token = counted + 1
  end
end
local text = string.format('%.0f', token)
redis.call('SET', KEYS[2], text, 'PX', ARGV[3])
redis.call('SET', KEYS[1], ARGV[1] .. ':' .. text, 'PX', ARGV[2])
return {1, token}
