/**
 * How snapshots and event batches are stored: JSON, raw-deflated with a preset
 * dictionary, behind a one-byte format version. A case snapshot is mostly the same
 * keys and words every time; the dictionary lets deflate start from them.
 *
 * - Format 1: JSON as is; a dictionary of snapshot words written before due times kept
 *   their counting steps (read only).
 * - Format 2 (written now): instants — whole seconds between 2001 and 2286, the bulk of a
 *   snapshot with its steps — are written as the signed difference from the previous
 *   instant, in seconds, base 36, in a string marked `~` (a string that starts with `~`
 *   gets one more); the dictionary is fixed hand-written text of the catalog's and the
 *   counting's words (node, step, parameter, event and level names), never taken from
 *   generated cases. docs/PERFORMANCE.md "Snapshot size" measures both formats.
 *
 * The dictionary of a format never changes once data is written with it: a better one is
 * a new format, and the old one stays here for reading (test/adapters/codec.test.ts
 * decodes a stored value of every format and pins every dictionary).
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';

/** Format 1: the words of case snapshots, notices and events (most frequent last). Read only. */
const DICTIONARY_V1 = Buffer.from(
  [
    '{"kind":"organization","idHash":"","traits":["performedOrSettling","noPreciseLeads","disposeProperty","severeAntagonism","vehicleTransfer","complexOrSensitive","controlTeamRejects","insufficientProperty","historicalIssues","servedByPublicNotice","respondentMissing","actByAssistanceNotice","transferPropertyRights","returnPremises","criminalConfiscation","priorTerminatedCase","easy"]}',
    '"findings":[{"code":"terminationWithoutRequery","seed":"第三章七10","at":},{"code":"terminationWithoutRelatedRequery"},{"code":"terminationWithoutInterview"},{"code":"terminationBeforeThreeMonths"},{"code":"receptionNotRecorded"}]',
    '"pauses":[{"from":,"to":,"reason":"","approvedBy":""}],"closed":{"at":,"kind":"terminatedThisRound"},"manual":{"team":"","reason":"","approvedBy":"","at":}',
    '"outbox":{"":{"noticeId":"","court":"","caseNo":"(2026)豫0823执号","team":"service","node":"","instance":"","level":"remind","dueAt":,"reachedAt":,"decidedAt":,"message":"【提醒】(2026)豫0823执号「」距到期（期限月日00:00），请事务性工作集约办理团队及时办理。","subject":"[提醒] (2026)豫0823执号 "}}',
    '【催办】已超期小时分钟天，请普通案件执行团队负责人立即办理，内勤组跟踪。【督办】执行局长督办，承办：简易案件执行团队大额案件执行团队金融案件执行团队应急团队',
    '"sent":{"reception":"remind","onlineQuery":"urge","documents":"supervise","payout#":"approvalSupervisor","approvalPresident"}',
    '{"eventId":"","type":"case.filed","caseNo":"","occurredAt":"2026-10-01T09:00:00+08:00","at":,"data":{"paymentId":"","leadId":"","batchId":"","measureId":"","requestId":"","urgent":false,"approved":true,"documents":["executionNotice","propertyReportOrder","summons"]},"court":""}',
    '"query.online.started","query.online.returned","query.traditional.started","query.traditional.returned","reception.recorded","related.queried","documents.sent","assets.frozen","vehicle.seized","realty.seized","funds.arrived","funds.confirmed","payout.approved","funds.paid","field.returned","materials.handed","dossier.digitised","lead.submitted","lead.verified","case.closed","closing.ready","clock.paused","clock.resumed"',
    '{"state":{"caseNo":"(2026)豫0823执号","court":"","filedAt":,"handler":"执行员","facts":{"amount":,"financial":false,"respondents":[{"kind":"person","idHash":""}],"traits":[],"respondentMissing":false,"documentsSent":["executionNotice","propertyReportOrder","summons"],"terminationInterviewed":false,"onlineQueries":1,"relatedQueries":1,"reception":"recorded","online":{"deposits":0,"payment":0,"securities":0,"insurance":0,"vehicles":0,"enough":false},"traditional":{"housingFund":0,"realty":0,"land":0,"plant":0}},',
    '"triage":{"team":"ordinary","matched":["O1","L1","E1","S7"],"provisional":false},"team":"emergency","status":"open","pauses":[],"findings":[],"setAside":{"otherCourt":0,"afterClosing":0,"repeatedFiling":0},"applied":{"count":,"last":"00179#"},"nodes":[',
    '{"node":"freeze","startedAt":179,"dueAt":179},{"node":"vehicleSeizure"},{"node":"realtySeizure"},{"node":"fundsConfirm","instance":"P"},{"node":"payout","presidentAt":179},{"node":"transfer"},{"node":"materials","instance":"B"},{"node":"dossier"},{"node":"leadCheck","instance":"L"},{"node":"compulsorySummons"},{"node":"closing"},{"node":"closeSimple"}',
    '{"node":"reception","startedAt":179,"dueAt":179,"doneAt":179},{"node":"onlineQuery","startedAt":179,"dueAt":179,"doneAt":179},{"node":"traditionalQuery","startedAt":179,"dueAt":179,"doneAt":179},{"node":"relatedCases","startedAt":179,"dueAt":179,"doneAt":179},{"node":"documents","startedAt":179,"dueAt":179,"doneAt":179},{"node":"closeOther","startedAt":179,"dueAt":180,"unknownYears":[2027]},{"node":"longCaseReport","startedAt":179,"dueAt":180,"unknownYears":[2027]}]},"sent":{},"outbox":{}}',
  ].join(''),
  'utf8',
);

/**
 * Format 2: the words of the node catalog, the counting steps, the case facts, events and
 * notices, written out by hand in the shape a snapshot takes (most frequent last).
 */
const DICTIONARY_V2 = Buffer.from(
  [
    '"query.online.started","query.online.returned","query.traditional.started","query.traditional.returned","reception.recorded","related.queried","documents.sent","assets.frozen","vehicle.seized","realty.seized","funds.arrived","funds.confirmed","payout.approved","funds.paid","field.returned","materials.handed","dossier.digitised","lead.submitted","lead.verified","measures.renewed","measures.released","release.required","case.closed","clock.paused","clock.resumed"',
    '"traits":["actByAssistanceNotice","vehicleTransfer","servedByPublicNotice","noPreciseLeads","performedOrSettling","controlTeamRejects","priorTerminatedCase","disposeProperty","transferPropertyRights","returnPremises","criminalConfiscation","severeAntagonism","insufficientProperty","historicalIssues","complexOrSensitive","easy"]',
    '"findings":[{"code":"terminationWithoutRequery","seed":"第三章","at":"~"}],"closed":{"at":"~","kind":"terminatedThisRound"},"resumed":{"at":"~","newCaseNo":""},"early":{},"manual":{"team":"","reason":"","approvedBy":"","at":"~"}',
    '"outbox":{"":{"noticeId":"","court":"","caseNo":"","team":"service","node":"","instance":"","level":"remind","dueAt":"~","reachedAt":"~","decidedAt":"~","deliverAt":"~","message":"【提醒】「」距到期（期限月日24:00），请事务性工作集约办理团队及时办理。","subject":"[提醒] "}}',
    '【催办】已超期小时分钟天，请普通案件执行团队负责人立即办理，内勤组跟踪。【督办】执行局长督办，承办：简易案件执行团队大额案件执行团队金融案件执行团队应急团队',
    '{"rule":"pause","n":,"day":"2026-","endDay":"2026-","to":"~"},{"rule":"pauseAfterDue","day":"2026-","to":"~"},{"rule":"cap","n":24,"param":"RequeryForMonths","day":"2027-","baseDay":"2025-","to":"~"},{"rule":"notBeforeStart","day":"2026-","to":"~"},{"rule":"limitChanged","n":,"was":,"at":"~","param":"","to":"~"},{"rule":"unknownYear","years":[2027],"to":"~"},"unknownYears":[2027]',
    '{"node":"renewal","instance":"#1","startedAt":"~","dueAt":"~","steps":[{"rule":"startDay","to":"~"},{"rule":"term","n":12,"param":"DepositFreezeMonths","kind":"deposit","to":"~"},{"rule":"term","n":24,"param":"MovableSeizureMonths","kind":"movable","to":"~"},{"rule":"term","n":36,"param":"RealtySeizureMonths","kind":"realty","to":"~"},{"rule":"until","day":"2027-","to":"~"},{"rule":"leadBefore","n":15,"param":"RenewalLeadDays","to":"~"},{"rule":"restDayEarlier","day":"2027-","rest":{"zh":"周日","en":"Sunday"},"to":"~"}],"round":1,"measure":{"id":"","kind":"deposit","lapsesOn":"2027-","kindAssumed":true}}',
    '{"node":"requery","instance":"1","startedAt":"~","dueAt":"~","steps":[{"rule":"startDay","to":"~"},{"rule":"addMonths","n":6,"param":"RequeryPeriodMonths","to":"~"}],"round":1}',
    '{"node":"payout","instance":"","startedAt":"~","dueAt":"~","presidentAt":"~","steps":[{"rule":"startDay","to":"~"},{"rule":"addDays","n":10,"param":"PayoutDays","to":"~"}]},{"node":"transfer","instance":"","startedAt":"~","dueAt":"~","steps":[{"rule":"startDay","to":"~"},{"rule":"addDays","n":3,"param":"TransferDays","to":"~"}]}',
    '{"node":"materials","instance":"","startedAt":"~","dueAt":"~","steps":[{"rule":"startDay","to":"~"},{"rule":"addWorkingDays","n":2,"param":"MaterialsWorkingDays","skipped":[{"zh":"周六","en":"Saturday"}],"to":"~"}]},{"node":"dossier","instance":"","startedAt":"~","dueAt":"~","steps":[{"rule":"sameDay","param":"DossierDays","to":"~"}]}',
    '{"node":"leadCheck","instance":"","startedAt":"~","dueAt":"~","steps":[{"rule":"startHour","to":"~"},{"rule":"addHours","n":48,"param":"UrgentLeadHours","to":"~"}]},{"node":"newLeadCheck","steps":[{"rule":"addDays","n":5,"param":"NewLeadCheckDays"},{"rule":"addDays","n":5,"param":"LeadCheckDays"}]},{"node":"compulsorySummons","steps":[{"rule":"addDays","n":15,"param":"CompulsorySummonsDays"}]}',
    '{"node":"rewardDecision","steps":[{"rule":"addDays","n":10,"param":"RewardDecisionDays"}]},{"node":"rewardPublish","steps":[{"rule":"addDays","n":5,"param":"RewardPublishDays"}]},{"node":"release","steps":[{"rule":"addDays","n":3,"param":"ReleaseDays"}]},{"node":"deduction","steps":[{"rule":"addDays","n":10,"param":"DeductionDays"}]},{"node":"closing","steps":[{"rule":"addDays","n":1,"param":"ClosingDays"}]}',
    '{"node":"closeSimple","steps":[{"rule":"addDays","n":30,"param":"SimpleCaseDays"}]},{"node":"closeOther","startedAt":"~","dueAt":"~","steps":[{"rule":"startDay","to":"~"},{"rule":"addMonths","n":3,"param":"OtherCaseMonths","to":"~"}]},{"node":"longCaseReport","startedAt":"~","dueAt":"~","steps":[{"rule":"startDay","to":"~"},{"rule":"addMonths","n":5,"param":"LongCaseMonths","to":"~"}]}',
    '{"state":{"caseNo":"","court":"","filedAt":"~","handler":"","facts":{"amount":,"financial":false,"respondents":[{"kind":"person","idHash":""},{"kind":"organization","idHash":""},{"kind":"government","idHash":""}],"traits":[],"respondentMissing":false,"documentsSent":["executionNotice","propertyReportOrder","summons"],"terminationInterviewed":false,"onlineQueries":1,"onlineResults":1,"relatedQueries":1,"reception":"recorded","online":{"deposits":0,"payment":0,"securities":0,"insurance":0,"vehicles":0,"enough":false},"traditional":{"housingFund":0,"realty":0,"land":0,"plant":0}},',
    '"triage":{"team":"ordinary","matched":["O1","S7"],"provisional":false},"team":"ordinary","status":"open","pauses":[{"from":"~","reason":"","approvedBy":"","to":"~"}],"findings":[],"setAside":{"otherCourt":0,"afterClosing":0,"repeatedFiling":0},"applied":{"count":,"last":"00#"},"nodes":[',
    '{"node":"fundsConfirm","instance":"","startedAt":"~","dueAt":"~","steps":[{"rule":"startDay","to":"~"},{"rule":"addDays","n":3,"param":"FundsConfirmDays","to":"~"},{"rule":"restDayLater","day":"2026-","rest":{"zh":"春节","en":"Spring Festival"},"to":"~"}],"doneAt":"~"}',
    '{"node":"freeze","startedAt":"~","dueAt":"~","steps":[{"rule":"startHour","to":"~"},{"rule":"addHours","n":24,"param":"FreezeHours","to":"~"}],"doneAt":"~"},{"node":"vehicleSeizure","startedAt":"~","dueAt":"~","steps":[{"rule":"startDay","to":"~"},{"rule":"addDays","n":2,"param":"VehicleSeizureDays","to":"~"}],"doneAt":"~"},{"node":"realtySeizure","startedAt":"~","dueAt":"~","steps":[{"rule":"startDay","to":"~"},{"rule":"addDays","n":2,"param":"RealtySeizureDays","to":"~"}],"doneAt":"~"}',
    '{"node":"reception","startedAt":"~","dueAt":"~","steps":[{"rule":"startDay","to":"~"},{"rule":"addDays","n":1,"param":"ReceptionDays","to":"~"}],"doneAt":"~"},{"node":"onlineQuery","startedAt":"~","dueAt":"~","steps":[{"rule":"startHour","to":"~"},{"rule":"addHours","n":24,"param":"OnlineQueryHours","to":"~"}],"doneAt":"~"},{"node":"traditionalQuery","startedAt":"~","dueAt":"~","steps":[{"rule":"sameDay","param":"TraditionalQueryDays","to":"~"}],"doneAt":"~"}',
    '{"node":"relatedCases","startedAt":"~","dueAt":"~","steps":[{"rule":"startDay","to":"~"},{"rule":"addDays","n":2,"param":"RelatedQueryDays","to":"~"}],"doneAt":"~"},{"node":"documents","startedAt":"~","dueAt":"~","steps":[{"rule":"startDay","to":"~"},{"rule":"addDays","n":2,"param":"DocumentsDays","to":"~"}],"doneAt":"~"}]},"sent":{"reception":"remind","onlineQuery":"urge","documents":"supervise","payout#":"approvalSupervisor"},"outbox":{}}',
  ].join(''),
  'utf8',
);

const DICTIONARIES: Readonly<Record<number, Buffer>> = { 1: DICTIONARY_V1, 2: DICTIONARY_V2 };
/** Every format this code reads, oldest first. */
export const FORMATS: readonly number[] = Object.keys(DICTIONARIES).map(Number);
const CURRENT = 2;

/** Whole seconds from 2001-09-09 to 2286: what format 2 writes as a difference. */
const isInstant = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1e12 && v < 1e13 && v % 1000 === 0;
const MARK = '~';

/**
 * Format 2's JSON of a value: instants as differences, marked strings escaped. Leaves are
 * visited in document order both by `JSON.stringify`'s replacer and by `JSON.parse`'s
 * reviver, so the running "previous instant" is the same on both sides.
 */
function stringifyInstants(value: unknown): string {
  let previous = 0;
  return JSON.stringify(value, (_key, v: unknown) => {
    if (isInstant(v)) {
      const diff = (v - previous) / 1000;
      previous = v;
      return MARK + diff.toString(36);
    }
    return typeof v === 'string' && v.startsWith(MARK) ? MARK + v : v;
  });
}

function parseInstants(text: string): unknown {
  let previous = 0;
  return JSON.parse(text, (_key, v: unknown) => {
    if (typeof v !== 'string' || !v.startsWith(MARK)) return v;
    if (v.startsWith(MARK, 1)) return v.slice(1);
    previous += parseInt(v.slice(1), 36) * 1000;
    return previous;
  });
}

/** Encodes a JSON value for storage (the current format unless another is named: benches compare them). */
export function pack(value: unknown, format: number = CURRENT): Uint8Array {
  const dictionary = DICTIONARIES[format];
  if (!dictionary) throw new RangeError(`no codec format ${format}`);
  const json = format >= 2 ? stringifyInstants(value) : JSON.stringify(value);
  return Buffer.concat([Buffer.from([format]), deflateRawSync(json, { dictionary, level: 9 })]);
}

/** Decodes a stored value of any known format. */
export function unpack<T>(value: unknown): T {
  if (!(value instanceof Uint8Array) || value.length < 2) throw new TypeError('stored value is not a packed binary');
  const format = value[0] ?? 0;
  const dictionary = DICTIONARIES[format];
  if (!dictionary) throw new TypeError(`stored value has unknown format ${format}`);
  const text = inflateRawSync(value.subarray(1), { dictionary }).toString('utf8');
  return (format >= 2 ? parseInstants(text) : JSON.parse(text)) as T;
}
