/** Task lifecycle: ASSIGNED → (签收 acknowledge) → IN_PROGRESS → COMPLETED; BLOCKED and back; CANCELLED is final. */
export type TaskStatus = 'ASSIGNED' | 'IN_PROGRESS' | 'BLOCKED' | 'COMPLETED' | 'CANCELLED';

/** Traffic light for follow-up (督办). */
export type TaskHealth = 'GREEN' | 'YELLOW' | 'RED';

/** 催办 reminder kinds, in the order they fall due. */
export type ReminderKind = 'UPCOMING' | 'DUE_SOON' | 'DUE' | 'OVERDUE';

/** A quantified target, e.g. key=trainees label=培训人数 target=92 unit=人. */
export interface MetricTarget {
  readonly key: string;
  readonly label: string;
  readonly target: number;
  readonly unit?: string | null;
}

/** A reported value of a metric; the latest report of a key wins. */
export interface MetricValue {
  readonly key: string;
  readonly value: number;
}
