-- POST /api/v1/automation-connections: an HTTP API connection whose baseUrl is a refused loopback
-- port (BENCH_REFUSED_PORT), so the check at create fails fast with "connection refused".
-- Names are <BENCH_NAME_PREFIX><thread>-<n>, unique per run.
local key = os.getenv("BENCH_API_KEY")
local prefix = os.getenv("BENCH_NAME_PREFIX") or "create-"
local refused = os.getenv("BENCH_REFUSED_PORT")
local headers = { ["Authorization"] = "Bearer " .. key, ["Content-Type"] = "application/json" }

local threads = 0
function setup(thread)
   threads = threads + 1
   thread:set("tid", threads)
end

local n = 0
function request()
   n = n + 1
   local body = string.format(
      '{"connectorId":"67031468-9f41-4068-9de8-95d3dd29dfb4","name":"%s%d-%d",' ..
      '"params":[{"name":"baseUrl","value":"http://127.0.0.1:%s"}]}', prefix, tid, n, refused)
   return wrk.format("POST", "/api/v1/automation-connections", headers, body)
end

done = dofile(os.getenv("BENCH_DIR") .. "/report.lua")
