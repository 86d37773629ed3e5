import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { renderNativeSvg, type NativeSvgOptions } from '../../../src/diagram/native/index.js';
import { escapeXml } from '../../../src/diagram/native/svg.js';
import type { Process } from '../../../src/model/types.js';
import { branches, exampleProcesses, ids, makeProcess } from './fixtures.js';
import { selfLoops, wideDecision } from './cases.js';

const { window } = new JSDOM('');

/** Parse as standalone XML: throws on anything not well-formed. */
function parseSvg(svg: string): Document {
  const doc = new window.DOMParser().parseFromString(svg, 'image/svg+xml');
  const error = doc.getElementsByTagName('parsererror')[0];
  if (error !== undefined) throw new Error(`not well-formed: ${error.textContent}`);
  return doc;
}

const options: NativeSvgOptions = { href: (code) => (code === 'PUB-1' ? `../p/${code}.html` : undefined) };

function linked(): Process {
  return makeProcess(
    ['员工', '人力资源部'],
    [
      { role: '员工', text: '提交申请', start: true },
      { role: '人力资源部', text: '审核', type: 'decision', next: branches({ 是: 'pub', 否: 'draft' }) },
      { id: 'pub', role: '人力资源部', type: 'process', ref: 'PUB-1', text: '薪酬发放流程', end: true },
      { id: 'draft', role: '员工', type: 'process', ref: 'DRAFT-9', text: '未发布的流程', end: true },
    ],
    '请假流程',
    'HR-LV-001',
  );
}

describe('renderNativeSvg output', () => {
  const svg = renderNativeSvg(linked(), { ...options, idPrefix: 'd1', stepTableId: 'steps-HR-LV-001', language: 'zh-CN' });
  const doc = parseSvg(svg);
  const root = doc.documentElement;

  it('is an accessible image: role, title, desc and the aria references', () => {
    expect(root.tagName).toBe('svg');
    // It holds a link to another process, so it is a labelled group (links inside role=img are hidden from screen readers).
    expect(root.getAttribute('role')).toBe('group');
    const unlinked = parseSvg(renderNativeSvg(linked(), { ...options, href: () => undefined }));
    expect(unlinked.documentElement.getAttribute('role')).toBe('img');
    expect(unlinked.querySelectorAll('a').length).toBe(0);
    expect(root.getAttribute('aria-labelledby')).toBe('d1-title');
    expect(root.getAttribute('aria-describedby')).toBe('d1-desc steps-HR-LV-001');
    expect(doc.getElementById('d1-title')?.textContent).toBe('请假流程 泳道图');
    const desc = doc.getElementById('d1-desc')?.textContent ?? '';
    expect(desc).toContain('员工、人力资源部');
    expect(desc).toContain('4 个步骤');
    expect(desc).toContain('steps-HR-LV-001');
  });

  it('scales: viewBox plus width and height, and a CJK font stack', () => {
    const [x, y, w, h] = root.getAttribute('viewBox')!.split(' ').map(Number);
    expect([x, y]).toEqual([0, 0]);
    expect(Number(root.getAttribute('width'))).toBe(w);
    expect(Number(root.getAttribute('height'))).toBe(h);
    expect(root.getAttribute('font-family')).toBe("'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif");
  });

  it('draws each step with a shape class and data-step', () => {
    const nodes = [...doc.querySelectorAll('g.fb-node')];
    expect(nodes.map((n) => n.getAttribute('data-step'))).toEqual(['s1', 's2', 's3', 's4']);
    expect(nodes[0]!.getAttribute('class')).toBe('fb-node fb-action fb-start');
    expect(nodes[1]!.getAttribute('class')).toBe('fb-node fb-decision');
    expect(nodes[2]!.getAttribute('class')).toBe('fb-node fb-process fb-end');
    expect(nodes[1]!.querySelector('polygon')).not.toBeNull();
    expect(nodes[2]!.querySelector('rect')!.getAttribute('rx')).toBe(String(Number(nodes[2]!.querySelector('rect')!.getAttribute('height')) / 2));
    expect(nodes[0]!.querySelector('.fb-shape')!.getAttribute('stroke-width')).toBe('3');
    expect(nodes[0]!.querySelector('.fb-start-marker')).not.toBeNull();
    expect(nodes[2]!.querySelector('.fb-end-border')).not.toBeNull();
  });

  it('draws edges with data-from/data-to and an arrowhead, labels on a white background', () => {
    const edges = [...doc.querySelectorAll('g.fb-edge')];
    expect(edges.map((e) => `${e.getAttribute('data-from')}->${e.getAttribute('data-to')}`)).toEqual(['s1->s2', 's2->s3', 's2->s4']);
    for (const e of edges) expect(e.querySelector('.fb-arrow')).not.toBeNull();
    const labels = [...doc.querySelectorAll('g.fb-edge-label')];
    expect(labels.map((l) => l.textContent)).toEqual(['是', '否']);
    for (const l of labels) expect(l.querySelector('rect')!.getAttribute('fill')).toBe('#fff');
  });

  it('links a published process with a plain href, and an unpublished one not at all', () => {
    const pub = doc.querySelector('g.fb-node[data-step="s3"]')!.parentElement!;
    expect(pub.tagName).toBe('a');
    expect(pub.getAttribute('href')).toBe('../p/PUB-1.html');
    expect(pub.getAttributeNS('http://www.w3.org/1999/xlink', 'href')).toBeNull();
    const draft = doc.querySelector('g.fb-node[data-step="s4"]')!.parentElement!;
    expect(draft.tagName).not.toBe('a');
    expect(svg).not.toContain('xlink');
  });

  it('links other steps only when stepHref says so', () => {
    expect(doc.querySelector('g.fb-node[data-step="s1"]')!.parentElement!.tagName).not.toBe('a');
    const custom = parseSvg(renderNativeSvg(linked(), { ...options, stepHref: (s) => (s.number === 2 ? '#row-b' : undefined) }));
    expect(custom.querySelector('g.fb-node[data-step="s2"]')!.parentElement!.getAttribute('href')).toBe('#row-b');
    expect(custom.querySelector('g.fb-node[data-step="s1"]')!.parentElement!.tagName).not.toBe('a');
  });

  it('uses English words when asked and the default id prefix', () => {
    const en = parseSvg(renderNativeSvg(linked(), { ...options, language: 'en' }));
    expect(en.documentElement.getAttribute('aria-labelledby')).toBe('fb-title');
    expect(en.getElementById('fb-title')!.textContent).toBe('请假流程 swimlane diagram');
    expect(en.getElementById('fb-desc')!.textContent).toContain('4 steps');
  });

  it('gives every id its prefix so two diagrams can share a page', () => {
    const two = `<div>${renderNativeSvg(linked(), { ...options, idPrefix: 'a' })}${renderNativeSvg(selfLoops(), { ...options, idPrefix: 'b' })}</div>`;
    const all = [...two.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]);
    expect(new Set(all).size).toBe(all.length);
  });
});

describe('escaping hostile text', () => {
  const hostile = [
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    "it's & <b>bold</b>",
    ']]><![CDATA[x',
    '👩\u200d💻 emoji and 🇨🇳 flags',
    '\u202eRTL override\u202c and \u200f marks',
    'zero\u200bwidth\u200djoiner',
    'a'.repeat(500),
    'control\u0001char\u0000s and lone \ud800 surrogate',
  ];
  const roles = ['<role attr="x">', "O'Brien & Co"];
  const p = makeProcess(
    roles,
    hostile.map((text, i) => ({
      id: `h${i}`,
      role: roles[i % 2]!,
      text,
      ...(i === 2 ? { type: 'decision' as const, next: branches({ '<yes>': 'h3', '"no" & \'maybe\'': 'h4' }) } : {}),
      ...(i === 5 ? { type: 'process' as const, ref: 'X"><script>' } : {}),
    })),
    '<title>Evil</title> & "name"',
  );
  const svg = renderNativeSvg(p, { href: (code) => `javascript:"${code}"<>&`, idPrefix: 'x"><y', stepTableId: '"><z' });
  const doc = parseSvg(svg);

  it('stays well-formed XML with no element or attribute from the document', () => {
    const tags = new Set([...doc.getElementsByTagName('*')].map((e) => e.tagName));
    for (const t of tags) expect(['svg', 'title', 'desc', 'g', 'rect', 'line', 'text', 'tspan', 'path', 'polygon', 'circle', 'a']).toContain(t);
    for (const e of doc.getElementsByTagName('*'))
      for (const a of e.getAttributeNames())
        expect(['xmlns', 'class', 'role', 'width', 'height', 'viewBox', 'aria-labelledby', 'aria-describedby', 'font-family', 'font-size', 'id', 'x', 'y', 'x1', 'x2', 'y1', 'y2', 'fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'd', 'points', 'rx', 'cx', 'cy', 'r', 'text-anchor', 'font-weight', 'data-step', 'data-from', 'data-to', 'href']).toContain(a);
    expect(svg).not.toMatch(/<script|<img|<b>/);
  });

  it('keeps the texts readable after parsing (escaped, not dropped)', () => {
    const text = doc.documentElement.textContent!;
    expect(text).toContain('<script>alert(1)</script>');
    expect(text).toContain('"><img src=x onerror=alert(1)>');
    expect(text).toContain(']]><![CDATA[x');
    expect(doc.getElementById('x"><y-title')!.textContent).toBe('<title>Evil</title> & "name" 泳道图');
    // (a label may wrap into several lines; compare without the line breaks)
    const labels = [...doc.querySelectorAll('g.fb-edge-label')].map((l) => l.textContent!.replace(/\s/g, ''));
    expect(labels).toEqual(['<yes>', '"no"&\'maybe\'']);
    expect(text.replace(/\s/g, '')).toContain('a'.repeat(500));
    expect(text).toContain('\ufffd'); // control characters and the lone surrogate, replaced
  });

  it('escapes URLs from href as attribute values', () => {
    const link = doc.querySelector('g.fb-node[data-step="s6"]')!.parentElement!;
    expect(link.getAttribute('href')).toBe('javascript:"X"><script>"<>&');
    expect(doc.documentElement.getAttribute('aria-describedby')).toBe('x"><y-desc "><z');
  });

  it('escapes all five XML characters', () => {
    expect(escapeXml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
    expect(escapeXml('普通文字')).toBe('普通文字');
  });
});

describe('determinism', () => {
  it('renders byte-identical SVG for the same input, and for an equal copy of it', () => {
    const a = wideDecision();
    const b = wideDecision();
    expect(renderNativeSvg(a, options)).toBe(renderNativeSvg(a, options));
    expect(renderNativeSvg(a, options)).toBe(renderNativeSvg(b, options));
  });

  it('renders every example process twice identically and well-formed', async () => {
    for (const p of await exampleProcesses()) {
      const once = renderNativeSvg(p, options);
      expect(renderNativeSvg(p, options)).toBe(once);
      parseSvg(once);
    }
  });
});

describe('loops', () => {
  it('draws loops dashed, so they read in black and white', () => {
    const doc = parseSvg(renderNativeSvg(makeProcess(['A'], [{ id: 'a', role: 'A', text: 'retry', next: ids('a', 'b') }, { id: 'b', role: 'A', text: 'done' }]), options));
    const loop = doc.querySelector('g.fb-edge[data-from="s1"][data-to="s1"]')!;
    expect(loop.getAttribute('class')).toBe('fb-edge fb-loop');
    expect(loop.querySelector('path')!.getAttribute('stroke-dasharray')).not.toBeNull();
  });
});
