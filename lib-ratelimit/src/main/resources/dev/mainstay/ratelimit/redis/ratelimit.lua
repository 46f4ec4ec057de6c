-- Mainstay rate limiter: one decision per call, on the server's clock.
-- KEYS[1]  the limit's hash, <prefix>{<name>} (one key: fine on Redis Cluster)
-- ARGV[1]  algorithm: 1 = greedy token bucket / GCRA, 2 = stepped token bucket / fixed window, 3 = sliding window
-- ARGV[2]  capacity          ARGV[3] refill permits per period     ARGV[4] period in microseconds
-- ARGV[5]  initial permits   ARGV[6] permits asked for (0: only look)
-- ARGV[7]  unit  = period / gcd(period, refill)   (greedy: one permit is `unit` scaled tokens)
-- ARGV[8]  scale = refill / gcd(period, refill)   (greedy: scaled tokens added per microsecond)
-- Returns {permitted 0|1, permits remaining, microseconds to wait, microseconds until full}.
-- State (hash fields): g = the limit it was written under, s/t (greedy: scaled tokens, time),
-- s/w (stepped: tokens, window index), p/c/w (sliding: previous count, current count, window index).
-- All values stay below 2^53, where Lua's numbers are exact integers. The key expires once the limit is full again.
local key = KEYS[1]
local alg, cap, refill, period = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local initial, n, unit, scale = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8])
local config = ARGV[1] .. ':' .. ARGV[2] .. ':' .. ARGV[3] .. ':' .. ARGV[4]

local function idiv(a, b)
  local q = math.floor(a / b)
  if q * b > a then q = q - 1 elseif (q + 1) * b <= a then q = q + 1 end
  return q
end
local function cdiv(a, b) return -idiv(-a, b) end

local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])

-- the state of a limit as {avail = permits available, ...} under configuration c at time now
local function load(c, h)
  local st = {}
  if c.alg == 1 then
    local full = c.cap * c.unit
    if h.s then
      st.s, st.t = tonumber(h.s), tonumber(h.t)
      if now > st.t then
        local dt = now - st.t
        if dt >= cdiv(full - st.s, c.scale) then st.s = full else st.s = st.s + dt * c.scale end
        st.t = now
      end
    else
      st.s, st.t = c.initial * c.unit, now
    end
    st.avail = idiv(st.s, c.unit)
  elseif c.alg == 2 then
    local index = idiv(now, c.period)
    if h.s then
      st.s, st.w = tonumber(h.s), tonumber(h.w)
      if index > st.w then
        if index - st.w >= cdiv(c.cap, c.refill) then st.s = c.cap else st.s = math.min(c.cap, st.s + (index - st.w) * c.refill) end
        st.w = index
      end
    else
      st.s, st.w = c.initial, index
    end
    st.avail = st.s
  else
    local index = idiv(now, c.period)
    if h.c then
      st.p, st.c, st.w = tonumber(h.p), tonumber(h.c), tonumber(h.w)
      if index == st.w + 1 then st.p, st.c = st.c, 0 elseif index > st.w then st.p, st.c = 0, 0 end
      if index > st.w then st.w = index end
    else
      st.p, st.c, st.w = 0, c.cap - c.initial, index
    end
    st.e = now - st.w * c.period
    st.weighted = cdiv(st.p * (c.period - st.e), c.period)
    st.avail = math.max(0, c.cap - st.c - st.weighted)
  end
  return st
end

local c = {alg = alg, cap = cap, refill = refill, period = period, initial = initial, unit = unit, scale = scale}
local raw = redis.call('HMGET', key, 'g', 's', 't', 'w', 'p', 'c')
local h = {s = raw[2], t = raw[3], w = raw[4], p = raw[5], c = raw[6]}
local changed = raw[1] ~= config
local st
if raw[1] and changed then
  -- the limit changed: the permits available now carry over, capped at the new capacity
  local a = redis.call('HMGET', key, 'a1', 'a2', 'a3', 'a4', 'a7', 'a8')
  local old = {alg = tonumber(a[1]), cap = tonumber(a[2]), refill = tonumber(a[3]), period = tonumber(a[4]),
               initial = 0, unit = tonumber(a[5]), scale = tonumber(a[6])}
  c.initial = math.min(load(old, h).avail, cap)
  st = load(c, {})
  c.initial = initial
else
  st = load(c, h)
end

local permitted, wait, full, state
if alg == 1 then
  local need = n * unit
  if st.s >= need then permitted = 1; st.s = st.s - need; wait = 0
  else permitted = 0; wait = cdiv(need - st.s, scale) end
  full = cdiv(cap * unit - st.s, scale)
  st.avail = idiv(st.s, unit)
  state = {'s', st.s, 't', st.t}
elseif alg == 2 then
  local e = now - st.w * period
  if st.s >= n then permitted = 1; st.s = st.s - n; wait = 0
  else permitted = 0; wait = cdiv(n - st.s, refill) * period - e end
  full = 0
  if st.s < cap then full = cdiv(cap - st.s, refill) * period - e end
  st.avail = st.s
  state = {'s', st.s, 'w', st.w}
else
  local used = st.c + n + st.weighted
  if used <= cap then
    permitted = 1; st.c = st.c + n; wait = 0; st.avail = cap - used
  else
    permitted = 0
    local spare = cap - st.c - n
    if spare >= 0 then
      wait = period - idiv(spare * period, st.p) - st.e
    else
      local into = 0
      if st.c > 0 then into = math.max(0, period - idiv((cap - n) * period, st.c)) end
      wait = period - st.e + into
    end
  end
  if st.c > 0 then full = 2 * period - st.e elseif st.p > 0 then full = period - st.e else full = 0 end
  state = {'p', st.p, 'c', st.c, 'w', st.w}
end
if changed then
  -- one write: the state, and the limit it is written under when that is new
  for _, v in ipairs({'g', config, 'a1', alg, 'a2', cap, 'a3', refill, 'a4', period, 'a7', unit, 'a8', scale}) do
    state[#state + 1] = v
  end
end
redis.call('HSET', key, unpack(state))
redis.call('PEXPIRE', key, math.max(1, cdiv(full, 1000)))
return {permitted, st.avail, wait, full}
