/** Command-line wiring only: each command lives in its own file under commands/. */
import { Command, CommanderError } from 'commander';
import { createRequire } from 'node:module';
import { EXIT_OK, EXIT_USAGE, handleError } from './errors.js';
import { commanderErrorWords } from './commander-words.js';
import { commandLanguage } from './language.js';
import { inLanguage } from './words.js';
import { detectTerminal } from './terminal.js';
import { registerCheck } from './commands/check.js';
import { registerBuild } from './commands/build.js';
import { registerInit } from './commands/init.js';
import { registerNew } from './commands/new.js';
import { registerReview } from './commands/review.js';
import { registerPrint } from './commands/print.js';
import { registerMermaid } from './commands/mermaid.js';
import { registerDiagram } from './commands/diagram.js';
import { registerDev } from './commands/dev.js';
import { registerExport } from './commands/export.js';
import { registerImport } from './commands/import.js';
import { registerApprove } from './commands/approve.js';
import { registerAudit } from './commands/audit.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

export async function run(argv: readonly string[]): Promise<number> {
  const term = detectTerminal();
  let exitCode = EXIT_OK;
  const done = (code: number) => {
    exitCode = code;
  };
  const program = new Command('flowbook')
    .description('Turn a folder of process documents into a published process handbook.')
    .version(version, '-v, --version')
    .exitOverride()
    // commander's own errors are printed below, in the handbook's language, not by commander.
    .configureOutput({ writeOut: term.out, writeErr: term.err, outputError: () => undefined })
    .showSuggestionAfterError(true)
    .addHelpText(
      'after',
      '\nEnvironment:\n' +
        "  FLOWBOOK_LANG=zh|en   the language of Flowbook's messages (default: the handbook's language)\n" +
        '  NO_COLOR=1            plain output without colours\n',
    );
  registerCheck(program, term, done);
  registerBuild(program, term, done);
  registerInit(program, term, done);
  registerNew(program, term, done);
  registerReview(program, term, done);
  registerPrint(program, term, done);
  registerMermaid(program, term, done);
  registerDiagram(program, term, done);
  registerDev(program, term, done);
  registerExport(program, term, done);
  registerImport(program, term, done);
  registerApprove(program, term, done);
  registerAudit(program, term, done);
  // The handbook a command works on (its [root] argument or --root), so that an error ending it is
  // told in that handbook's language. init's [dir] is not one yet: it speaks its --language.
  program.hook('preAction', (_program, command) => {
    const rootArgument = command.registeredArguments.findIndex((a) => a.name() === 'root');
    const root: unknown = rootArgument >= 0 ? command.processedArgs[rootArgument] : command.opts().root;
    if (typeof root === 'string') term.handbook = root;
  });
  try {
    if (argv.length <= 2) {
      program.outputHelp();
      return EXIT_USAGE;
    }
    await program.parseAsync(argv as string[]);
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version have printed what was asked, and exit 0.
      if (e.exitCode === 0) return EXIT_OK;
      const language = await commandLanguage(term.handbook ?? '.', term.language);
      term.err(inLanguage(commanderErrorWords(e.code, e.message), language) + '\n');
      return EXIT_USAGE;
    }
    // Told in the handbook's language: the one the command named, else the current folder's.
    return handleError(e, term.err, await commandLanguage(term.handbook ?? '.', term.language));
  }
}
