/** `flowbook dev [root] [--port N] [--host H] [--drafts] [--today YYYY-MM-DD] [--open]` */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { EXIT_OK, UsageError, UserError } from '../errors.js';
import { commandLanguage } from '../language.js';
import { todayOption } from '../options.js';
import type { Terminal } from '../terminal.js';
import { say } from '../messages.js';
import { words } from '../words.js';

interface DevFlags {
  port?: string;
  host?: string;
  drafts?: boolean;
  today?: string;
  open?: boolean;
}

function openBrowser(url: string): void {
  const [cmd, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No opener: the URL is printed anyway.
  }
}

export function registerDev(program: Command, term: Terminal, done: (code: number) => void): void {
  program
    .command('dev')
    .description('serve the handbook with live preview: rebuild and reload the browser on every save')
    .argument('[root]', 'handbook folder (holds flowbook.yml and processes/)', '.')
    .option('--port <n>', 'port (default 4000; the next free one if taken)')
    .option('--host <host>', 'address to listen on (default 127.0.0.1: this computer only)')
    .option('--drafts', 'show draft processes too (marked as drafts)')
    .option('--today <date>', 'the date for review reminders (YYYY-MM-DD); default: the clock')
    .option('--open', 'open the site in the default browser')
    .action(async (root: string, opts: DevFlags) => {
      // Without --today, the date is read again at every rebuild: a preview left running overnight
      // shows tomorrow's review reminders after the next save.
      const today = opts.today === undefined ? () => todayOption(undefined) : todayOption(opts.today);
      let port = 4000;
      if (opts.port !== undefined) {
        if (!/^\d+$/.test(opts.port) || Number(opts.port) > 65535) throw new UsageError(words(`--port must be a number from 0 to 65535, not "${opts.port}".`, `--port 必须是 0 到 65535 之间的数字，不能是 "${opts.port}"。`));
        port = Number(opts.port);
      }
      const host = opts.host ?? '127.0.0.1';
      const abs = path.resolve(root);
      const [{ startDev }, { isLoopback }] = await Promise.all([import('../../dev/index.js'), import('../../dev/server.js')]);
      if (!existsSync(abs)) throw new UserError(words(`the handbook folder ${abs} does not exist.`, `手册文件夹 ${abs} 不存在。`));
      if (!isLoopback(host)) {
        const warning = words(
          `warning: listening on ${host}: anyone who can reach this computer on the network can read the handbook. Use the default (127.0.0.1) to keep it to this computer.`,
          `警告：正在 ${host} 上监听，网络上凡是能访问这台计算机的人都能阅读手册。使用默认地址（127.0.0.1）可只允许本机访问。`,
        );
        term.err(warning[await commandLanguage(abs, term.language)] + '\n');
      }
      let dev;
      try {
        dev = await startDev({ root: abs, today, drafts: opts.drafts, host, port, color: term.color, log: term.out, logError: term.err });
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE') throw new UserError(words(`port ${port} and the ports after it are taken; choose another with --port.`, `端口 ${port} 及其后的端口都已被占用；请用 --port 另选一个端口。`));
        if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new UserError(words(`cannot listen on ${host}: no such address on this computer.`, `无法在 ${host} 上监听：这台计算机没有这个地址。`));
        if (code === 'EACCES') throw new UserError(words(`not allowed to listen on port ${port}; choose a port above 1024 with --port.`, `没有权限监听端口 ${port}；请用 --port 选择 1024 以上的端口。`));
        throw e;
      }
      const lang = dev.language();
      if (port !== 0 && dev.port !== port) term.out(say(lang, 'devPortTaken', { port, used: dev.port }) + '\n');
      // The current folder by its path: "预览 ." reads as a stray dot.
      term.out(say(lang, 'devServing', { root: path.relative(process.cwd(), abs) || abs, url: dev.url }) + '\n');
      if (opts.open) openBrowser(dev.url);
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void dev.close().finally(resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      done(EXIT_OK);
    });
}
