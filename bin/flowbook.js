#!/usr/bin/env node
'use strict';
// The flowbook command. `npm install` (the prepare script) compiles src/ to dist/ and bundles the
// command line's start-up (src/cli/main.ts with every command's registration) into
// dist/cli/flowbook.cjs; each command's own code is loaded from dist/ when it runs.
// CommonJS (bin/package.json), as the start-up bundle is: `--version` and `--help` are answered
// without starting the ES module loader.
const { existsSync, readFileSync } = require('node:fs');
const path = require('node:path');

// Output whose reader has gone (`flowbook build | head -1`) is dropped: the command still finishes
// its work and exits with its own code, with no stack trace about a closed pipe.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') throw e;
  });
}

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
  process.stdout.write(`${JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')).version}\n`);
  return;
}

const main = path.join(__dirname, '..', 'dist', 'cli', 'flowbook.cjs');
if (!existsSync(main)) {
  console.error('flowbook: the compiled program (dist/) is missing. Run "npm install" (or "npm run build:ts") in the flowbook folder first.');
  process.exitCode = 2;
  return;
}
// Node 22.1 and later keep compiled code between runs (in the system's temporary folder): every
// command then starts faster. Node 20 has no such cache.
require('node:module').enableCompileCache?.();
require(main)
  .run(process.argv)
  .then((code) => {
    process.exitCode = code;
  });
