-- sign-in.lua: the trusted-sign-in case of protected-paths.sh, for wrk.
--
--   wrk ... -s sign-in.lua http://127.0.0.1:PORT -- CONTEXT USER TRUST_COOKIE
--
-- Each sign-in is two requests, made by whichever connection of the thread is free next:
--   1. POST CONTEXT/login (USER, password "bench") with the trust cookie and no session: the application's form
--      login makes a new session and answers 303 to CONTEXT/hello;
--   2. GET CONTEXT/hello with that new session and the trust cookie: the first page after the sign-in, where
--      the library applies its login policy (the trust cookie lets the user in without a code): 200.
-- Every other answer (a 303 to the challenge, an error) is counted as wrong and reported at the end, so a run
-- that did not do what it claims cannot pass for a fast one.

local context, user, trust
local fresh = {}          -- sessions signed in and not yet used (this thread's)
signins, pages, wrong = 0, 0, 0

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  context, user, trust = args[1], args[2], args[3]
  login = wrk.format("POST", context .. "/login",
    { ["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = trust },
    "username=" .. user .. "&password=bench")
end

function request()
  local session = table.remove(fresh)
  if session then
    return wrk.format("GET", context .. "/hello", { ["Cookie"] = session .. "; " .. trust })
  end
  return login
end

local function header(headers, name)
  for k, v in pairs(headers) do
    if string.lower(k) == name then return v end
  end
  return nil
end

function response(status, headers, body)
  if status == 200 and body == "ok " .. user .. "\n" then
    pages = pages + 1
    return
  end
  local location = header(headers, "location")
  local cookie = header(headers, "set-cookie")
  local session = cookie and string.match(cookie, "JSESSIONID=[^;]+")
  if status == 303 and location and string.match(location, "/hello$") and session then
    signins = signins + 1
    table.insert(fresh, session)
    return
  end
  wrong = wrong + 1
end

function done(summary, latency, requests)
  local s, p, w = 0, 0, 0
  for _, t in ipairs(threads) do
    s = s + t:get("signins")
    p = p + t:get("pages")
    w = w + t:get("wrong")
  end
  io.write(string.format("sign-ins: %d logins, %d first pages, %d wrong answers\n", s, p, w))
end
