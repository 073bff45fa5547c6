/**
 * Reads (docs/API.md "案件视图", "案件列表", "当事人公开时间线"): one case for its court, the court's case list for the command
 * centre, and the parties' disclosure timeline (第四章二) behind a per-case access code.
 */
import { type CaseView, caseView, noticeRecords } from '../case-view.js';
import { passedAtImport } from '../escalation.js';
import { type Language, LANGUAGES } from '../explain.js';
import { addToOutbox } from '../notice-lifecycle.js';
import { ForbiddenError, MalformedRequestError, NotFoundError } from '../errors.js';
import { apiDoc } from '../api-doc.js';
import { checkCaseNo } from '../case-number.js';
import { type EventType, type StoredEvent } from '../events.js';
import { checkCourtCode } from '../court-codes.js';
import { fieldError, fieldProblem } from '../field-errors.js';
import { CLOSING_NAMES } from '../notice-text.js';
import type { CaseRecord, CourtCodes, NoticeLedger } from '../ports.js';
import { checkPublicAccessCode, publicAccessCode } from '../signature.js';
import { type Instant, toChinaIso } from '../time.js';
import { type Caller, callerCourt } from './access.js';
import type { ListDeps } from './case-list.js';
import { type FoldSources, refoldCase, type Rules } from './case-records.js';

/** Reads re-fold a case planned under older limits (in memory), so they hold its fold sources. */
export interface ReadDeps extends FoldSources, ListDeps {
  readonly ledger: NoticeLedger;
  readonly codes: CourtCodes;
  readonly rules: Rules;
}

export { listCases } from './case-list.js';

/**
 * The outbox with what the next scan will add for an import: the levels passed by then,
 * shown as suppressed from the moment the import is applied.
 */
export function pendingOutbox(rules: Rules, record: CaseRecord): CaseRecord['outbox'] {
  if (record.importedAt === undefined) return record.outbox;
  return addToOutbox(record.outbox, passedAtImport(record.state, rules.limits, record.importedAt, record.sent).notices);
}

/** The snapshot as the current limits see it (re-planned in memory after a change). */
export async function currentState(deps: ReadDeps, record: CaseRecord, now: Instant): Promise<CaseRecord> {
  if (record.plannedWith === deps.rules.fingerprint) return record;
  const refolded = await refoldCase(deps, deps.rules, record.caseNo, [], now);
  return refolded.state ? { ...record, state: refolded.state, sent: refolded.sent } : record;
}

/** The canonical case number of a path, or 400 naming what is wrong (it reaches no store). */
function pathCaseNo(raw: string): string {
  const checked = checkCaseNo(raw);
  if (checked.ok) return checked.caseNo;
  throw new MalformedRequestError('路径中的案号无效 / the case number in the path is not valid', [fieldProblem('caseNo', checked, 'caseNumbers')], {
    see: apiDoc('caseNumbers'),
  });
}

/** `?lang=`: the language of the explanations' notes, Chinese unless `en` is asked for. */
export function parseLanguage(lang: string | undefined): Language {
  if (lang === undefined || lang === '') return 'zh';
  if ((LANGUAGES as readonly string[]).includes(lang)) return lang as Language;
  throw new MalformedRequestError('查询参数无效 / invalid query', [fieldError('lang', JSON.stringify(lang.slice(0, 20)), { zh: `以下之一：${LANGUAGES.join(', ')}`, en: `one of ${LANGUAGES.join(', ')}` }, 'caseView')], {
    see: apiDoc('caseView'),
  });
}

/** `GET /v1/cases/{caseNo}[?lang=en]`: the case, for the court that owns it. */
export async function readCase(deps: ReadDeps, caller: Caller, rawCaseNo: string, options: { readonly lang?: string } = {}): Promise<CaseView & { pendingEvents: number; publicCode: string }> {
  const now = deps.now();
  const court = await callerCourt(deps, caller);
  const lang = parseLanguage(options.lang);
  const caseNo = pathCaseNo(rawCaseNo);
  // A number of another court's code: 403 before any store is read — the same answer whether the case exists or not.
  const code = checkCourtCode(deps.codes, court, caseNo);
  if (!code.ok) throw new ForbiddenError(`${code.zh} / ${code.en}`);
  // Accepted first, then the snapshot: an event accepted in between and not yet applied counts as pending.
  const accepted = await deps.events.acceptedRefs(caseNo);
  const stored = await deps.snapshots.getCase(caseNo);
  if (!stored) {
    const owner = (await deps.events.caseOwners([caseNo])).get(caseNo);
    if (owner !== undefined && owner !== court) throw new ForbiddenError(`案件 ${caseNo} 属于其他法院 / case ${caseNo} is owned by another court`);
    throw new NotFoundError(
      owner
        ? `案件 ${caseNo} 已立案但尚未处理完，请稍后重试 / case ${caseNo} is filed but not processed yet; retry shortly`
        : `没有案件 ${caseNo} / no case ${caseNo}`,
    );
  }
  if (stored.court !== court) throw new ForbiddenError(`案件 ${caseNo} 属于其他法院 / case ${caseNo} is owned by another court`);
  const [record, ledger, secret] = await Promise.all([currentState(deps, stored, now), deps.ledger.listNotices(caseNo), deps.keys.secretOf(court)]);
  const view = caseView(record.state, noticeRecords(ledger, pendingOutbox(deps.rules, record), record.state, now), now, lang);
  const applied = new Set(stored.eventRefs ?? []);
  return { ...view, pendingEvents: accepted.filter((ref) => !applied.has(ref)).length, publicCode: publicAccessCode(secret ?? '', caseNo) };
}

/** Events that touch a party's interests and must be disclosed at once (第四章二). */
const DISCLOSED: Partial<Record<EventType, (e: StoredEvent) => string>> = {
  'case.filed': () => '执行案件立案，执行程序启动',
  'query.online.started': () => '发起网络执行查询',
  'query.online.returned': () => '网络查控结果反馈',
  'assets.frozen': () => '冻结被执行人存款等财产',
  'vehicle.seized': () => '查封被执行人车辆',
  'query.traditional.started': () => '启动传统查控',
  'realty.seized': () => '冻结、查封不动产等财产',
  'documents.sent': () => '制作并送达执行文书',
  'funds.arrived': (e) => (e.type === 'funds.arrived' ? `执行款到账 ${e.data.amount} 元` : '执行款到账'),
  'funds.paid': () => '执行款发放',
  'reward.decided': (e) => (e.type === 'reward.decided' && e.data.approved ? '准许悬赏申请' : '不准许悬赏申请'),
  'reward.published': () => '发布悬赏公告',
  'summons.enforced': () => '对被执行人采取拘传等措施',
  'measures.released': () => '解除财产控制措施',
  'measures.renewed': () => '续行查封、扣押、冻结财产',
  'enforcement.resumed': () => '恢复执行',
  'funds.deducted': () => '扣划被执行人存款、收入',
  'clock.paused': () => '执行期限中止或扣除（经审批）',
  'clock.resumed': () => '恢复计算执行期限',
  'case.closed': (e) => (e.type === 'case.closed' ? `结案：${CLOSING_NAMES[e.data.kind]}` : '结案'),
};

export interface TimelineEntry {
  readonly at: string;
  readonly what: string;
}

/** `GET /v1/public/cases/{caseNo}/timeline?code=`: what parties see. Unknown case and wrong code look the same. */
export async function readPublicTimeline(deps: ReadDeps, rawCaseNo: string, code: string | undefined): Promise<{ caseNo: string; status: string; timeline: TimelineEntry[] }> {
  const notFound = () => new NotFoundError('没有该案件，或查询码不对 / no such case, or the access code is wrong');
  const caseNo = pathCaseNo(rawCaseNo);
  if (!code || !/^[A-Za-z0-9_-]{12}$/.test(code)) throw notFound();
  const record = await deps.snapshots.getCase(caseNo);
  if (!record) throw notFound();
  const secret = await deps.keys.secretOf(record.court);
  if (!secret || !checkPublicAccessCode(secret, caseNo, code)) throw notFound();
  const events = await deps.events.loadEvents(record.eventRefs ?? []);
  const timeline = events
    .filter((e) => e.court === record.court && DISCLOSED[e.type])
    .sort((a, b) => a.at - b.at || (a.eventId < b.eventId ? -1 : 1))
    .map((e) => ({ at: toChinaIso(e.at), what: DISCLOSED[e.type]?.(e) ?? e.type }));
  return { caseNo, status: record.state.status, timeline };
}
