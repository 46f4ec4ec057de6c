-- Mainstay lock: release. Deletes the lock if this grant still holds it (compare, then act).
-- KEYS[1]  the lock, <prefix>{<name>}
-- ARGV[1]  the grant: "<owner>:<token>"
-- Returns {1} when released; {0} when the lock was free or another grant held it (the lease had been lost).
-- Commands: GET, then DEL when it matches. The token counter stays: it expires on its own.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return {1}
end
return {0}
