-- Neovim 0.7 (Debian) against `node dist/server.js --stdio`: the server must push diagnostics (0.7 has no pull
-- diagnostics) and answer hover. Run by test/e2e/run.mjs as
--   nvim --headless --clean -c "luafile test/e2e/nvim/smoke.lua"   with PEFT_LENS_FILE and PEFT_LENS_HOVER=line:col
-- Prints one "ok <what>" / "not ok <what>" line per check; exits non-zero when any check fails.
local function out(s) io.stdout:write(s .. "\n") end
local file = assert(os.getenv("PEFT_LENS_FILE"), "PEFT_LENS_FILE not set")
local server = os.getenv("PEFT_LENS_SERVER") or (vim.fn.getcwd() .. "/dist/server.js")
local hover_line, hover_col = (os.getenv("PEFT_LENS_HOVER") or "1:0"):match("(%d+):(%d+)")
local failed = 0
local function check(ok, what, detail)
  if not ok then failed = failed + 1 end
  out(string.format("%s %s%s", ok and "ok" or "not ok", what, detail and (": " .. detail) or ""))
end

local started = vim.loop.hrtime()
local id = vim.lsp.start_client({
  name = "peft-lens",
  cmd = { "node", server, "--stdio" },
  root_dir = vim.fn.fnamemodify(file, ":h"),
  settings = { peftLens = {} },
})
check(id ~= nil, "client started")
vim.cmd("edit " .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
-- The filetype becomes the languageId of didOpen; set it before attaching.
vim.bo[buf].filetype = file:match("%.json$") and "json" or "yaml"
vim.lsp.buf_attach_client(buf, id)

local arrived = vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 20)
local ms = (vim.loop.hrtime() - started) / 1e6
local diags = vim.diagnostic.get(buf)
check(arrived, "diagnostics pushed", string.format("%d after %.0f ms", #diags, ms))
for _, d in ipairs(diags) do
  out(string.format("  %d:%d [%s] %s (%s)", d.lnum + 1, d.col + 1, d.severity, d.message, tostring(d.source)))
end
local expected_code = os.getenv("PEFT_LENS_EXPECT_CODE")
if expected_code then
  local found = false
  for _, d in ipairs(diags) do
    local code = d.user_data and d.user_data.lsp and d.user_data.lsp.code
    if code == expected_code then found = true end
  end
  check(found, "diagnostic " .. expected_code)
end

local res = vim.lsp.buf_request_sync(buf, "textDocument/hover", {
  textDocument = { uri = vim.uri_from_bufnr(buf) },
  position = { line = tonumber(hover_line), character = tonumber(hover_col) },
}, 10000)
local hover
for _, r in pairs(res or {}) do
  if r.result and r.result.contents then
    local c = r.result.contents
    hover = type(c) == "table" and (c.value or vim.fn.json_encode(c)) or tostring(c)
  end
end
check(hover ~= nil and #hover > 0, "hover answered", hover and hover:sub(1, 160):gsub("\n", " ") or "nothing")
local expect_hover = os.getenv("PEFT_LENS_EXPECT_HOVER")
if expect_hover then
  check(hover ~= nil and hover:find(expect_hover, 1, true) ~= nil, "hover mentions " .. expect_hover)
end

vim.lsp.stop_client(id)
vim.cmd(failed == 0 and "qa!" or "cq!")
