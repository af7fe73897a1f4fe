-- POST /api/v1/automation-connections: a new HTTP API connection whose check is refused fast
-- (new_connection.lua). Names are <BENCH_NAME_PREFIX><thread>-<n>, unique per run.
local prefix = os.getenv("BENCH_NAME_PREFIX") or "create-"
local new_connection = dofile(os.getenv("BENCH_DIR") .. "/new_connection.lua")

local threads = 0
function setup(thread)
   threads = threads + 1
   thread:set("tid", threads)
end

local n = 0
function request()
   n = n + 1
   return new_connection(string.format("%s%d-%d", prefix, tid, n))
end

done = dofile(os.getenv("BENCH_DIR") .. "/report.lua")
