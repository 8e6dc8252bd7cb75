-- wrk script: cycles through the requests in a file (method TAB path TAB body per line), each
-- thread from its own offset, with the bearer token; prints the summary as one JSON line.
local requests = {}
local index = 0
local token = ""

function init(args)
  token = args[2]
  for line in io.lines(args[1]) do
    local method, path, body = line:match("^(%S+)\t([^\t]+)\t?(.*)$")
    if method then
      requests[#requests + 1] = { method = method, path = path, body = body ~= "" and body or nil }
    end
  end
  index = math.random(#requests)
end

function request()
  index = index % #requests + 1
  local r = requests[index]
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
