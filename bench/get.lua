-- GET the URL given on the wrk command line, authenticated when BENCH_API_KEY is set (the static
-- baseline runs without it: product-info.json needs no auth). Used for static, list and deep-page runs.
local key = os.getenv("BENCH_API_KEY")
if key and key ~= "" then
   wrk.headers["Authorization"] = "Bearer " .. key
end
done = dofile(os.getenv("BENCH_DIR") .. "/report.lua")
