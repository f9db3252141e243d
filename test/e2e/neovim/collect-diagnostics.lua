-- Drives Neovim's built-in LSP client (0.7+) against the Policy Lint language server and
-- writes what the client received as JSON. Run by test/e2e/neovim.test.ts:
--   nvim --headless --clean -u NONE -c "luafile collect-diagnostics.lua"
-- Inputs come from the environment so that the test, not this script, holds the paths:
--   PL_NVIM_SERVER   absolute path of dist/server.js
--   PL_NVIM_NODE     node executable (default "node")
--   PL_NVIM_ROOT     workspace root
--   PL_NVIM_DOC      document to open
--   PL_NVIM_EXPECT   comma-separated rule ids to wait for in that document
--   PL_NVIM_FIX_LINE 1-based line whose code actions to request
--   PL_NVIM_FIX_TITLE title of the code action to apply there; then waits for that line's
--                    missing-label diagnostic to go
--   PL_NVIM_HOVER_LINE, PL_NVIM_HOVER_WORD  optional: request hover on that word of that line
--   PL_NVIM_TIMEOUT  milliseconds to wait for each state (default 20000)
--   PL_NVIM_OUT      where to write the JSON result
-- Neovim 0.7 (Debian bookworm) has vim.lsp.start_client but not vim.lsp.start, nor `nvim -l`.

local function env(name, default)
  local value = os.getenv(name)
  if value == nil or value == '' then
    if default ~= nil then return default end
    error('environment variable ' .. name .. ' is not set')
  end
  return value
end

local out_path = env('PL_NVIM_OUT')
local result = { events = {}, errors = {} }

local function log(event)
  table.insert(result.events, event)
end

local function write_and_quit(code)
  local file = io.open(out_path, 'w')
  if file then
    file:write(vim.json.encode(result))
    file:close()
  end
  vim.cmd((code == 0) and 'qall!' or ('cquit! ' .. code))
end

local function rule_of(d)
  if d.code ~= nil then return d.code end
  local lsp = d.user_data and d.user_data.lsp
  return lsp and lsp.code or vim.NIL
end

local function snapshot(buf)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(list, {
      line = d.lnum + 1,
      col = d.col + 1,
      code = rule_of(d),
      source = d.source or vim.NIL,
      severity = d.severity,
      message = d.message,
    })
  end
  table.sort(list, function(a, b)
    if a.line ~= b.line then return a.line < b.line end
    return tostring(a.code) < tostring(b.code)
  end)
  return list
end

local function codes_on(buf, line)
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if line == nil or d.lnum + 1 == line then found[tostring(rule_of(d))] = true end
  end
  return found
end

local function main()
  local server = env('PL_NVIM_SERVER')
  local root = env('PL_NVIM_ROOT')
  local doc = env('PL_NVIM_DOC')
  local timeout = tonumber(env('PL_NVIM_TIMEOUT', '20000'))
  local expected = vim.split(env('PL_NVIM_EXPECT', ''), ',', { trimempty = true })
  local fix_line = tonumber(env('PL_NVIM_FIX_LINE', '0'))
  local fix_title = env('PL_NVIM_FIX_TITLE', '')

  vim.cmd('edit ' .. vim.fn.fnameescape(doc))
  local buf = vim.api.nvim_get_current_buf()
  vim.bo[buf].filetype = 'markdown'

  local exited = nil
  local client_id = vim.lsp.start_client({
    name = 'policy-lint',
    cmd = { env('PL_NVIM_NODE', 'node'), server, '--stdio' },
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = vim.fn.fnamemodify(root, ':t') } },
    on_exit = function(code, signal)
      exited = { code = code, signal = signal }
    end,
  })
  if not client_id then error('vim.lsp.start_client returned nil: the server could not be started') end
  vim.lsp.buf_attach_client(buf, client_id)

  local initialised = vim.wait(timeout, function()
    local client = vim.lsp.get_client_by_id(client_id)
    return exited ~= nil or (client ~= nil and client.initialized == true)
  end, 20)
  if exited then error('the language server exited during start-up: ' .. vim.inspect(exited)) end
  if not initialised then error('the language server did not finish initialize within ' .. timeout .. ' ms') end
  local client = vim.lsp.get_client_by_id(client_id)
  result.capabilities = {
    codeAction = client.server_capabilities.codeActionProvider ~= nil,
    hover = client.server_capabilities.hoverProvider ~= nil,
  }

  local all_there = vim.wait(timeout, function()
    if exited then return true end
    local have = codes_on(buf, nil)
    for _, code in ipairs(expected) do
      if not have[code] then return false end
    end
    return #vim.diagnostic.get(buf) > 0
  end, 20)
  log({ step = 'initial', complete = all_there, diagnostics = snapshot(buf) })
  if exited then error('the language server exited: ' .. vim.inspect(exited)) end

  local hover_line = tonumber(env('PL_NVIM_HOVER_LINE', '0'))
  if hover_line > 0 then
    local text = vim.api.nvim_buf_get_lines(buf, hover_line - 1, hover_line, true)[1]
    local at = text:find(env('PL_NVIM_HOVER_WORD'), 1, true)
    if not at then error('hover word not found on line ' .. hover_line) end
    local responses = vim.lsp.buf_request_sync(buf, 'textDocument/hover', {
      textDocument = { uri = vim.uri_from_bufnr(buf) },
      position = { line = hover_line - 1, character = at },
    }, timeout) or {}
    local contents = {}
    for _, response in pairs(responses) do
      if response.err then error('hover failed: ' .. vim.inspect(response.err)) end
      if response.result then
        for _, l in ipairs(vim.lsp.util.convert_input_to_markdown_lines(response.result.contents)) do
          table.insert(contents, l)
        end
      end
    end
    log({ step = 'hover', line = hover_line, text = table.concat(contents, '\n') })
  end

  if fix_line > 0 then
    -- Ask for the code actions of the flagged clause, as `:lua vim.lsp.buf.code_action()` would.
    local line_text = vim.api.nvim_buf_get_lines(buf, fix_line - 1, fix_line, true)[1]
    local params = {
      textDocument = { uri = vim.uri_from_bufnr(buf) },
      range = { start = { line = fix_line - 1, character = 0 }, ['end'] = { line = fix_line - 1, character = #line_text } },
      context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buf, fix_line - 1) },
    }
    local responses = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, timeout) or {}
    local titles, chosen = {}, nil
    for _, response in pairs(responses) do
      if response.err then error('codeAction failed: ' .. vim.inspect(response.err)) end
      for _, action in ipairs(response.result or {}) do
        table.insert(titles, action.title)
        if chosen == nil and action.edit and action.title == fix_title then chosen = action end
      end
    end
    log({ step = 'codeActions', line = fix_line, titles = titles })
    if chosen then
      vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding or 'utf-16')
      local cleared = vim.wait(timeout, function()
        return exited ~= nil or not codes_on(buf, fix_line)['missing-label']
      end, 20)
      log({
        step = 'afterFix',
        applied = chosen.title,
        cleared = cleared,
        line_text = vim.api.nvim_buf_get_lines(buf, fix_line - 1, fix_line, true)[1],
        diagnostics = snapshot(buf),
      })
    end
  end

  vim.lsp.stop_client(client_id)
  vim.wait(2000, function() return exited ~= nil end, 20)
end

local ok, err = xpcall(main, debug.traceback)
if not ok then table.insert(result.errors, tostring(err)) end
write_and_quit(ok and 0 or 1)
