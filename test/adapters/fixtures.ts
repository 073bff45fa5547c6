/** Small builders shared by the adapter tests. */
import { DEFAULT_LIMITS } from '../../lib/limits.js';
import { escalate, type Notice } from '../../lib/escalation.js';
import { foldCase } from '../../lib/case-state.js';
import { createLegalCalendar } from '../../lib/calendar.js';
import { type StoredEvent, validateEvent } from '../../lib/events.js';

export function stored(raw: object, court = 'wuzhi'): StoredEvent {
  const v = validateEvent(raw, Date.parse('2026-11-01T00:00:00Z'));
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return { ...v.event, court } as StoredEvent;
}

export const filed = (caseNo: string, eventId = `${caseNo}-filed`) =>
  stored({ eventId, type: 'case.filed', caseNo, occurredAt: '2026-03-02T09:00:00+08:00', data: { amount: 50000, financial: false, respondents: [{ kind: 'person' }] } });

/** Real notices: a case filed 2026-03-02 and left alone, escalated a week later. */
export function sampleNotices(caseNo = '(2026)豫0823执9号'): Notice[] {
  const state = foldCase([filed(caseNo)], { limits: DEFAULT_LIMITS, calendar: createLegalCalendar() });
  if (!state) throw new Error('not filed');
  return [...escalate(state, DEFAULT_LIMITS, Date.parse('2026-03-10T00:00:00+08:00'), {}).notices];
}
