/** `flowbook review`: what is due, in which order, in text, JSON and CSV; exit codes. */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { flowbook } from '../helpers/cli.js';
import { displayWidth } from '../../src/review/format.js';

const TODAY = '2026-11-27';

function processDoc(o: { code: string; name?: string; status?: string; owner?: string; control?: string; review?: string }): string {
  const q = JSON.stringify;
  return `---
name: ${q(o.name ?? `流程 ${o.code}`)}
code: ${o.code}
status: ${o.status ?? 'controlled'}
owner: ${q(o.owner ?? '人力资源部')}
control: ${q(o.control ?? '人力资源总监')}
${o.review ? `review: ${o.review}\n` : ''}roles: [员工]
steps:
  - role: 员工
    text: 办理
signoff:
  prepared: { by: 张敏, date: 2024-05-20 }
  reviewed: { by: 李强, date: 2024-05-25 }
  approved: { by: 王军, date: 2024-05-28 }
---
`;
}

const DOCS = [
  { code: 'HR-A', review: '2026-10-01', name: '=HYPERLINK("http://x","click")', owner: '+cmd', control: '@SUM(A1)' },
  { code: 'HR-B', review: '2026-12-10', status: 'uncontrolled', name: '请假, "年假"\n流程', owner: '-2+3', control: '\tTab' },
  { code: 'HR-0', review: '2026-12-10', name: '考勤流程' },
  { code: 'HR-C', review: '2026-12-27', name: 'Exactly thirty days' },
  { code: 'HR-D', review: '2026-12-28', name: 'Thirty-one days' },
  { code: 'HR-E', review: '2026-01-01', status: 'draft', name: 'Draft, overdue' },
  { code: 'HR-F', review: '2026-01-01', status: 'obsolete', name: 'Obsolete, overdue' },
  { code: 'HR-G', name: 'No review date' },
  { code: 'HR-I', review: TODAY, name: '今天评审' },
];

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'fb-review-'));
  await mkdir(path.join(root, 'processes'));
  for (const d of DOCS) await writeFile(path.join(root, `processes/${d.code}.md`), processDoc(d));
});

const review = (...args: string[]) => flowbook(['review', root, '--today', TODAY, ...args]);

describe('flowbook review', () => {
  it('JSON: past and near processes, sorted by review date then code; drafts, obsolete and undated left out', () => {
    const r = review('--format', 'json');
    expect(r.code, r.all).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ formatVersion: 1, today: TODAY, within: '30d', until: '2026-12-27', count: 5, overdue: 1 });
    expect(report.processes.map((p: { code: string }) => p.code)).toEqual(['HR-A', 'HR-I', 'HR-0', 'HR-B', 'HR-C']);
    expect(report.processes[0]).toEqual({
      code: 'HR-A',
      name: '=HYPERLINK("http://x","click")',
      status: 'controlled',
      owner: '+cmd',
      control: '@SUM(A1)',
      review: '2026-10-01',
      daysLeft: -57,
      overdue: true,
      file: 'processes/HR-A.md',
    });
    expect(report.processes.map((p: { daysLeft: number }) => p.daysLeft)).toEqual([-57, 0, 13, 13, 30]);
    expect(Object.keys(report)).toEqual(['formatVersion', 'today', 'within', 'until', 'count', 'overdue', 'processes']);
  });

  it('windows: days, weeks, calendar months, a plain number', () => {
    const codes = (w: string) => JSON.parse(review('--format', 'json', '--within', w).stdout).processes.map((p: { code: string }) => p.code);
    expect(codes('0')).toEqual(['HR-A', 'HR-I']);
    expect(codes('13')).toEqual(['HR-A', 'HR-I', 'HR-0', 'HR-B']);
    expect(codes('31d')).toEqual(['HR-A', 'HR-I', 'HR-0', 'HR-B', 'HR-C', 'HR-D']);
    expect(codes('5w')).toEqual(['HR-A', 'HR-I', 'HR-0', 'HR-B', 'HR-C', 'HR-D']);
    expect(codes('1m')).toEqual(['HR-A', 'HR-I', 'HR-0', 'HR-B', 'HR-C']);
    expect(JSON.parse(review('--format', 'json', '--within', '3M').stdout).until).toBe('2027-02-27');
  });

  it('text: an aligned table (CJK counts double), one line per process, and a summary', () => {
    const r = review();
    expect(r.code, r.all).toBe(0);
    const lines = r.stdout.split('\n');
    const table = lines.slice(0, 6);
    expect(table[0]).toMatch(/^CODE\s+NAME\s+STATUS\s+OWNER\s+CONTROL\s+REVIEW\s+DUE$/);
    expect(table.slice(1).map((l) => l.split(' ')[0])).toEqual(['HR-A', 'HR-I', 'HR-0', 'HR-B', 'HR-C']);
    // Every REVIEW value starts at the same terminal column.
    const col = (l: string) => displayWidth(l.slice(0, l.search(/REVIEW|\d{4}-\d{2}-\d{2}/)));
    expect(new Set(table.map(col)).size).toBe(1);
    expect(r.stdout).toContain('57 days overdue');
    expect(r.stdout).toContain('due today');
    expect(r.stdout).toContain('in 13 days');
    expect(r.stdout).toContain('请假, "年假" 流程'); // the newline cannot break the table
    expect(r.stdout).not.toContain('\t');
    expect(r.stdout).toContain('5 processes are due for review by 2026-12-27 (today 2026-11-27, within 30d); 1 overdue.');
  });

  it('CSV: RFC 4180 with a header row, quoting, and formula injection neutralised', () => {
    const r = review('--format', 'csv');
    expect(r.code, r.all).toBe(0);
    expect(r.stdout.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(r.stdout);
    expect(rows[0]).toEqual(['code', 'name', 'status', 'owner', 'control', 'review', 'daysLeft', 'overdue', 'file']);
    expect(rows.slice(1).map((x) => x[0])).toEqual(['HR-A', 'HR-I', 'HR-0', 'HR-B', 'HR-C']);
    expect(rows[1]).toEqual(['HR-A', `'=HYPERLINK("http://x","click")`, 'controlled', "'+cmd", "'@SUM(A1)", '2026-10-01', '-57', 'true', 'processes/HR-A.md']);
    expect(rows[4]).toEqual(['HR-B', '请假, "年假"\n流程', 'uncontrolled', "'-2+3", "'\tTab", '2026-12-10', '13', 'false', 'processes/HR-B.md']);
    expect(r.stdout).toContain(`"'=HYPERLINK(""http://x"",""click"")"`);
    // No cell a spreadsheet would run as a formula (daysLeft is a number we computed, not text from a document).
    for (const row of rows.slice(1)) row.forEach((c, i) => i === 6 || expect(c).not.toMatch(/^[=+\-@\t\r]/));
  });

  it('nothing due: a message, exit 0; --fail-if-due exits 1 only when something is due', () => {
    const none = flowbook(['review', root, '--today', '2020-01-01', '--within', '0']);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('No processes are due for review by 2020-01-01');
    expect(flowbook(['review', root, '--today', '2020-01-01', '--within', '0', '--fail-if-due']).code).toBe(0);
    expect(review('--fail-if-due').code).toBe(1);
    const csv = flowbook(['review', root, '--today', '2020-01-01', '--within', '0', '--format', 'csv']);
    expect(csv.stdout).toBe('code,name,status,owner,control,review,daysLeft,overdue,file\r\n');
  });

  it('bad --within, --format or --today exits 2', () => {
    for (const args of [['--within', '30x'], ['--within', '-5'], ['--within', '1.5d'], ['--within', ''], ['--within', '30 days'], ['--within', '999999d'], ['--format', 'xml'], ['--today', '2026-02-30']]) {
      const r = review(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.length).toBeGreaterThan(0);
      expect(r.all).not.toMatch(/\n\s+at /);
    }
  });

  it('needs a handbook without errors: prints them and exits 1', async () => {
    const bad = await mkdtemp(path.join(tmpdir(), 'fb-review-bad-'));
    await mkdir(path.join(bad, 'processes'));
    await writeFile(path.join(bad, 'processes/a.md'), processDoc({ code: 'HR-A', review: '2026-10-01' }));
    await writeFile(path.join(bad, 'processes/b.md'), processDoc({ code: 'HR-A', review: '2026-10-01' }));
    const r = flowbook(['review', bad, '--today', TODAY]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('duplicate-code');
    expect(r.stderr).toContain('flowbook check');
    expect(r.stdout).toBe('');
  });

  it('--help says drafts and obsolete processes are left out', () => {
    const r = flowbook(['review', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/drafts and obsolete/);
    expect(r.stdout).toContain('--fail-if-due');
  });
});

/** A strict RFC 4180 reader, for checking the output. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (text[i] === '"' && text[i + 1] === '"') (field += '"'), (i += 2);
        else if (text[i] === '"') {
          i++;
          break;
        } else field += text[i++];
      }
    } else while (i < text.length && text[i] !== ',' && text[i] !== '\r') field += text[i++];
    row.push(field);
    if (text[i] === ',') i++;
    else if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else throw new Error(`bad CSV at ${i}`);
  }
  return rows;
}
