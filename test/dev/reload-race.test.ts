/**
 * A reload sent while a page is still loading (its event stream not yet open) is not lost: the
 * page says which site version it was served at, and the server replays the reload on connect.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import { DevServer } from '../../src/dev/server.js';

let server: DevServer;
const files = new Map<string, Buffer>([['p/a.html', Buffer.from('<!doctype html><html><body><p>A</p></body></html>')]]);

/** The first events a fresh stream gets (up to the initial problem/fixed event). */
function firstEvents(port: number, query: string): Promise<string> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1', () => s.write(`GET /__flowbook/events?${query} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`));
    let text = '';
    s.on('data', (c) => {
      text += c.toString();
      if (/event: (fixed|problem)[\s\S]*\n\n/.test(text)) {
        setTimeout(() => {
          s.destroy();
          resolve(text);
        }, 50);
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
