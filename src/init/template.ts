/**
 * `flowbook new`: the text of a new process document from the template. Pure.
 *
 * The skeleton passes `flowbook check` as written: every field is present (those that need the
 * author's real values — effective, review, signoff — as comments to fill in), one step per role
 * in a straight line so every step is reachable and every role has a lane, and status `draft` by
 * default so no sign-off is needed yet. Values are quoted by yamlScalar, so any name reads back exactly.
 */
import type { Language, Status } from '../model/types.js';
import { yamlFlowList, yamlScalar } from './yaml.js';

export interface NewDocumentOptions {
  readonly code: string;
  readonly name: string;
  readonly language: Language;
  /** YYYY-MM-DD, for the first revision entry. */
  readonly today: string;
  readonly status?: Status;
  readonly owner?: string;
  readonly control?: string;
  readonly category?: string;
  readonly roles?: readonly string[];
}

export function defaultRoles(language: Language): string[] {
  return language === 'en' ? ['Applicant', 'Line manager', 'HR department'] : ['申请人', '部门负责人', '人力资源部'];
}

/** Split `--roles a,b,c`; Chinese commas (，、) separate too. Empty items are dropped. */
export function splitRoles(raw: string): string[] {
  return raw
    .split(/[,，、]/)
    .map((r) => r.trim())
    .filter((r) => r !== '');
}

export function newDocument(o: NewDocumentOptions): string {
  const zh = o.language !== 'en';
  const roles = o.roles && o.roles.length > 0 ? o.roles : defaultRoles(o.language);
  const t = zh
    ? {
        owner: 'TODO 执行部门',
        control: 'TODO 控制部门',
        category: '# category: 分类            # 可选:首页分组和搜索筛选',
        effective: '# effective: YYYY-MM-DD    # 生效日期:批准后填写,不早于批准日期',
        review: '# review: YYYY-MM-DD       # 下次评审日期(flowbook review 据此提醒)',
        step: (r: string) => `TODO 填写${r}在这一步做什么`,
        signoff: '# 签核(编制/审核/批准):把 status 改为 controlled 之前,取消注释并填写完整。',
        who: '姓名',
        change: '新建草稿',
        notes: '## 相关说明\n\nTODO 填写制度依据、相关表单和注意事项。\n',
      }
    : {
        owner: 'TODO owning department',
        control: 'TODO controlling department',
        category: '# category: Category        # optional: grouping on the home page and in search',
        effective: '# effective: YYYY-MM-DD    # the date this version takes effect, on or after approval',
        review: '# review: YYYY-MM-DD       # next review date (flowbook review reminds you)',
        step: (r: string) => `TODO what ${r} does in this step`,
        signoff: '# Sign-off (prepared/reviewed/approved): uncomment and fill in before setting status: controlled.',
        who: 'Name',
        change: 'First draft',
        notes: '## Notes\n\nTODO the policy this process follows, forms used, points to watch.\n',
      };
  const lines = [
    '---',
    `name: ${yamlScalar(o.name)}`,
    `code: ${yamlScalar(o.code)}`,
    'version: A/0',
    `status: ${o.status ?? 'draft'}`,
    `owner: ${yamlScalar(o.owner ?? t.owner)}`,
    `control: ${yamlScalar(o.control ?? t.control)}`,
    o.category !== undefined ? `category: ${yamlScalar(o.category)}` : t.category,
    t.effective,
    t.review,
    `roles: ${yamlFlowList(roles)}`,
    'steps:',
    ...roles.flatMap((r) => [`  - role: ${yamlScalar(r)}`, `    text: ${yamlScalar(t.step(r))}`]),
    t.signoff,
    '# signoff:',
    ...['prepared', 'reviewed', 'approved'].map((k) => `#   ${k}: { by: ${t.who}, date: YYYY-MM-DD }`),
    'revisions:',
    `  - { version: A/0, date: ${o.today}, change: ${yamlScalar(t.change)} }`,
    'tags: []',
    '---',
    '',
    t.notes,
  ];
  return lines.join('\n');
}
