// The Node flags the language server is started with. Every launcher passes them: the VS Code
// client (execArgv), bin/mlsd-language-server.js (its shebang; test/lsp/heapReclaimer.test.ts checks
// that the two agree) and scripts/bench-lsp.ts. Started without them (`node dist/server.js`), the
// server works the same, with more memory after a burst of linting (docs/perf.md has the figures).
//  --expose-gc                  gives the heap reclaimer (heapReclaimer.ts) a full collection to run
//                               once the server goes quiet after a burst of linting.
//  --compact-on-every-full-gc   makes a full collection compact the heap, so the pages it empties
//                               can be given back to the OS; without it a full collection frees the
//                               garbage but moves objects only off the most fragmented pages.
//  --max-semi-space-size=1      keeps V8's young generation at 1 MB per semi-space: V8 grows it
//                               during a burst of parsing and rarely shrinks it again, so up to
//                               3 x 16 MB would stay resident. Worker threads set their own limits
//                               (resourceLimits).
export const SERVER_NODE_FLAGS: readonly string[] = ['--expose-gc', '--compact-on-every-full-gc', '--max-semi-space-size=1'];
