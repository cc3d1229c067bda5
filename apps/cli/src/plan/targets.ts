import { createHash } from 'node:crypto';
import { LIMITS, METRIC_KEY_PATTERN, type MetricTarget } from '#domain';
import { DEMO_TASKS } from '../demo-plan.js';

/**
 * Keys of the labels the 2023 report uses (培训人数 → trainees, …), so a plan typed in
 * Chinese gets the same keys the demo and the app use for them.
 */
const KNOWN_KEYS: ReadonlyMap<string, string> = new Map(
  DEMO_TASKS.flatMap((task) => task.targets.map((t) => [t.label, t.key] as const)),
);

/**
 * A stable metric key for a label: the known one, the label itself when it is a valid key
 * in ASCII (`trainees`), else `m_` and 8 hex digits of its SHA-256 — the same label always
 * gets the same key, so re-imports and reports agree.
 */
export function metricKeyFor(label: string): string {
  const known = KNOWN_KEYS.get(label);
  if (known) return known;
  const ascii = label
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (ascii && ascii.length <= 64 && /[a-z]/.test(ascii) && ascii.length >= label.length / 2) return ascii;
  return `m_${createHash('sha256').update(label.normalize('NFKC'), 'utf8').digest('hex').slice(0, 8)}`;
}

// `label[key] = number unit`, with full-width = and : accepted (NFKC makes them ASCII).
const TARGET = /^(.+?)\s*(?:\[\s*([^\]]+?)\s*\])?\s*[=:]\s*([-+]?(?:\d[\d,]*)(?:\.\d+)?)\s*(.*)$/;
const MULTIPLIERS: Record<string, number> = { 万: 10_000, 亿: 100_000_000 };

export type TargetsResult =
  { readonly ok: true; readonly targets: MetricTarget[] } | { readonly ok: false; readonly reason: string };

/**
 * `培训人数=92人; 满意度=95%` → [{key: trainees, label: 培训人数, target: 92, unit: 人},
 * {key: satisfaction, label: 满意度, target: 95, unit: %}]. Separators: ; ； , ， or a line
 * break. `2500万元` is 25,000,000 元. A key of your own: `培训人数[trainees]=92人`.
 */
export function parseTargets(text: string): TargetsResult {
  const parts = text
    .normalize('NFKC')
    .split(/[;\n]|,(?!\d{3})|、/)
    .map((part) => part.trim())
    .filter(Boolean);
  const targets: MetricTarget[] = [];
  for (const part of parts) {
    const match = TARGET.exec(part);
    if (!match) return { ok: false, reason: `"${part}" is not label=number (e.g. 培训人数=92人)` };
    const [, rawLabel, explicitKey, rawNumber, rawUnit] = match;
    const label = rawLabel.trim();
    let unit = rawUnit.trim();
    let target = Number(rawNumber.replace(/,/g, ''));
    const multiplier = MULTIPLIERS[unit[0] ?? ''];
    if (multiplier) {
      target *= multiplier;
      unit = unit.slice(1).trim();
    }
    if (!Number.isFinite(target)) return { ok: false, reason: `"${part}": ${rawNumber} is not a number` };
    if (Array.from(label).length > LIMITS.label) {
      return { ok: false, reason: `"${label}": a label has at most ${LIMITS.label} characters` };
    }
    if (Array.from(unit).length > LIMITS.targetUnit) {
      return {
        ok: false,
        reason: `"${part}": the unit "${unit}" is longer than ${LIMITS.targetUnit} characters`,
      };
    }
    const key = explicitKey ?? metricKeyFor(label);
    if (!METRIC_KEY_PATTERN.test(key)) {
      return { ok: false, reason: `"${part}": the key "${key}" must be letters, digits, "_", "." or "-"` };
    }
    if (targets.some((t) => t.key === key)) {
      return { ok: false, reason: `"${label}" appears twice (key ${key})` };
    }
    targets.push({ key, label, target, unit: unit === '' ? null : unit });
  }
  if (targets.length > LIMITS.targets) return { ok: false, reason: `at most ${LIMITS.targets} targets` };
  return { ok: true, targets };
}

/** The inverse, for the template and the export: `培训人数=92人; 满意度=95%`. */
export function formatTargets(targets: readonly MetricTarget[]): string {
  return targets.map((t) => `${t.label}=${t.target}${t.unit ?? ''}`).join('; ');
}
