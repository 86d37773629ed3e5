/** A process as the fields an import must give back (step keys and file names aside). */
import type { Process } from '../../src/model/types.js';

export function canonical(p: Process) {
  return {
    code: p.code,
    name: p.name,
    version: p.version,
    status: p.status,
    owner: p.owner,
    control: p.control,
    category: p.category,
    effective: p.effective,
    review: p.review,
    roles: p.roles,
    signoff: p.signoff,
    revisions: p.revisions,
    tags: p.tags,
    body: p.body,
    starts: p.starts,
    steps: p.steps.map((s) => ({
      number: s.number,
      role: s.role,
      text: s.text,
      type: s.type,
      ref: s.ref,
      note: s.note,
      start: s.start,
      end: s.end,
      next: s.next.map((e) => ({ to: e.to, label: e.label })),
    })),
  };
}
