#!/usr/bin/env -S node --max-old-space-size=128
// The `cckm-server` command: the built module (run `pnpm build` first). A file outside dist/, so that
// installing a package that depends on the server can link the command before anything is built.
// The old generation is capped at 128 MB (decisions/0102): uncapped, V8 grows the heap lazily
// under load and RSS keeps rising; run `node --max-old-space-size=N dist/main.js` for another cap.
import '../dist/main.js';
