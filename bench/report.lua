-- Shared by the measuring scripts: after the run, print one machine-readable line that run.sh parses.
--   BENCH_RESULT requests=<n> duration_us=<n> rps=<x> p50_us=<n> p99_us=<n> status_errors=<n> socket_errors=<n>
-- status_errors is wrk's count of responses with a status >= 400 (wrk's "Non-2xx or 3xx responses";
-- run.sh checks beforehand with curl that every measured URL answers exactly 2xx, so 3xx cannot occur).
-- socket_errors is connect + read + write + timeout.
return function(summary, latency, requests)
   local e = summary.errors
   local sock = e.connect + e.read + e.write + e.timeout
   local rps = summary.requests / (summary.duration / 1e6)
   io.write(string.format(
      "BENCH_RESULT requests=%d duration_us=%d rps=%.1f p50_us=%d p99_us=%d status_errors=%d socket_errors=%d\n",
      summary.requests, summary.duration, rps, latency:percentile(50), latency:percentile(99), e.status, sock))
end
