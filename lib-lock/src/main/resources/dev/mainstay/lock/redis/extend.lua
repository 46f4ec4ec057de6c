-- Mainstay lock: extend. Sets a new lease on the lock if this grant still holds it (compare, then act).
-- KEYS[1]  the lock, <prefix>{<name>}
-- ARGV[1]  the grant: "<owner>:<token>"
-- ARGV[2]  the new lease in milliseconds, from now (an integer >= 1)
-- Returns {1} when extended; {0} when the lock is free or another grant holds it (the lease was lost).
-- Commands: GET, then PEXPIRE when it matches.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return {1}
end
return {0}
