-- Headless Neovim 0.7 as an LSP client of mlsd-language-server (driven by neovim.test.ts).
-- Opens a design doc, waits for the server's diagnostics, edits the buffer (incremental sync),
-- asks for a hover, then opens a README that must stay free of diagnostics (after the server has
-- answered a request about it, so it did see the README). Writes JSON to MLSD_OUT.
local server = assert(os.getenv('MLSD_SERVER'), 'MLSD_SERVER not set')
local doc = assert(os.getenv('MLSD_DOC'), 'MLSD_DOC not set')
local readme = assert(os.getenv('MLSD_README'), 'MLSD_README not set')
local out = assert(os.getenv('MLSD_OUT'), 'MLSD_OUT not set')
local result = { steps = {} }

local function snapshot(bufnr)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(list, { lnum = d.lnum, message = d.message, code = lsp.code or d.code, source = d.source })
  end
  return list
end

local function finish()
  vim.fn.writefile({ vim.fn.json_encode(result) }, out)
  vim.cmd('qall!')
end

local ok, err = pcall(function()
  local client_id = vim.lsp.start_client({
    name = 'mlsd',
    cmd = { 'node', server, '--stdio' },
    root_dir = vim.fn.fnamemodify(doc, ':h:h'),
  })
  assert(client_id, 'start_client failed')

  vim.cmd('edit ' .. vim.fn.fnameescape(doc))
  local doc_buf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(doc_buf, client_id)
  result.steps.attached = vim.wait(10000, function() return #vim.diagnostic.get(doc_buf) > 0 end, 20)
  result.initial = snapshot(doc_buf)

  -- Append a serving section with a latency budget: the finding about the missing serving step (which
  -- stands for its latency budget too) must go away, and no latency-budget finding may take its place.
  local count = vim.api.nvim_buf_line_count(doc_buf)
  vim.api.nvim_buf_set_lines(doc_buf, count, count, false, {
    '', '## Deployment and serving', '',
    'Online prediction behind a gRPC service with a p99 < 120 ms latency budget end to end,',
    'of which the feature lookup takes 30 ms and the model 50 ms.',
  })
  result.steps.edited = vim.wait(10000, function()
    for _, d in ipairs(snapshot(doc_buf)) do
      if d.code == 'latency-budget' then return false end
      if d.code == 'missing-step' and d.message:find('Deployment and serving', 1, true) then return false end
    end
    return true
  end, 20)
  result.after_edit = snapshot(doc_buf)

  local lines = vim.api.nvim_buf_get_lines(doc_buf, 0, -1, false)
  local heading_line = 0
  for i, line in ipairs(lines) do
    if line == '## Evaluation' then heading_line = i - 1 end
  end
  local responses = vim.lsp.buf_request_sync(doc_buf, 'textDocument/hover', {
    textDocument = { uri = vim.uri_from_bufnr(doc_buf) },
    position = { line = heading_line, character = 4 },
  }, 5000)
  for _, response in pairs(responses or {}) do
    if response.result and response.result.contents then result.hover = response.result.contents.value end
  end

  vim.cmd('edit ' .. vim.fn.fnameescape(readme))
  local readme_buf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(readme_buf, client_id)
  -- The server answers mlsd/diagrams for any Markdown file it has open (design doc or not), after
  -- analysing it, and publishes the analysis's diagnostics before answering: once the answer is
  -- here, any diagnostics for the README would be too.
  local diagrams = vim.lsp.buf_request_sync(readme_buf, 'mlsd/diagrams', { uri = vim.uri_from_bufnr(readme_buf) }, 5000)
  for _, response in pairs(diagrams or {}) do
    if type(response.result) == 'table' then result.readme_diagrams = #response.result end
  end
  result.readme = snapshot(readme_buf)

  vim.lsp.stop_client(client_id)
end)
if not ok then result.error = tostring(err) end
finish()
