-- Shared by create.lua and soak.lua: the request that creates an HTTP API connection whose baseUrl is
-- a refused loopback port (BENCH_REFUSED_PORT), so the check at create fails fast with "connection
-- refused". new_connection(name) returns the wrk request.
local headers = { ["Authorization"] = "Bearer " .. os.getenv("BENCH_API_KEY"), ["Content-Type"] = "application/json" }
local refused = os.getenv("BENCH_REFUSED_PORT")

return function(name)
   local body = string.format(
      '{"connectorId":"67031468-9f41-4068-9de8-95d3dd29dfb4","name":"%s",' ..
      '"params":[{"name":"baseUrl","value":"http://127.0.0.1:%s"}]}', name, refused)
   return wrk.format("POST", "/api/v1/automation-connections", headers, body)
end
