#!/usr/bin/env node
// The `cckm-token` command: the built module (run `pnpm build` first). A file outside dist/, so that
// installing a package that depends on the server can link the command before anything is built.
import '../dist/mint-token.js';
