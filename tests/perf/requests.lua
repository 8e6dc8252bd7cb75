-- wrk script: cycles through the requests in a file (method TAB path TAB body per line) with the
-- bearer token; prints the summary as one JSON line. Threads take interleaved, disjoint turns
-- (0, 2, 4 … and 1, 3, 5 …), so two writes never race for one record unless the list is short.
local requests = {}
local index = 0
local token = ""
local stride = 1
-- `tid` is set per thread by setup(), which wrk runs in the main Lua state before that thread's init.
local all_threads = {}

function setup(thread)
  thread:set("tid", #all_threads)
  table.insert(all_threads, thread)
end

function init(args)
  token = args[2]
  stride = tonumber(args[3]) or 1
  for line in io.lines(args[1]) do
    local method, path, body = line:match("^(%S+)\t([^\t]+)\t?(.*)$")
    if method then
      requests[#requests + 1] = { method = method, path = path, body = body ~= "" and body or nil }
    end
  end
  -- The warm-up run starts at 0 and the measured one half-way, so requests the server is still
  -- finishing from the warm-up never race the measured ones for a record.
  index = ((tonumber(args[4]) or 0) + (tid or 0)) % #requests
end

function request()
  index = (index + stride) % #requests
  local r = requests[index + 1]
  local headers = { ["Authorization"] = "Bearer " .. token, ["Accept"] = "application/json" }
  if r.body then
    headers["Content-Type"] = "application/json"
  end
  return wrk.format(r.method, r.path, headers, r.body)
end

-- Non-2xx answers by status, per thread; done() adds them up.
statuses = {}

function response(status, headers, body)
  if status >= 300 then
    statuses[status] = (statuses[status] or 0) + 1
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  local parts = {}
  local total = {}
  for _, t in ipairs(all_threads) do
    for status, n in pairs(t:get("statuses") or {}) do
      total[status] = (total[status] or 0) + n
    end
  end
  for status, n in pairs(total) do
    parts[#parts + 1] = string.format('"%d": %d', status, n)
  end
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "errors": %d, "non_2xx": %d, "statuses": {%s}, "p50_us": %d, "p95_us": %d, "p99_us": %d, "mean_us": %.1f, "max_us": %d}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status, table.concat(parts, ", "),
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.mean, latency.max))
end
