/**
 * The escalation levels (README "Escalation"), in their own module so that the limits can name
 * them (`NoticeHoldOnRestDays`) without importing the escalation.
 */
export const LEVELS = ['remind', 'urge', 'supervise', 'approvalSupervisor', 'approvalPresident'] as const;
export type Level = (typeof LEVELS)[number];
