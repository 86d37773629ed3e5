/**
 * A reload sent while a page is still loading (its event stream not yet open) is not lost: the
 * page says which site version it was served at, and the server replays the reload on connect.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import { DevServer } from '../../src/dev/server.js';

let server: DevServer;
const files = new Map<string, Buffer>([['p/a.html', Buffer.from('<!doctype html><html><body><p>A</p></body></html>')]]);

let markers = 0;

/**
 * The events a fresh stream gets when it opens. The server writes them in one go and then adds the
 * stream to its clients, so an event broadcast once the first of them has arrived comes after all
 * of them: read up to that marker (no waiting for a guessed time).
 */
function firstEvents(port: number, query: string): Promise<string> {
  return new Promise((resolve) => {
    const marker = `first-events-end-${++markers}`;
    const s = net.connect(port, '127.0.0.1', () => s.write(`GET /__flowbook/events?${query} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`));
    let text = '';
    let marked = false;
    s.on('data', (c) => {
      text += c.toString();
      if (!marked && /event: (fixed|problem)/.test(text)) {
        marked = true;
        server.broadcast('fixed', { marker });
      }
      const end = text.indexOf(marker);
      if (end >= 0) {
        s.destroy();
        resolve(text.slice(0, text.lastIndexOf('event: fixed', end)));
      }
    });
  });
}

async function servedVersion(port: number): Promise<number> {
  const html = await (await fetch(`http://127.0.0.1:${port}/p/a.html`)).text();
  return Number(/\?v='\+(\d+)\+/.exec(html)![1]);
}

beforeAll(async () => {
  server = new DevServer({ host: '127.0.0.1', port: 0, files: () => files, problem: () => undefined });
  await server.listen();
});
afterAll(async () => server.close());

describe('live reload', () => {
  it('replays a reload the page missed while connecting, and only then', async () => {
    const v = await servedVersion(server.port);
    server.broadcast('reload', { paths: ['p/a.html'] }); // nobody listening yet
    expect(await firstEvents(server.port, `v=${v}&p=p%2Fa.html`)).toContain('event: reload');
    const now = await servedVersion(server.port);
    expect(now).toBeGreaterThan(v);
    expect(await firstEvents(server.port, `v=${now}&p=p%2Fa.html`)).not.toContain('event: reload');
    // A change to another page does not reload this one.
    server.broadcast('reload', { paths: ['p/b.html'] });
    expect(await firstEvents(server.port, `v=${now}&p=p%2Fa.html`)).not.toContain('event: reload');
    // A change to everything does.
    server.broadcast('reload', { paths: [], all: true });
    expect(await firstEvents(server.port, `v=${now}&p=p%2Fa.html`)).toContain('event: reload');
  });
});

describe('waiting for reloaded pages', () => {
  /** An open page: its event stream stays open until `close`. */
  function openStream(port: number, page: string): Promise<() => void> {
    return new Promise((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => s.write(`GET /__flowbook/events?v=0&p=${encodeURIComponent(page)} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`));
      s.once('data', () => resolve(() => s.destroy()));
    });
  }

  it('resolves when the open page has fetched itself again, not before', async () => {
    const close = await openStream(server.port, 'p/a.html');
    try {
      let done = false;
      const waiting = server.fetched(['p/a.html'], 5_000).then(() => (done = true));
      // A request the server has answered (another page) does not count as this page's.
      await (await fetch(`http://127.0.0.1:${server.port}/p/other.html`)).text();
      expect(done).toBe(false);
      await (await fetch(`http://127.0.0.1:${server.port}/p/a.html`)).text();
      await waiting;
      expect(done).toBe(true);
    } finally {
      close();
    }
  });

  it('does not wait for pages nobody has open, and gives up after its time limit', async () => {
    const t0 = performance.now();
    await server.fetched(['p/nobody.html'], 5_000);
    expect(performance.now() - t0).toBeLessThan(1_000);
    const close = await openStream(server.port, 'p/a.html');
    try {
      const t1 = performance.now();
      await server.fetched(['p/a.html'], 150);
      expect(performance.now() - t1).toBeGreaterThanOrEqual(140);
    } finally {
      close();
    }
  });
});
