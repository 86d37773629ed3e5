/** `flowbook build [root]`: check, then write the site. */
import type { Command } from 'commander';
import { loadHandbook } from '../../load.js';
import { formatText } from '../../diagnostics/format.js';
import { EXIT_OK, EXIT_PROBLEMS } from '../errors.js';
import { todayOption } from '../options.js';
import type { Terminal } from '../terminal.js';

export function registerBuild(program: Command, term: Terminal, done: (code: number) => void): void {
  program
    .command('build')
    .description('check the handbook and build the website')
    .argument('[root]', 'handbook folder', '.')
    .option('--strict', 'treat warnings as errors')
    .option('--today <date>', 'the build date (YYYY-MM-DD)')
    .action(async (root: string, opts: { strict?: boolean; today?: string }) => {
      const result = await loadHandbook(root, { today: todayOption(opts.today), strict: opts.strict });
      if (result.diagnostics.length) term.err(formatText(result.diagnostics, result.documentCount, { color: term.color }));
      done(result.handbook ? EXIT_OK : EXIT_PROBLEMS);
    });
}
