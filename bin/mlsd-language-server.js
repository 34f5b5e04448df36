#!/usr/bin/env -S node --expose-gc --compact-on-every-full-gc --max-semi-space-size=1
// The flags: server/src/lsp/launchFlags.ts. `env -S` splits them (coreutils 8.30+, macOS, BSD); npm's
// Windows shims read them from this line too. `node bin/mlsd-language-server.js` runs without them.
require('../dist/server.js');
