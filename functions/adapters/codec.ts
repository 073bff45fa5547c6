/**
 * How snapshots and event batches are stored: JSON, raw-deflated with a preset
 * dictionary, behind a one-byte format version. A case snapshot is mostly the same
 * keys and words every time; the dictionary lets deflate start from them, so a typical
 * snapshot takes ~300 bytes instead of ~1,700 (one write unit, with room to spare).
 *
 * The dictionary of a format version never changes once data is written with it: a
 * better dictionary is a new version, and the old one stays here for reading.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';

/** Format 1: the words of case snapshots, notices and events (most frequent last). */
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

const DICTIONARIES: Record<number, Buffer> = { 1: DICTIONARY_V1 };
const CURRENT = 1;

/** Encodes a JSON value for storage (current format). */
export function pack(value: unknown): Uint8Array {
  const body = deflateRawSync(JSON.stringify(value), { dictionary: DICTIONARY_V1, level: 9 });
  return Buffer.concat([Buffer.from([CURRENT]), body]);
}

/** Decodes a stored value of any known format. */
export function unpack<T>(value: unknown): T {
  if (!(value instanceof Uint8Array) || value.length < 2) throw new TypeError('stored value is not a packed binary');
  const dictionary = DICTIONARIES[value[0] ?? 0];
  if (!dictionary) throw new TypeError(`stored value has unknown format ${value[0]}`);
  return JSON.parse(inflateRawSync(value.subarray(1), { dictionary }).toString('utf8')) as T;
}
