import { describe, expect, it } from 'vitest';
import { parseSettings } from '../../src/config/settings.js';
import { copyCheckData, copyCheckUrl, copyQr, printoutQr, qrSvg } from '../../src/control/qr.js';
import { processFromText } from '../../src/control/history-versions.js';
import { doc } from '../helpers/handbook.js';
import { decodeQrSvg } from './qr-decode.js';

const settingsOf = (text: string) => parseSettings(text);

describe('url: in flowbook.yml', () => {
  it('takes an http(s) address and drops the trailing slash', () => {
    expect(settingsOf('url: https://handbook.example.com/hr/\n').settings.url).toBe('https://handbook.example.com/hr');
    expect(settingsOf('url: http://intranet:8080\n').settings.url).toBe('http://intranet:8080');
    expect(settingsOf('title: x\n').settings.url).toBeUndefined();
  });

  it.each(['ftp://x.example', 'handbook.example.com', 'https://x.example/?a=1', 'https://x.example/#top', 'javascript:alert(1)', 'https://user:pw@x.example', 'https://exa mple.com'])(
    'refuses %s with the fix',
    (url) => {
      const { settings, diagnostics } = settingsOf(`url: "${url}"\n`);
      expect(settings.url).toBeUndefined();
      expect(diagnostics).toHaveLength(1);
      expect(diagnostics[0]!.code).toBe('invalid-settings');
      expect(diagnostics[0]!.message).toContain('url');
      expect(diagnostics[0]!.hint).toContain('url: https://');
      expect(diagnostics[0]!.line).toBe(1);
    },
  );
});

describe('QR codes', () => {
  const p = { code: 'HR-AT-003', version: 'B/0' };

  it('addresses the process page with the printed version and copy number', () => {
    expect(copyCheckUrl('https://h.example.com/hr', p, 3)).toBe('https://h.example.com/hr/p/HR-AT-003.html?v=B/0&copy=003');
    expect(copyCheckUrl('https://h.example.com/hr/', p)).toBe('https://h.example.com/hr/p/HR-AT-003.html?v=B/0');
    expect(copyCheckUrl('https://h.example.com', { code: '人事.001', version: 'A 1&x=#' }, 12)).toBe('https://h.example.com/p/%E4%BA%BA%E4%BA%8B.001.html?v=A%201%26x%3D%23&copy=012');
  });

  it('draws a QR code that decodes to that address, the same bytes every time', () => {
    const url = copyCheckUrl('https://handbook.example.com/hr', p, 3);
    const svg = qrSvg(url, { title: '<扫码>' });
    expect(svg).toBe(qrSvg(url, { title: '<扫码>' }));
    expect(svg).toContain('<title>&lt;扫码&gt;</title>');
    expect(decodeQrSvg(svg)).toBe(url);
  });

  it('holds a long address (long code and version)', () => {
    const url = copyCheckUrl('https://handbook.example.com/a/very/long/sub/path', { code: 'X'.repeat(100), version: '版本'.repeat(10) }, 999);
    expect(decodeQrSvg(qrSvg(url))).toBe(url);
  });

  it('is there only with url:', () => {
    const process = processFromText('processes/x.md', doc({ extra: 'version: A/1\n' }), settingsOf('').settings, new Map())!.process;
    expect(printoutQr(settingsOf('').settings, process)).toBe('');
    expect(copyQr(settingsOf('').settings, process, 1)).toBe('');
    const withUrl = settingsOf('url: https://h.example.com\n').settings;
    expect(decodeQrSvg(printoutQr(withUrl, process))).toBe('https://h.example.com/p/HR-AT-003.html?v=A/1');
    expect(decodeQrSvg(copyQr(withUrl, process, 7))).toBe('https://h.example.com/p/HR-AT-003.html?v=A/1&copy=007');
  });

  it('gives the page what the copy check needs: version, since when, who takes copies back, earlier versions', () => {
    const process = processFromText(
      'processes/x.md',
      doc({ extra: 'version: B/0\neffective: 2026-03-01\nrevisions:\n  - { version: A/0, date: 2024-01-01, change: 首次发布 }\n  - { version: A/1, date: 2025-01-01, change: 改 }\n  - { version: B/0, date: 2026-02-20, change: 改版 }\n' }),
      settingsOf('').settings,
      new Map(),
    )!.process;
    const d = copyCheckData(settingsOf('').settings, process);
    expect(d).toMatchObject({ version: 'B/0', since: '2026-02-20', control: '人力资源总监', obsolete: false, known: 'A/0\nA/1' });
    expect(d.messages.copySuperseded).toContain('{control}');
  });
});

describe('QR codes in the book', () => {
  it('a controlled book carries each section copy number, an uncontrolled one the version only', async () => {
    const { loadPrintKit, bookDocs, renderBook, buildSiteModel } = await import('../../src/print/document.js');
    const { check } = await import('../helpers/handbook.js');
    const loaded = check({ 'processes/a.md': doc({ extra: 'version: A/1\n' }) }, { settings: 'url: https://h.example.com/hr\n' });
    const site = buildSiteModel(loaded.handbook!, { today: '2026-06-01' });
    const kit = await loadPrintKit();
    const processes = [...site.published];
    const docs = bookDocs(site, processes);
    const codes = (html: string) => [...html.matchAll(/<svg xmlns="http:\/\/www.w3.org\/2000\/svg" class="fb-qr-code"[^]*?<\/svg>/g)].map((m) => decodeQrSvg(m[0]));
    expect(codes(renderBook(kit, site, processes, docs, { today: '2026-06-01', holder: '审计部', copies: new Map([['HR-AT-003', 4]]) }))).toEqual(['https://h.example.com/hr/p/HR-AT-003.html?v=A/1&copy=004']);
    expect(codes(renderBook(kit, site, processes, docs, { today: '2026-06-01' }))).toEqual(['https://h.example.com/hr/p/HR-AT-003.html?v=A/1']);
  });
});
