/**
 * The life of a notice once the escalation decided it (README "Escalation" "When people are
 * told", §7 import). Pure decisions; the ledger (`NoticeLedger`) makes each arrow one
 * conditional write, so no two runs can take different arrows from the same state:
 *
 * ```
 * decided ─┬─ deliverAt reached ──────────────────────▶ claimed ──▶ sent
 *          ├─ deliverAt later ──▶ held ─┬─ deliverAt ─▶ claimed ──▶ sent
 *          │                            ├─ node done first ──────▶ cancelled
 *          │                            └─ higher level decided ─▶ superseded
 *          └─ passed before an import ───────────────────────────▶ suppressed
 * ```
 *
 * `claimed` is entered only from nothing or `held`; `cancelled` and `superseded` only
 * from nothing or `held`; `held` and `suppressed` only from nothing. `sent`,
 * `cancelled`, `superseded` and `suppressed` are final.
 */
import type { LegalCalendar } from './calendar.js';
import type { CaseState, NodeInstance } from './case-state.js';
import { deliverAt, type DeliveryPolicy } from './delivery.js';
import { LADDERS, type Notice } from './escalation.js';
import type { Level } from './levels.js';
import { nodeDefinition, nodeKey } from './nodes.js';
import type { Instant } from './time.js';

export const LEDGER_STATUSES = ['held', 'claimed', 'sent', 'cancelled', 'superseded', 'suppressed'] as const;
/** A notice's state in the ledger. */
export type LedgerStatus = (typeof LEDGER_STATUSES)[number];

/** States no run leaves again. */
export const FINAL_STATUSES: ReadonlySet<LedgerStatus> = new Set(['sent', 'cancelled', 'superseded', 'suppressed']);

/** What the scan does with a notice of a case's outbox, as of its `now`. */
export type OutboxAction = 'publish' | 'hold' | 'suppress' | 'cancel' | 'supersede';

/** Notices with their delivery moment: `deliverAt` is set where it is later than `decidedAt`. */
export function scheduleDelivery(notices: readonly Notice[], policy: DeliveryPolicy, calendar: LegalCalendar): Notice[] {
  return notices.map((n) => {
    if (n.suppressed) return n;
    const at = deliverAt(n.decidedAt, n.level, policy, calendar);
    return at > n.decidedAt ? { ...n, deliverAt: at } : n;
  });
}

/** Rank of a level on its node's ladder. */
function rankOf(n: Notice): number {
  const ladder: readonly Level[] = LADDERS[nodeDefinition(n.node).ladder];
  return ladder.indexOf(n.level);
}

const keyOf = (n: Pick<Notice, 'node' | 'instance'>) => nodeKey(n.node, n.instance);

/**
 * The outbox with `fresh` notices added: a held notice of the same node at a lower level
 * is marked superseded by the highest new one, so only the highest is delivered.
 */
export function addToOutbox(outbox: Readonly<Record<string, Notice>>, fresh: readonly Notice[]): Record<string, Notice> {
  const out: Record<string, Notice> = { ...outbox };
  for (const f of fresh) {
    for (const [id, n] of Object.entries(out)) {
      if (n.deliverAt !== undefined && !n.suppressed && keyOf(n) === keyOf(f) && rankOf(n) < rankOf(f)) {
        out[id] = { ...n, supersededBy: f.noticeId };
      }
    }
    out[f.noticeId] = f;
  }
  return out;
}

function nodeOf(state: CaseState, n: Notice): NodeInstance | undefined {
  return state.nodes.find((x) => x.node === n.node && x.instance === n.instance);
}

/**
 * What becomes of an outbox notice at `now`: a held notice whose node is done (or gone
 * after a re-fold) is cancelled; one that waits for its `deliverAt` is held; otherwise it
 * is published. A notice decided for delivery at once goes out even if its node was done
 * meanwhile (it was due when decided, as before quiet hours existed).
 */
export function outboxAction(n: Notice, state: CaseState, now: Instant): OutboxAction {
  if (n.suppressed) return 'suppress';
  if (n.supersededBy !== undefined) return 'supersede';
  if (n.deliverAt !== undefined) {
    const node = nodeOf(state, n);
    if (!node || node.doneAt !== undefined) return 'cancel';
    if (n.deliverAt > now) return 'hold';
  }
  return 'publish';
}

/**
 * When the outbox needs the scan: a held notice at its `deliverAt`; a held notice whose
 * node is done, when it was done (so the cancellation is recorded by the next scan);
 * anything else at `retryAt` (it is to be written to the ledger or published).
 * `undefined` when empty.
 */
export function outboxWakeAt(outbox: Readonly<Record<string, Notice>>, state: CaseState, now: Instant, retryAt: Instant): Instant | undefined {
  let wake: Instant | undefined;
  for (const n of Object.values(outbox)) {
    const action = outboxAction(n, state, now);
    const at =
      action === 'hold' && n.deliverAt !== undefined
        ? n.deliverAt
        : action === 'cancel'
          ? Math.min(retryAt, nodeOf(state, n)?.doneAt ?? retryAt)
          : retryAt;
    if (wake === undefined || at < wake) wake = at;
  }
  return wake;
}

/** The status the case view shows for a notice, as of `now`. */
export type NoticeViewStatus = 'held' | 'sending' | 'sent' | 'cancelled' | 'superseded' | 'suppressed';

const FATE_OF_ACTION: Record<OutboxAction, NoticeViewStatus> = {
  publish: 'sending',
  hold: 'held',
  suppress: 'suppressed',
  cancel: 'cancelled',
  supersede: 'superseded',
};

/**
 * What the case view shows for a notice: its ledger status, or — while the outbox still
 * holds it (a decision the scan has not carried out yet) — the fate the scan will give it.
 * A held notice due now stays `held` until it is sent.
 */
export function viewStatus(ledger: LedgerStatus | undefined, inOutbox: Notice | undefined, state: CaseState, now: Instant): NoticeViewStatus {
  if (ledger !== undefined && FINAL_STATUSES.has(ledger)) return ledger as NoticeViewStatus;
  if (ledger === 'claimed') return 'sending';
  if (!inOutbox) return ledger === 'held' ? 'held' : 'sending';
  const fate = FATE_OF_ACTION[outboxAction(inOutbox, state, now)];
  return fate === 'sending' && inOutbox.deliverAt !== undefined ? 'held' : fate;
}

/** Statuses that count for a node's `level`: the highest escalation sent (or on its way) or suppressed. */
export const LEVEL_STATUSES: ReadonlySet<NoticeViewStatus> = new Set(['sending', 'sent', 'suppressed']);
