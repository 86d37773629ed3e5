/**
 * The run-time errors' words in Chinese (errors.ts has the English): one entry per code, from the
 * same arguments. test/messages/catalogues.test.ts checks both show the same values.
 */
import type { ApproveProblem, IssueProblem, LockHolder, RunErrorArgs, RunErrorCode } from './errors.js';

const STATUS_ZH: Readonly<Record<string, string>> = { draft: '草稿', controlled: '受控', uncontrolled: '非受控', obsolete: '作废' };
const statusZh = (s: string) => (STATUS_ZH[s] ? `${STATUS_ZH[s]}（${s}）` : s);

const issueProblemZh = (p: IssueProblem): string =>
  'status' in p
    ? `${p.code}（${p.name}）的状态是${statusZh(p.status)}，不是受控：只有受控文件才能发放受控副本。请先批准并设置 "status: controlled"${p.status === 'obsolete' ? '，或发放替代它的流程' : ''}。`
    : `没有代码为 "${p.code}" 的流程${p.near ? `；是否要找 "${p.near}"？` : ''}`;

const approveProblemZh = (p: ApproveProblem): string => {
  switch (p.problem) {
    case 'unknown-code':
      return `没有代码为 "${p.code}" 的流程${p.near ? `；是否要找 "${p.near}"？` : ''}`;
    case 'errors':
      return `${p.code}（${p.file}）有错误，不能按现状批准：\n${p.errors.map((e) => `  ${e}`).join('\n')}\n请先修正（见 "flowbook check"），再批准。`;
    case 'no-revision':
      return `${p.code}（${p.file}）在 ${p.by} 于 ${p.date} 批准后已有改动，${
        p.reason === 'no-version' ? '且没有版本号' : p.reason === 'same-version' ? `但版本仍是 ${p.version}` : `且修订记录中没有版本 ${p.version} 的条目`
      }。请给它一个新版本并加一条修订记录（- { version: <新版本>, date: YYYY-MM-DD, change: <改动内容> }），再批准。`;
    case 'edit':
      return `${p.code}（${p.file}）：Flowbook 无法只改签核而不动其他行，未写入任何内容。请手工写入签核：\n${p.lines}`;
    case 'write':
      return `无法写入 ${p.file}：${p.reason}`;
  }
};

/** The process holding the register lock, as named in Chinese messages (errors.ts's lockHolder in English). */
export const lockHolderZh = (h: LockHolder | undefined): string => (h ? `${h.host} 上的进程 ${h.pid}` : '另一个进程');

type ZhMessages = { readonly [C in RunErrorCode]: (...args: RunErrorArgs<C>) => string };

export const RUN_ERRORS_ZH: ZhMessages = {
  'mermaid-no-browser': (a) => `${a.help.zh}Mermaid 渲染器需要浏览器；也可改用 --renderer native。`,
  'mermaid-browser-failed': (a) => `无法启动 Chromium（${a.executable}）：${a.reason}。Mermaid 渲染器需要浏览器；也可改用 --renderer native。`,
  'template-invalid': (a) => `模板 ${a.file}${a.line !== undefined ? `:${a.line}` : ''}：${a.reason}`,
  'template-missing': (a) => `缺少模板 "${a.name}.hbs"`,
  'template-unreadable': (a) => `无法读取 ${a.file} 处的模板：${a.reason}`,
  'approve-refused': approveProblemZh,
  'nothing-to-issue': () => '手册中没有可发放的受控流程。',
  'issue-refused': (a) => a.problems.map(issueProblemZh).join('\n'),
  'return-not-issued': (a) =>
    a.version !== undefined
      ? `${a.code} 版本 ${a.version} 的第 ${a.copy} 份从未发放（登记表中有其他版本的第 ${a.copy} 份）。`
      : `${a.code} 的第 ${a.copy} 份从未发放；见 register/distribution.csv。`,
  'return-already-returned': (a) => `${a.code} 版本 ${a.version} 的第 ${a.copy} 份已于 ${a.date} 收回（登记表第 ${a.line} 行）。`,
  'return-version-needed': (a) => `${a.code} 的第 ${a.copy} 份有多个版本在外：${a.open.join('、')}；请用 --version 指明哪一个${a.current ? `（现行：${a.current}）` : ''}。`,
  'register-no-header': (a) => `${a.file} 不是以表头 "${a.header}" 开始；发放副本前请修正或移走该文件。`,
  'register-unreadable': (a) => `无法读取 ${a.file}：${a.reason}。Flowbook 只把手册内的普通文件当作登记表来读取和追加。`,
  'register-locked': (a) => `登记表已被 ${lockHolderZh(a.holder)} 锁定（${a.lockFile}）。如果没有正在进行的打印，请删除该文件后重试。`,
};
