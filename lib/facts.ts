/**
 * What the system knows about a case, gathered from its events: the input of triage and
 * of the node rules' conditions.
 */
import type { Trait } from './events.js';
import type { Instant } from './time.js';

export interface Respondent {
  readonly kind: 'person' | 'organization' | 'government';
  /** A hash of the respondent's id number; never the number itself. */
  readonly idHash?: string;
}

export interface OnlineResults {
  readonly deposits: number;
  readonly payment: number;
  readonly securities: number;
  readonly insurance: number;
  readonly vehicles: number;
  readonly enough: boolean;
}

export interface TraditionalResults {
  readonly housingFund: number;
  readonly realty: number;
  readonly land: number;
  readonly plant: number;
}

/** The id hashes of the respondents that carry one (S7 reads history by them). */
export function respondentIdHashes(respondents: readonly Respondent[]): string[] {
  return respondents.flatMap((r) => (r.idHash ? [r.idHash] : []));
}

/** A prior case of the same respondent closed by 终本 (S7), from the system's own history. */
export interface PriorTermination {
  readonly idHash: string;
  readonly caseNo: string;
  readonly closedAt: Instant;
}

export interface CaseFacts {
  readonly amount: number;
  readonly financial: boolean;
  readonly respondents: readonly Respondent[];
  /** Traits from filing and from the control team's results, without repeats. */
  readonly traits: readonly Trait[];
  readonly online?: OnlineResults;
  readonly traditional?: TraditionalResults;
  /** A `respondent.missing` event was recorded. */
  readonly respondentMissing: boolean;
  readonly documentsSent: readonly string[];
  readonly terminationInterviewed: boolean;
  /** `query.online.started` events: online query rounds started. */
  readonly onlineQueries: number;
  /** `query.online.returned` events: rounds whose results came back (a round may be posted by its results only). */
  readonly onlineResults: number;
  readonly relatedQueries: number;
  readonly reception?: 'recorded' | 'skipped';
  /** Why there was no reception (一(一)2: "未进行初次接待的案件应在逐案说明原因"). */
  readonly receptionSkipReason?: string;
  readonly priorTermination?: { readonly caseNo: string; readonly closedAt: Instant };
}
