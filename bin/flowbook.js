#!/usr/bin/env node
// The flowbook command. The TypeScript sources are compiled to dist/ by `npm install` (the prepare script).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// The version alone needs none of the program: answered before it loads (start-up time).
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
  console.log(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version);
  process.exit(0);
}

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  console.error('flowbook: the compiled program (dist/) is missing. Run "npm install" (or "npm run build:ts") in the flowbook folder first.');
  process.exit(2);
}
const { run } = await import(main.href);
process.exitCode = await run(process.argv);
