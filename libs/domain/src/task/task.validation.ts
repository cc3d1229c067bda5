import { ValidationError } from '../shared/errors.js';
import {
  dedupe,
  finiteNumber,
  LIMITS,
  list,
  metricKey,
  optionalText,
  requiredText,
  uniqueKeys,
} from '../shared/validation.js';
import type { MetricTarget, MetricValue } from './task.types.js';

/** Targets of an assignment: keys unique, every number finite. Absent means none. */
export function metricTargets(field: string, value: unknown): MetricTarget[] {
  const targets = list(field, value, LIMITS.targets, (at, item) => {
    const target = asRecord(at, item);
    return {
      key: metricKey(`${at}.key`, target.key),
      label: requiredText(`${at}.label`, target.label, LIMITS.label),
      target: finiteNumber(`${at}.target`, target.target),
      unit: optionalText(`${at}.unit`, target.unit, LIMITS.targetUnit),
    };
  });
  uniqueKeys(
    field,
    targets.map((target) => target.key),
  );
  return targets;
}

/** Reported metric values: one value per key per report. */
export function metricValues(field: string, value: unknown): MetricValue[] {
  const metrics = list(field, value, LIMITS.metrics, (at, item) => {
    const metric = asRecord(at, item);
    return { key: metricKey(`${at}.key`, metric.key), value: finiteNumber(`${at}.value`, metric.value) };
  });
  uniqueKeys(
    field,
    metrics.map((metric) => metric.key),
  );
  return metrics;
}

/** When a task has targets, units report against them and nothing else. */
export function assertMetricsMatchTargets(
  field: string,
  metrics: readonly MetricValue[],
  targets: readonly MetricTarget[],
): void {
  if (targets.length === 0) return;
  const keys = targets.map((target) => target.key);
  const index = metrics.findIndex((metric) => !keys.includes(metric.key));
  if (index >= 0) {
    throw new ValidationError(
      `${field}[${index}].key`,
      `must be one of the task's target keys: ${keys.join(', ')}`,
    );
  }
}

/** Links or document ids backing a report, each once. */
export function evidenceList(field: string, value: unknown): string[] {
  return dedupe(
    list(field, value, LIMITS.evidenceItems, (at, item) => requiredText(at, item, LIMITS.evidenceItem)),
  );
}

function asRecord(field: string, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ValidationError(field, 'must be an object');
  }
  return value as Record<string, unknown>;
}
