-- Mixed traffic for bench/soak.sh: of every 10 requests, 6 GET a connection by id (cycling through
-- BENCH_IDS_FILE), 2 the filtered list's first page (BENCH_LIST_URL), 1 its deep page
-- (BENCH_DEEP_URL), and 1 creates a connection (new_connection.lua).
local key = os.getenv("BENCH_API_KEY")
local prefix = os.getenv("BENCH_NAME_PREFIX") or "soak-"
local list_url = os.getenv("BENCH_LIST_URL")
local deep_url = os.getenv("BENCH_DEEP_URL")
local ids = {}
for line in io.lines(os.getenv("BENCH_IDS_FILE")) do
   if line ~= "" then ids[#ids + 1] = line end
end
assert(#ids > 0 and list_url and deep_url, "soak.lua needs BENCH_IDS_FILE, BENCH_LIST_URL and BENCH_DEEP_URL")

local threads = 0
function setup(thread)
   threads = threads + 1
   thread:set("tid", threads)
end

local get_headers = { ["Authorization"] = "Bearer " .. key }
local new_connection = dofile(os.getenv("BENCH_DIR") .. "/new_connection.lua")
local n, id_at = 0, 1
function request()
   n = n + 1
   local slot = n % 10
   if slot < 6 then
      id_at = id_at % #ids + 1
      return wrk.format("GET", "/api/v1/automation-connections/" .. ids[id_at], get_headers)
   elseif slot < 8 then
      return wrk.format("GET", list_url, get_headers)
   elseif slot < 9 then
      return wrk.format("GET", deep_url, get_headers)
   end
   return new_connection(string.format("%s%d-%d", prefix, tid, n))
end

done = dofile(os.getenv("BENCH_DIR") .. "/report.lua")
