-- wrk script: cycles through the requests in a file (method TAB path TAB body per line) with the
-- bearer token; prints the summary as one JSON line. Threads take interleaved, disjoint turns
-- (0, 2, 4 … and 1, 3, 5 …), so two writes never race for one record unless the list is short.
local requests = {}
local index = 0
local token = ""
-- `tid` and `stride` are set per thread by setup() (wrk runs it in the main Lua state).
local all_threads = {}

function setup(thread)
  thread:set("tid", #all_threads)
  table.insert(all_threads, thread)
  for _, t in ipairs(all_threads) do
    t:set("stride", #all_threads)
  end
end

function init(args)
  token = args[2]
  for line in io.lines(args[1]) do
    local method, path, body = line:match("^(%S+)\t([^\t]+)\t?(.*)$")
    if method then
      requests[#requests + 1] = { method = method, path = path, body = body ~= "" and body or nil }
    end
  end
  index = tid or 0
end

function request()
  index = (index + (stride or 1)) % #requests
  local r = requests[index + 1]
  local headers = { ["Authorization"] = "Bearer " .. token, ["Accept"] = "application/json" }
  if r.body then
    headers["Content-Type"] = "application/json"
  end
  return wrk.format(r.method, r.path, headers, r.body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "errors": %d, "non_2xx": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, "mean_us": %.1f, "max_us": %d}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.mean, latency.max))
end
