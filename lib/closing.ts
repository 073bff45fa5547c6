/**
 * The closing of a case (`case.closed`): what it ends, what goes on, and the checks of
 * the closing that are not time limits (一案双查 support, 七10 and 一(一)2).
 */
import type { CaseDraft } from './case-state.js';
import type { ClosingKind } from './events.js';
import { nodeDefinition } from './nodes.js';
import { addMonths, chinaDateOf, endOfChinaDay, type Instant } from './time.js';

export const FINDING_CODES = [
  'terminationWithoutRequery',
  'terminationWithoutRelatedRequery',
  'terminationWithoutInterview',
  'terminationBeforeThreeMonths',
  'receptionNotRecorded',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

/** A check that is not a time limit (一案双查 support). */
export interface Finding {
  readonly code: FindingCode;
  readonly seed: string;
  readonly at: Instant;
}

const FINDING_SEED: Record<FindingCode, string> = {
  terminationWithoutRequery: '第三章七10',
  terminationWithoutRelatedRequery: '第三章七10',
  terminationWithoutInterview: '第三章七10',
  terminationBeforeThreeMonths: '最高法终本规定(2016)第一条',
  receptionNotRecorded: '第三章一(一)2',
};

/**
 * Closing ends every open node — but a 终本 closing (`terminatedThisRound`) leaves the
 * measures' `renewal` nodes and the `requery` rounds running (measures stay in force
 * after 终本; the court must query for five years). 终本 closings are checked against 七10.
 */
export function closeCase(draft: CaseDraft, at: Instant, kind: ClosingKind): void {
  draft.status = 'closed';
  draft.closed = { at, kind };
  for (const [key, node] of draft.nodes) {
    if (node.doneAt !== undefined) continue;
    if (kind === 'terminatedThisRound' && nodeDefinition(node.node).planner) continue;
    draft.nodes.set(key, { ...node, doneAt: at, endedBy: 'closing' });
  }
  const f = draft.facts;
  const found = (code: FindingCode) => draft.findings.push({ code, seed: FINDING_SEED[code], at });
  if (kind === 'terminatedThisRound') {
    // A round counts whether it was posted as started, as returned results, or both.
    if (Math.max(f.onlineQueries, f.onlineResults) < 2) found('terminationWithoutRequery');
    if (f.relatedQueries < 2) found('terminationWithoutRelatedRequery');
    if (!f.terminationInterviewed) found('terminationWithoutInterview');
    if (at <= endOfChinaDay(addMonths(chinaDateOf(draft.filedAt), 3))) found('terminationBeforeThreeMonths');
  }
  if (!f.reception) found('receptionNotRecorded');
}
