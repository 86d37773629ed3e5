/**
 * Words of document control (the master list, the audit pack, the approval line on a process
 * page) in the handbook's language. Plain text: templates escape them; `{x}` is filled in by code.
 */
import type { Language } from '../model/types.js';
import type { ApprovalState } from './fingerprint.js';
import type { RecallReason } from '../print/recall.js';

export interface ControlLabels {
  readonly masterList: string;
  readonly masterListIntro: string;
  readonly downloadCsv: string;
  readonly current: string;
  readonly documents: string;
  readonly approver: string;
  readonly approvedOn: string;
  readonly approvedVersion: string;
  readonly fingerprint: string;
  readonly approvalStates: Readonly<Record<ApprovalState, string>>;
  /** The line in a process page's document-control block. */
  readonly approvedContent: string;
  readonly approvalLine: Readonly<Record<Exclude<ApprovalState, 'unrecorded'>, string>>;
  readonly copiesOut: string;
  readonly toRecall: string;
  readonly obsoleteRegister: string;
  readonly obsoleteIntro: string;
  readonly lastRevision: string;
  readonly replacedBy: string;
  readonly overdue: string;
  readonly none: string;
  readonly total: string;
  // the audit pack
  readonly auditTitle: string;
  readonly auditIntro: string;
  readonly handbook: string;
  readonly period: string;
  readonly allTime: string;
  readonly preparedOn: string;
  readonly contents: string;
  readonly summary: string;
  readonly approvals: string;
  readonly approvalsIntro: string;
  readonly signoffRoles: Readonly<Record<'prepared' | 'reviewed' | 'approved', string>>;
  readonly signedBy: string;
  readonly signedOn: string;
  readonly role: string;
  readonly copies: string;
  readonly copiesIntro: string;
  readonly issued: string;
  readonly returned: string;
  readonly stillOut: string;
  readonly issuedInPeriod: string;
  readonly returnedInPeriod: string;
  readonly supersededOut: string;
  readonly supersededIntro: string;
  readonly holder: string;
  readonly copy: string;
  readonly issuedOn: string;
  readonly currentVersion: string;
  readonly reason: string;
  readonly reasons: Readonly<Record<RecallReason, string>>;
  readonly overdueReviews: string;
  readonly reviewDue: string;
  readonly daysOverdue: string;
  readonly changes: string;
  readonly changesIntro: string;
  readonly change: string;
  readonly date: string;
  readonly registerProblems: string;
}

const zh: ControlLabels = {
  masterList: '受控文件清单',
  masterListIntro: '手册中全部现行文件的版本、状态、批准和受控副本发放情况；作废文件另列于下方的作废文件登记。',
  downloadCsv: '下载 CSV',
  current: '现行文件',
  documents: '份文件',
  approver: '批准人',
  approvedOn: '批准日期',
  approvedVersion: '批准版本',
  fingerprint: '内容核验',
  approvalStates: { verified: '已核验', changed: '批准后已修改', unrecorded: '未记录指纹' },
  approvedContent: '批准内容',
  approvalLine: { verified: '已核验：与批准时的内容一致', changed: '批准后内容已修改，需重新批准' },
  copiesOut: '在外副本',
  toRecall: '待收回',
  obsoleteRegister: '作废文件登记',
  obsoleteIntro: '已作废的文件仅供查阅，不得用于指导工作；仍在外的副本须收回。',
  lastRevision: '最后修订',
  replacedBy: '替代文件',
  overdue: '已逾期',
  none: '无',
  total: '合计',
  auditTitle: '文件控制审核证据',
  auditIntro: '本文件由 Flowbook 根据流程文件和受控副本发放登记生成，供 ISO 9001 第 7.5 条审核使用。',
  handbook: '手册',
  period: '期间',
  allTime: '全部',
  preparedOn: '生成日期',
  contents: '目录',
  summary: '概要',
  approvals: '批准记录及内容核验',
  approvalsIntro: '每份文件的编制、审核、批准签署；“内容核验”表示文件现有内容是否与批准时记录的指纹一致。',
  signoffRoles: { prepared: '编制', reviewed: '审核', approved: '批准' },
  signedBy: '签署人',
  signedOn: '签署日期',
  role: '签署',
  copies: '受控副本发放与收回',
  copiesIntro: '按文件统计的受控副本：期间内发放、收回，以及目前仍在外的副本。',
  issued: '发放',
  returned: '收回',
  stillOut: '目前在外',
  issuedInPeriod: '期间内发放',
  returnedInPeriod: '期间内收回',
  supersededOut: '须收回的副本（已替代、作废或非受控）',
  supersededIntro: '以下副本的版本已不是现行受控版本，仍在持有人手中，须收回。',
  holder: '持有人',
  copy: '副本号',
  issuedOn: '发放日期',
  currentVersion: '现行版本',
  reason: '原因',
  reasons: { superseded: '已被新版本替代', obsolete: '文件已作废', removed: '文件已删除', uncontrolled: '已改为非受控' },
  overdueReviews: '逾期评审',
  reviewDue: '评审日期',
  daysOverdue: '逾期天数',
  changes: '期间内的变更',
  changesIntro: '各文件修订记录中日期在期间内的条目。',
  change: '修订内容',
  date: '日期',
  registerProblems: '发放登记中被忽略的行',
};

const en: ControlLabels = {
  masterList: 'Master list',
  masterListIntro: 'Every current document of the handbook with its version, status, approval and controlled copies out; obsolete documents are listed in their own register below.',
  downloadCsv: 'Download CSV',
  current: 'Current documents',
  documents: 'documents',
  approver: 'Approved by',
  approvedOn: 'Approved on',
  approvedVersion: 'Version approved',
  fingerprint: 'Content check',
  approvalStates: { verified: 'verified', changed: 'changed after approval', unrecorded: 'no fingerprint' },
  approvedContent: 'Approved content',
  approvalLine: { verified: 'Verified: the content is the content approved', changed: 'Changed after approval: needs approval again' },
  copiesOut: 'Copies out',
  toRecall: 'To recall',
  obsoleteRegister: 'Register of obsolete documents',
  obsoleteIntro: 'Obsolete documents are kept for reference only and must not be used; copies still out must be recalled.',
  lastRevision: 'Last revision',
  replacedBy: 'Replaced by',
  overdue: 'overdue',
  none: 'None',
  total: 'Total',
  auditTitle: 'Document control audit pack',
  auditIntro: 'Made by Flowbook from the process documents and the distribution register of controlled copies, as evidence for ISO 9001 clause 7.5.',
  handbook: 'Handbook',
  period: 'Period',
  allTime: 'all records',
  preparedOn: 'Prepared on',
  contents: 'Contents',
  summary: 'Summary',
  approvals: 'Approvals and content checks',
  approvalsIntro: 'Who prepared, reviewed and approved each document; the content check says whether the document as it is now matches the fingerprint recorded with its approval.',
  signoffRoles: { prepared: 'Prepared', reviewed: 'Reviewed', approved: 'Approved' },
  signedBy: 'Signed by',
  signedOn: 'Date',
  role: 'Sign-off',
  copies: 'Controlled copies issued and returned',
  copiesIntro: 'Controlled copies per document: issued and returned in the period, and out now.',
  issued: 'Issued',
  returned: 'Returned',
  stillOut: 'Out now',
  issuedInPeriod: 'Issued in the period',
  returnedInPeriod: 'Returned in the period',
  supersededOut: 'Copies to recall (superseded, obsolete or uncontrolled)',
  supersededIntro: 'These copies are not of the current controlled version and are still with their holders: they must come back.',
  holder: 'Holder',
  copy: 'Copy',
  issuedOn: 'Issued on',
  currentVersion: 'Current version',
  reason: 'Reason',
  reasons: { superseded: 'superseded by a new version', obsolete: 'document obsolete', removed: 'document removed', uncontrolled: 'no longer controlled' },
  overdueReviews: 'Overdue reviews',
  reviewDue: 'Review date',
  daysOverdue: 'Days overdue',
  changes: 'Changes in the period',
  changesIntro: "Entries of each document's revision history dated in the period.",
  change: 'Change',
  date: 'Date',
  registerProblems: 'Lines of the distribution register that were ignored',
};

export function controlLabels(language: Language): ControlLabels {
  return language === 'en' ? en : zh;
}
