/**
 * `GET /v1/cases?team=&overdue=&limit=&cursor=` (docs/API.md "案件列表"): the court's cases
 * for the command centre, ordered by earliest open due time (the most overdue first), with
 * `overdue` counted as of the request — exactly as the case view counts it.
 */
import { apiDoc } from '../api-doc.js';
import { MalformedRequestError } from '../errors.js';
import { type FieldError, fieldError, fieldProblem } from '../field-errors.js';
import { CASE_TEAMS, type CaseTeam } from '../limits.js';
import { decodeListCursor, encodeListCursor } from '../list-cursor.js';
import { earliestDue, overdueAt } from '../listing.js';
import type { CaseIndex, ListPosition } from '../ports.js';
import { toChinaIso } from '../time.js';
import { type AccessDeps, type Caller, callerCourt } from './access.js';

export interface ListDeps extends AccessDeps {
  readonly index: CaseIndex;
}

export interface ListQueryText {
  readonly team?: string;
  readonly overdue?: string;
  readonly cursor?: string;
  readonly limit?: string;
}

export interface CaseListItem {
  readonly caseNo: string;
  readonly team: CaseTeam;
  readonly status: 'open' | 'closed';
  /** Nodes overdue at the moment of the request. */
  readonly overdue: number;
  readonly paused: boolean;
  /** The earliest due time among nodes still open, +08:00. */
  readonly nextDueAt?: string;
}

export async function listCases(deps: ListDeps, caller: Caller, query: ListQueryText): Promise<{ cases: CaseListItem[]; asOf: string; next?: string }> {
  const now = deps.now();
  const court = await callerCourt(deps, caller);
  const errors: FieldError[] = [];
  // `?team=&overdue=true` (docs/API.md "案件列表"): an empty parameter is no filter.
  const team = query.team === '' ? undefined : query.team;
  const overdue = query.overdue === '' || query.overdue === undefined ? undefined : query.overdue;
  if (team !== undefined && !(CASE_TEAMS as readonly string[]).includes(team)) {
    errors.push(fieldError('team', JSON.stringify(team), { zh: `以下之一：${CASE_TEAMS.join(', ')}`, en: `one of ${CASE_TEAMS.join(', ')}` }, 'caseList'));
  }
  if (overdue !== undefined && overdue !== 'true' && overdue !== 'false') {
    errors.push(fieldError('overdue', JSON.stringify(overdue), { zh: ' true 或 false', en: 'true or false' }, 'caseList'));
  }
  const limit = query.limit === undefined ? 50 : Number(query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    errors.push(fieldError('limit', JSON.stringify(query.limit), { zh: ' 1 至 100 的整数', en: 'a whole number from 1 to 100' }, 'caseList'));
  }
  const scope = { ...(team === undefined ? {} : { team }), ...(overdue === undefined ? {} : { overdue: overdue === 'true' }) };
  const secret = (await deps.keys.secretOf(court)) ?? '';
  let after: ListPosition | undefined;
  if (query.cursor !== undefined && query.cursor !== '') {
    after = decodeListCursor(secret, query.cursor, scope);
    if (!after) {
      errors.push(
        fieldProblem('cursor', { zh: '不是本院同一查询上一页返回的 "next" 值', en: 'expected the "next" value of a previous page of the same listing of this court' }, 'caseList'),
      );
    }
  }
  if (errors.length) throw new MalformedRequestError('查询参数无效 / invalid query', errors, { see: apiDoc('caseList') });
  const page = await deps.index.listCases(court, {
    ...(team === undefined ? {} : { team: team as CaseTeam }),
    ...(overdue === undefined ? {} : { overdue: overdue === 'true' }),
    now,
    ...(after ? { after } : {}),
    limit,
  });
  return {
    cases: page.items.map((c) => {
      const next = earliestDue(c.dues);
      return {
        caseNo: c.caseNo,
        team: c.team,
        status: c.status,
        overdue: overdueAt(c.dues, now),
        paused: c.paused,
        ...(next === undefined ? {} : { nextDueAt: toChinaIso(next) }),
      };
    }),
    asOf: toChinaIso(now),
    ...(page.next ? { next: encodeListCursor(secret, page.next, scope) } : {}),
  };
}
