-- Check-and-spend against several windows in one atomic step (Redis runs a script alone).
-- One check, ``check(ko, A)``: its keys are KEYS[ko + 1 ...]; it returns its reply and how many keys it
-- used. Its arguments arrive as one MessagePack array (packing a dozen arguments one by one cost the
-- client more than the check costs Redis):
-- A: now, units, mode ('spend' | 'peek' | 'refund'), member token, n, then per window:
--       kind ('f' fixed | 'r' rolling), limit, seconds, window end (fixed; 0 for rolling).
-- K: per window in order: a fixed window's counter, or a rolling window's sorted set and its sum.
-- Sorted-set members are '<units>:<token>' scored by the charge time; the sum key holds their total,
-- kept in step when expired members are removed, so a check costs O(log n + expired), not O(n).
-- Returns {allowed (0/1), retry_after (string, seconds; 'inf' = never), remaining per window...,
-- then per window its own wait ('-' when it had room)}. The windows may belong to several budgets
-- (several keys' windows checked and charged together: all or nothing).

-- Lua hands numbers to Redis with 14 significant digits: pass times as full-precision strings.
local function num(x)
  return string.format('%.17g', x)
end

local function units_of(member)
  return tonumber(string.match(member, '^(-?%d+):'))
end

local function check(ko, A)
  local now = tonumber(A[1])
  local units = tonumber(A[2])
  local mode = A[3]
  local token = A[4]
  local n = tonumber(A[5])

  local windows = {}
  local ki, ai = 1, 6
  for i = 1, n do
    local w = {kind = A[ai], limit = tonumber(A[ai + 1]), seconds = tonumber(A[ai + 2]),
               wend = tonumber(A[ai + 3])}
    ai = ai + 4
    if w.kind == 'f' then
      w.key = KEYS[ko + ki]
      ki = ki + 1
      w.used = tonumber(redis.call('GET', w.key) or '0')
    else
      w.key, w.sum = KEYS[ko + ki], KEYS[ko + ki + 1]
      ki = ki + 2
      local cutoff = num(now - w.seconds)
      local old = redis.call('ZRANGEBYSCORE', w.key, '-inf', cutoff)
      if #old > 0 then
        local freed = 0
        for _, m in ipairs(old) do freed = freed + units_of(m) end
        redis.call('ZREMRANGEBYSCORE', w.key, '-inf', cutoff)
        redis.call('DECRBY', w.sum, freed)
      end
      w.used = tonumber(redis.call('GET', w.sum) or '0')
    end
    windows[i] = w
  end

  if mode == 'refund' then
    for _, w in ipairs(windows) do
      if w.kind == 'f' then
        if w.used > 0 then
          redis.call('SET', w.key, math.max(0, w.used - units), 'KEEPTTL')
        end
      elseif redis.call('EXISTS', w.key) == 1 then
        -- a negative member at the charge's time: both leave the window at the same moment
        redis.call('ZADD', w.key, A[1], (-units) .. ':' .. token)
        redis.call('DECRBY', w.sum, units)
      end
    end
    return {1, '0'}, ki - 1
  end

  local allowed = 1
  local retry = 0
  local waits = {}
  for i, w in ipairs(windows) do
    waits[i] = '-'
    if w.used + units > w.limit then
      allowed = 0
      local wait
      if units > w.limit then
        wait = math.huge
      elseif w.kind == 'f' then
        wait = w.wend - now
      else
        -- walk the oldest charges until enough units would have aged out (members sharing a time
        -- leave together, so the total is compared only when the time changes)
        local need = w.used + units - w.limit
        local freed, prev, offset = 0, nil, 0
        wait = math.huge
        while wait == math.huge do
          local batch = redis.call('ZRANGE', w.key, offset, offset + 99, 'WITHSCORES')
          if #batch == 0 then
            if prev ~= nil and freed >= need then wait = prev + w.seconds - now end
            break
          end
          for j = 1, #batch, 2 do
            local score = tonumber(batch[j + 1])
            if prev ~= nil and score ~= prev and freed >= need then
              wait = prev + w.seconds - now
              break
            end
            freed = freed + units_of(batch[j])
            prev = score
          end
          offset = offset + 100
        end
      end
      if wait > retry then retry = wait end
      waits[i] = wait == math.huge and 'inf' or string.format('%.6f', wait)
    end
  end

  local spent = 0
  if allowed == 1 and mode == 'spend' then
    spent = units
    for _, w in ipairs(windows) do
      if w.kind == 'f' then
        if redis.call('INCRBY', w.key, units) == units then
          -- a new counter: it lasts until the window's end by the caller's clock, not Redis's (whole
          -- milliseconds, exact as a Lua number)
          redis.call('PEXPIRE', w.key, math.ceil((w.wend - now) * 1000) + 1000)
        end
      else
        redis.call('ZADD', w.key, A[1], units .. ':' .. token)
        redis.call('INCRBY', w.sum, units)
        local ttl = math.ceil(w.seconds * 1000) + 1000
        redis.call('PEXPIRE', w.key, ttl)
        redis.call('PEXPIRE', w.sum, ttl)
      end
    end
  end

  local out = {allowed, retry == math.huge and 'inf' or string.format('%.6f', retry)}
  for i, w in ipairs(windows) do
    out[i + 2] = math.max(0, w.limit - w.used - spent)
    out[n + i + 2] = waits[i]
  end
  return out, ki - 1
end

-- The checks made while the previous batch was out, one after the other in this one run: ARGV holds one
-- packed check each, KEYS their keys in the same order. One reply per check, in order.
local out, ko = {}, 0
for i = 1, #ARGV do
  local reply, used = check(ko, cmsgpack.unpack(ARGV[i]))
  out[i] = reply
  ko = ko + used
end
return out
