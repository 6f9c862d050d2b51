-- Drives the alignment-terms language server from headless Neovim 0.7+, through
-- Neovim's own LSP client (start_client + buf_attach_client: vim.lsp.start and `nvim -l`
-- only arrived in 0.8/0.9). Run as
--   nvim --headless -u NONE -i NONE -n -c "luafile driver.lua"
-- with NODE, SERVER (dist/server.js), DOC (a draft to open), TERM_TEXT (the ambiguous use
-- to act on) and OUT (where the JSON result goes). It records what the client saw
-- (diagnostics, the hover, the code actions, the buffer after the preferred fix and the
-- diagnostics after that) and leaves the judging to test/neovim/run.mjs; it fails early
-- only when a step it depends on never happens.
local node, server, doc, out, term_text =
  os.getenv('NODE'), os.getenv('SERVER'), os.getenv('DOC'), os.getenv('OUT'), os.getenv('TERM_TEXT')
local result = { ok = false, steps = {} }
local WAIT = 20000

local function step(name) table.insert(result.steps, name) end

local function finish(code)
  local f = assert(io.open(out, 'w'))
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd(code == 0 and 'qall!' or ('cquit ' .. code))
end

-- Our diagnostics in the buffer, with the text each one covers.
local function ours(bufnr)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.source == 'alignment-terms' then
      local line = vim.api.nvim_buf_get_lines(bufnr, d.lnum, d.lnum + 1, false)[1] or ''
      local code = d.user_data and d.user_data.lsp and d.user_data.lsp.code
      table.insert(list, {
        line = d.lnum, col = d.col, text = line:sub(d.col + 1, d.end_col),
        message = d.message, severity = d.severity, code = code,
      })
    end
  end
  table.sort(list, function(a, b) return a.line < b.line or (a.line == b.line and a.col < b.col) end)
  return list
end

local client_id
local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(doc))
  vim.bo.filetype = 'markdown'
  local bufnr = vim.api.nvim_get_current_buf()
  client_id = vim.lsp.start_client({
    name = 'alignment-terms',
    cmd = { node, server, '--stdio' },
    root_dir = vim.fn.fnamemodify(doc, ':p:h'),
  })
  assert(client_id, 'vim.lsp.start_client returned nothing')
  vim.lsp.buf_attach_client(bufnr, client_id)
  -- A client that is gone has exited: stop waiting then, and say so.
  assert(vim.wait(WAIT, function()
    local c = vim.lsp.get_client_by_id(client_id)
    return c == nil or c.initialized
  end, 50), 'the server did not finish initialize within 20 s')
  assert(vim.lsp.get_client_by_id(client_id), 'the server exited before it finished initialize: ' .. table.concat({ node, server, '--stdio' }, ' '))
  step('initialized')
  local client = vim.lsp.get_client_by_id(client_id)

  assert(vim.wait(WAIT, function() return #ours(bufnr) > 0 end, 50), 'no alignment-terms diagnostics within 20 s')
  -- The server may publish twice while the document settles; give it a moment to do so.
  vim.wait(300)
  result.diagnostics = ours(bufnr)
  step('diagnostics')

  local target
  for _, d in ipairs(result.diagnostics) do
    if d.text == term_text then target = d break end
  end
  assert(target, 'no diagnostic covers "' .. term_text .. '"')
  local uri = vim.uri_from_bufnr(bufnr)
  local pos = { line = target.line, character = target.col + 2 }

  local hover = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', { textDocument = { uri = uri }, position = pos }, WAIT)
  result.hover = hover and hover[client_id] and hover[client_id].result
  step('hover')

  local line_diags = vim.lsp.diagnostic.get_line_diagnostics(bufnr, target.line)
  local actions = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', {
    textDocument = { uri = uri },
    range = { start = pos, ['end'] = pos },
    context = { diagnostics = line_diags, only = { 'quickfix' } },
  }, WAIT)
  actions = actions and actions[client_id] and actions[client_id].result or {}
  result.code_actions = vim.tbl_map(function(a) return { title = a.title, kind = a.kind, isPreferred = a.isPreferred or false } end, actions)
  step('code actions')

  local preferred
  for _, a in ipairs(actions) do
    if a.isPreferred then preferred = a break end
  end
  assert(preferred and preferred.edit, 'no preferred quick fix with an edit')
  result.applied = preferred.title
  local before = #result.diagnostics
  vim.lsp.util.apply_workspace_edit(preferred.edit, client.offset_encoding or 'utf-16')
  result.after_fix = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
  step('fix applied')

  -- The edit reaches the server as didChange; wait for it to publish the shorter list.
  vim.wait(WAIT, function() return #ours(bufnr) < before end, 50)
  vim.wait(300)
  result.diagnostics_after = ours(bufnr)
  step('diagnostics after')
  result.ok = true
end)
if not ok then result.error = tostring(err) end
-- Stop the server and wait for it, so no language server outlives this Neovim.
if client_id then
  vim.lsp.stop_client(client_id)
  vim.wait(5000, function()
    local c = vim.lsp.get_client_by_id(client_id)
    return c == nil or c.is_stopped()
  end, 50)
end
finish(ok and 0 or 1)
