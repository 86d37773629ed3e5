/**
 * The dev server over HTTP: only the site's files, never anything outside (traversal attempts get
 * 400/404), loopback by default, content types and nosniff, and it survives garbage documents.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { startDev, type DevHandle } from '../../src/dev/index.js';
import { sitePathOf } from '../../src/dev/server.js';
import { copyHandbook, FIXTURE, removeDir, TODAY } from './helpers.js';

const SECRET = 'TOP-SECRET-4c1d';
let dir: string;
let dev: DevHandle;
const logs: string[] = [];

/** A raw HTTP/1.1 request (no client-side path normalisation); status 0 when the server hung up. */
function raw(port: number, target: string, host = `127.0.0.1:${port}`): Promise<{ status: number; headers: string; body: string }> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    s.setTimeout(5000, () => s.destroy());
    s.on('connect', () => s.write(`GET ${target} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`));
    s.on('data', (c) => chunks.push(c));
    const done = () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const m = /^HTTP\/1\.1 (\d{3})/.exec(text);
      const cut = text.indexOf('\r\n\r\n');
      resolve({ status: m ? Number(m[1]) : 0, headers: text.slice(0, cut), body: text.slice(cut + 4) });
    };
    s.on('close', done);
    s.on('error', () => undefined);
  });
}

async function until(cond: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

beforeAll(async () => {
  dir = await copyHandbook(FIXTURE);
  // Files next to the site that must never be served.
  await writeFile(path.join(dir, 'secret.txt'), SECRET);
  await mkdir(path.join(dir, 'site'), { recursive: true });
  await writeFile(path.join(dir, 'site', 'secret.html'), SECRET);
  dev = await startDev({ root: dir, today: TODAY, port: 0, searchDelay: 20, log: (s) => logs.push(s), logError: (s) => logs.push(s) });
});

afterAll(async () => {
  await dev?.close();
  await removeDir(dir);
});

describe('dev server HTTP', () => {
  it('listens on 127.0.0.1 by default and serves the site with types and nosniff', async () => {
    expect(dev.host).toBe('127.0.0.1');
    expect(dev.url).toBe(`http://127.0.0.1:${dev.port}/`);
    const home = await raw(dev.port, '/');
    expect(home.status).toBe(200);
    expect(home.headers).toMatch(/content-type: text\/html; charset=utf-8/i);
    expect(home.headers).toMatch(/x-content-type-options: nosniff/i);
    expect(home.body).toContain('/__flowbook/events');
    const css = await raw(dev.port, '/assets/site.css');
    expect(css.headers).toMatch(/content-type: text\/css; charset=utf-8/i);
    expect((await raw(dev.port, '/p/FX-001.mmd')).headers).toMatch(/content-type: text\/plain; charset=utf-8/i);
    expect((await raw(dev.port, '/p/FX-001.html')).status).toBe(200);
    expect((await raw(dev.port, '/p/NOPE.html')).status).toBe(404);
    expect((await raw(dev.port, '/p/')).status).toBe(404); // no directory listings
  });

  it('refuses traversal, encoded separators, NUL, backslashes and absolute paths', async () => {
    const attempts = [
      '/../secret.txt',
      '/../../etc/passwd',
      '/%2e%2e/secret.txt',
      '/%2E%2E/%2E%2E/etc/passwd',
      '/p/%2e%2e/%2e%2e/secret.txt',
      '/p%2F..%2F..%2Fsecret.txt',
      '/..%2fsecret.txt',
      '/..%5csecret.txt',
      '/..\\secret.txt',
      '/%5c..%5csecret.txt',
      '/index.html%00.css',
      '/%00',
      '//etc/passwd',
      '/C:/Windows/win.ini',
      '/%2fetc%2fpasswd',
      '/./index.html',
      '/secret.txt',
      '/site/secret.html',
      '/secret.html',
      '/%252e%252e/secret.txt',
      'http://example.com/../secret.txt',
      '*',
    ];
    for (const a of attempts) {
      const r = await raw(dev.port, a);
      expect([0, 400, 404], `${a} -> ${r.status}`).toContain(r.status);
      expect(r.body).not.toContain(SECRET);
    }
    expect(sitePathOf('/%2e%2e/x')).toEqual({ status: 400 });
    expect(sitePathOf('/a/b/')).toEqual({ path: 'a/b/index.html' });
    expect(sitePathOf('/role/%E4%BA%BA.html')).toEqual({ path: 'role/人.html' });
  });

  it('answers only GET/HEAD, only loopback host names, and streams events', async () => {
    const bad = await raw(dev.port, '/', 'attacker.example');
    expect(bad.status).toBe(403);
    const sse = await new Promise<string>((resolve) => {
      const s = net.connect(dev.port, '127.0.0.1', () => s.write(`GET /__flowbook/events HTTP/1.1\r\nHost: localhost:${dev.port}\r\n\r\n`));
      let text = '';
      s.on('data', (c) => {
        text += c.toString();
        if (text.includes('retry:')) {
          s.destroy();
          resolve(text);
        }
      });
    });
    expect(sse).toMatch(/content-type: text\/event-stream/i);
    const post = await new Promise<number>((resolve) => {
      const s = net.connect(dev.port, '127.0.0.1', () => s.write(`POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`));
      let text = '';
      s.on('data', (c) => (text += c.toString()));
      s.on('close', () => resolve(Number(/^HTTP\/1\.1 (\d+)/.exec(text)?.[1] ?? 0)));
    });
    expect(post).toBe(405);
  });

  it('survives garbage documents, shows the errors, and recovers', async () => {
    const file = path.join(dir, 'processes', 'a-leave.md');
    const good = await readFile(file, 'utf8');
    const garbage = [
      Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x80, 0x81, 0x0a]),
      '---\n' + 'a: &a [' + '*a, '.repeat(2000) + ']\n---\n',
      '---\nname: [unclosed\n',
      '---\n---\n',
      '',
      '---\n' + 'x'.repeat(200_000) + '\n---\n',
      '---\nname: x\ncode: FX-001\nstatus: controlled\nsteps: 12\nroles: {}\n---\n<script>alert(1)</script>',
    ];
    for (const g of garbage) {
      await writeFile(file, g);
      await until(() => dev.problem() !== undefined);
      const r = await raw(dev.port, '/p/FX-001.html');
      expect(r.status).toBe(200);
      expect(r.body).toContain('flowbook-dev-overlay');
      expect(r.body).not.toContain('<script>alert(1)</script>');
      await writeFile(file, good);
      await until(() => dev.problem() === undefined);
    }
    await dev.settled();
    expect((await raw(dev.port, '/')).status).toBe(200);
    // A document that vanishes and a folder of junk do not stop it either.
    await mkdir(path.join(dir, 'processes', 'junk', 'deeper'), { recursive: true });
    await writeFile(path.join(dir, 'processes', 'junk', 'deeper', 'x.md~'), 'junk');
    await writeFile(path.join(dir, 'processes', 'junk', '.#x.md'), 'junk');
    await rm(path.join(dir, 'processes', 'junk'), { recursive: true });
    await dev.settled();
    expect((await raw(dev.port, '/p/FX-001.html')).status).toBe(200);
  });

  it('tries the next port when the asked one is taken', async () => {
    const other = await startDev({ root: dir, today: TODAY, port: dev.port, log: () => undefined, logError: () => undefined });
    try {
      expect(other.port).toBeGreaterThan(dev.port);
      expect((await raw(other.port, '/')).status).toBe(200);
    } finally {
      await other.close();
    }
  });
});
