-- Mainstay rate limiter: one decision per call, on the server's clock. Three commands: TIME, GET, SET PX.
-- KEYS[1]  the limit's key, <prefix>{<name>} (one key: fine on Redis Cluster)
-- ARGV[1]  algorithm: 1 = greedy token bucket / GCRA, 2 = stepped token bucket / fixed window, 3 = sliding window
-- ARGV[2]  capacity          ARGV[3] refill permits per period     ARGV[4] period in microseconds
-- ARGV[5]  initial permits   ARGV[6] permits asked for (0: only look)
-- ARGV[7]  unit  = period / gcd(period, refill)   (greedy: one permit is `unit` scaled tokens)
-- ARGV[8]  scale = refill / gcd(period, refill)   (greedy: scaled tokens added per microsecond)
-- Returns {permitted 0|1, permits remaining, microseconds to wait, microseconds until full}.
-- State: one string, struct.pack('<ddddddddd', algorithm, capacity, refill, period, unit, scale, x, y, z): the
-- limit it was written under, then greedy x = scaled tokens, y = time; stepped x = tokens, y = window index;
-- sliding x = previous window's count, y = current window's count, z = window index. The key expires (PX) once
-- the limit is full again.
-- Exactness: Lua numbers are doubles. Every value stays below 2^53 (the client keeps limits below 2^50 in
-- microsecond units; the time in microseconds stays below 2^53 until the year 2255), where sums, products and
-- differences are exact integers; math.floor/math.ceil of a quotient a / b of such integers is exact because an
-- error would need a + b >= 2^54. A product that may pass 2^53 (elapsed time * rate) is only compared with a
-- smaller exact value, which rounding cannot reverse. No tables but TIME's and the reply, no closures, no string
-- but the packed state: the script is cheap next to the round trip.
local alg, cap, refill, period = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local initial, n, unit, scale = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8])
local time = redis.call('TIME')
local now = time[1] * 1000000 + time[2]
local raw = redis.call('GET', KEYS[1])
local x, y, z, avail, e, weighted = 0, 0, 0, 0, 0, 0
if raw then
  local A, C, R, P, U, S
  A, C, R, P, U, S, x, y, z = struct.unpack('<ddddddddd', raw)
  -- bring the state to now under the limit it was written under
  if A == 1 then
    if now > y then
      if (now - y) * S >= C * U - x then x = C * U else x = x + (now - y) * S end
      y = now
    end
    avail = math.floor(x / U)
  elseif A == 2 then
    local index = math.floor(now / P)
    if index > y then
      if (index - y) * R >= C - x then x = C else x = x + (index - y) * R end
      y = index
    end
    avail = x
  else
    local index = math.floor(now / P)
    if index == z + 1 then x, y = y, 0 elseif index > z then x, y = 0, 0 end
    if index > z then z = index end
    e = now - z * P
    weighted = math.ceil(x * (P - e) / P)
    avail = C - y - weighted
    if avail < 0 then avail = 0 end
  end
  if A ~= alg or C ~= cap or R ~= refill or P ~= period then
    -- the limit changed: the permits available now carry over, capped at the new capacity
    initial = avail
    if initial > cap then initial = cap end
    raw = false
  end
end
if not raw then
  if alg == 1 then x, y = initial * unit, now
  elseif alg == 2 then x, y = initial, math.floor(now / period)
  else x, y, z = 0, cap - initial, math.floor(now / period); e = now - z * period; weighted = 0 end
  avail = initial
end

local permitted, wait, full = 1, 0, 0
if alg == 1 then
  local need = n * unit
  if x >= need then x = x - need else permitted = 0; wait = math.ceil((need - x) / scale) end
  full = math.ceil((cap * unit - x) / scale)
  avail = math.floor(x / unit)
elseif alg == 2 then
  e = now - y * period
  if x >= n then x = x - n else permitted = 0; wait = math.ceil((n - x) / refill) * period - e end
  if x < cap then full = math.ceil((cap - x) / refill) * period - e end
  avail = x
else
  local used = y + n + weighted
  if used <= cap then
    y = y + n; avail = cap - used
  else
    permitted = 0
    local spare = cap - y - n
    if spare >= 0 then
      wait = period - math.floor(spare * period / x) - e
    else
      local into = 0
      if y > 0 then into = period - math.floor((cap - n) * period / y); if into < 0 then into = 0 end end
      wait = period - e + into
    end
  end
  if y > 0 then full = 2 * period - e elseif x > 0 then full = period - e end
end
local ttl = math.ceil(full / 1000)
if ttl < 1 then ttl = 1 end
redis.call('SET', KEYS[1], struct.pack('<ddddddddd', alg, cap, refill, period, unit, scale, x, y, z), 'PX', ttl)
return {permitted, avail, wait, full}
