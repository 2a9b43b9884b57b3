-- wrk script of the benchmark: walks a pre-generated list of requests, each once.
-- Arguments (after --): requests file, number of wrk threads, progress-file prefix ("-" for none).
-- Environment: WRK_DELAY_MS (a pause before each request on a connection: a paced, lower rate).
-- Requests file: one request a line, tab-separated: METHOD PATH AUTHORIZATION ACTOR CHANNEL BODY
-- (AUTHORIZATION is the whole header value, "Bearer <token>"; ACTOR is "-", or "ROLE ID": the
-- X-Actor-Role and X-Actor-Id of a relaying service, e.g. card-production-service for a factory).
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local function split(s)
  local out = {}
  for field in (s .. "\t"):gmatch("([^\t]*)\t") do
    out[#out + 1] = field
  end
  return out
end

function init(args)
  local nthreads = tonumber(args[2])
  reqs = {}
  local i = 0
  for line in io.lines(args[1]) do
    if i % nthreads == id then
      local f = split(line)
      local headers = {
        ["Content-Type"] = "application/json",
        ["Authorization"] = f[3],
        ["X-Channel"] = f[5],
      }
      if f[4] ~= nil and f[4] ~= "-" and f[4] ~= "" then
        local role, actor = f[4]:match("^(%S+) (%S+)$")
        headers["X-Actor-Role"] = role
        headers["X-Actor-Id"] = actor
      end
      local body = f[6]
      if body == nil or body == "" then
        body = nil
      end
      reqs[#reqs + 1] = wrk.format(f[1], f[2], headers, body)
    end
    i = i + 1
  end
  idle = wrk.format("GET", "/q/health/live")
  idx = 0
  s2xx, s201, s4xx, s5xx, sother, exhausted, idle_answers = 0, 0, 0, 0, 0, 0, 0
  if args[3] ~= nil and args[3] ~= "-" then
    progress = io.open(args[3] .. id, "w")
  end
end

function request()
  idx = idx + 1
  if idx > #reqs then
    exhausted = exhausted + 1
    return idle
  end
  return reqs[idx]
end

local delay_ms = tonumber(os.getenv("WRK_DELAY_MS") or "0")
if delay_ms > 0 then
  function delay()
    return delay_ms
  end
end

function response(status, headers, body)
  if body ~= nil and body:find('"checks"', 1, true) then
    idle_answers = idle_answers + 1
    return
  end
  if status == 201 then
    s201 = s201 + 1
  end
  if status >= 200 and status < 300 then
    s2xx = s2xx + 1
  elseif status >= 400 and status < 500 then
    s4xx = s4xx + 1
  elseif status >= 500 then
    s5xx = s5xx + 1
  else
    sother = sother + 1
  end
  if progress then
    local card = ""
    if body ~= nil then
      card = body:match('"cardId"%s*:%s*"([^"]+)"') or ""
    end
    progress:write(status, "\t", card, "\n")
    progress:flush()
  end
end

function done(summary, latency, requests)
  local t = {s2xx = 0, s201 = 0, s4xx = 0, s5xx = 0, sother = 0, exhausted = 0, idle_answers = 0}
  for _, thread in ipairs(threads) do
    for k, _ in pairs(t) do
      t[k] = t[k] + (thread:get(k) or 0)
    end
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_us":%d,"connect_errors":%d,"read_errors":%d,'
      .. '"write_errors":%d,"timeouts":%d,"status_errors":%d,"p50_us":%d,"p95_us":%d,'
      .. '"p99_us":%d,"max_us":%d,"mean_us":%.1f,"s2xx":%d,"s201":%d,"s4xx":%d,"s5xx":%d,'
      .. '"sother":%d,"exhausted":%d,"idle_answers":%d}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.timeout, e.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    latency.mean, t.s2xx, t.s201, t.s4xx, t.s5xx, t.sother, t.exhausted, t.idle_answers))
end
