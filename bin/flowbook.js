#!/usr/bin/env node
// The flowbook command. The TypeScript sources are compiled to dist/ by `npm install` (the prepare script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  console.error('flowbook: the compiled program (dist/) is missing. Run "npm install" (or "npm run build:ts") in the flowbook folder first.');
  process.exit(2);
}
const { run } = await import(main.href);
process.exitCode = await run(process.argv);
