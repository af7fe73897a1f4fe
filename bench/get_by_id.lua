-- GET /api/v1/automation-connections/{id}, cycling through the ids listed one per line in
-- BENCH_IDS_FILE (about 1000 of the seeded rows). Each thread starts at a different offset.
local key = os.getenv("BENCH_API_KEY")
local ids = {}
for line in io.lines(os.getenv("BENCH_IDS_FILE")) do
   if line ~= "" then ids[#ids + 1] = line end
end
assert(#ids > 0, "BENCH_IDS_FILE lists no ids")

local counter = 1
local threads = 0
function setup(thread)
   threads = threads + 1
   thread:set("start", threads * 397)
end

function init(args)
   counter = (start or 0) % #ids + 1
end

local headers = { ["Authorization"] = "Bearer " .. key }
function request()
   local id = ids[counter]
   counter = counter % #ids + 1
   return wrk.format("GET", "/api/v1/automation-connections/" .. id, headers)
end

done = dofile(os.getenv("BENCH_DIR") .. "/report.lua")
