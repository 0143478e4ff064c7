import type { WhistleOut, WhistleState } from '../../../common/contracts/cases.ts';
import type { caseWhistle } from './schema.ts';

export function presentWhistle(w: typeof caseWhistle.$inferSelect): WhistleOut {
  return {
    id: w.id,
    caseId: w.caseId,
    departmentId: w.departmentId,
    departmentName: w.departmentName,
    summary: w.summary,
    deadline: w.deadline.toISOString(),
    respondDueAt: w.respondDueAt.toISOString(),
    state: w.state as WhistleState,
    reportedInAt: w.reportedInAt?.toISOString() ?? null,
    actionTaken: w.actionTaken,
    result: w.result,
    resolvedAt: w.resolvedAt?.toISOString() ?? null,
    escalatedAt: w.escalatedAt?.toISOString() ?? null,
  };
}
