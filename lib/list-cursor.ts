/**
 * Listing cursors (docs/API.md "案件列表"): the position after a page's last case, signed
 * with the reading court's secret so that a cursor can be neither forged nor used by
 * another court or with other filters. A cursor that does not verify is the client's
 * error (400), never a store fault.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { checkCaseNo } from './case-number.js';
import { caseNoOfListingKey } from './listing.js';
import type { ListPosition } from './ports.js';

/** What a cursor is bound to besides the court: the filters of the listing it pages. */
export interface CursorScope {
  readonly team?: string;
  readonly overdue?: boolean;
}

const mac = (secret: string, payload: string) => createHmac('sha256', secret).update(`cursor\n${payload}`).digest('base64url').slice(0, 22);
const scopeText = (scope: CursorScope) => `${scope.team ?? ''}|${scope.overdue === undefined ? '' : String(scope.overdue)}`;

/** `<payload>.<mac>`: base64url JSON of the position and the scope, and its HMAC under the court's secret. */
export function encodeListCursor(secret: string, position: ListPosition, scope: CursorScope): string {
  const payload = Buffer.from(JSON.stringify({ k: position.key, s: scopeText(scope) }), 'utf8').toString('base64url');
  return `${payload}.${mac(secret, payload)}`;
}

/** The position a cursor names, if it verifies for this court and these filters; undefined otherwise. */
export function decodeListCursor(secret: string, cursor: string, scope: CursorScope): ListPosition | undefined {
  const m = /^([A-Za-z0-9_-]{1,2048})\.([A-Za-z0-9_-]{22})$/.exec(cursor);
  if (!m) return undefined;
  const [, payload = '', given = ''] = m;
  const expected = Buffer.from(mac(secret, payload));
  if (!timingSafeEqual(Buffer.from(given), expected)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const v = value as { k?: unknown; s?: unknown } | null;
  if (typeof v?.k !== 'string' || v.s !== scopeText(scope)) return undefined;
  const caseNo = caseNoOfListingKey(v.k);
  const checked = caseNo === undefined ? undefined : checkCaseNo(caseNo);
  if (!checked?.ok || checked.caseNo !== caseNo) return undefined;
  return { key: v.k };
}
