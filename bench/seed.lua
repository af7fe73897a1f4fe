-- Seeds exactly BENCH_ROWS connections named bench-1 .. bench-<BENCH_ROWS> through the API.
-- Thread t of T sends the names n = t, t+T, t+2T, ... up to BENCH_ROWS; once a thread has sent its
-- share it sends cheap GET /health requests until all of its POSTs have answered. A POST that does
-- not answer 201 counts as failed and ends the thread's share at once.
-- wrk's main thread sleeps for the whole -d however early its threads stop, so each thread, when
-- done, writes "<created> <failed>" to BENCH_SEED_STATE_DIR/thread-<t>; run.sh waits for all of
-- those files and then ends wrk with SIGINT.
local key = os.getenv("BENCH_API_KEY")
local rows = tonumber(os.getenv("BENCH_ROWS"))
local refused = os.getenv("BENCH_REFUSED_PORT")
local state_dir = os.getenv("BENCH_SEED_STATE_DIR")
local post_headers = { ["Authorization"] = "Bearer " .. key, ["Content-Type"] = "application/json" }

local threads = 0
function setup(thread)
   threads = threads + 1
   thread:set("tid", threads)
end

local nthreads, next_n, quota, verifying
local answered, ok, failed, finished = 0, 0, 0, false
function init(args)
   nthreads = tonumber(os.getenv("BENCH_SEED_THREADS"))
   next_n = tid
   quota = 0
   for _ = tid, rows, nthreads do quota = quota + 1 end
   -- wrk calls request() once on the first thread's state right after init() only to check the
   -- script (script_verify_request), and never sends that request: it must not use up a name.
   verifying = (tid == 1)
end

function request()
   if verifying then
      verifying = false
      return wrk.format("GET", "/health")
   end
   if next_n <= rows and failed == 0 then
      local n = next_n
      next_n = next_n + nthreads
      local body = string.format(
         '{"connectorId":"67031468-9f41-4068-9de8-95d3dd29dfb4","name":"bench-%d",' ..
         '"params":[{"name":"baseUrl","value":"http://127.0.0.1:%s"}]}', n, refused)
      return wrk.format("POST", "/api/v1/automation-connections", post_headers, body)
   end
   return wrk.format("GET", "/health")
end

function response(status, headers, body)
   if status == 201 then
      ok = ok + 1
   elseif status ~= 200 then
      failed = failed + 1
   end
   if not finished and (ok >= quota or failed > 0) then
      finished = true
      local f = assert(io.open(string.format("%s/thread-%d", state_dir, tid), "w"))
      f:write(string.format("%d %d\n", ok, failed))
      f:close()
      wrk.thread:stop()
   end
end
