import type { MetricValue } from './task.types.js';

/** Latest value per key wins; keys keep the order in which they were first reported. */
export function mergeMetrics(
  current: readonly MetricValue[],
  reported: readonly MetricValue[],
): MetricValue[] {
  const merged = new Map(current.map((metric) => [metric.key, metric.value]));
  for (const { key, value } of reported) merged.set(key, value);
  return [...merged].map(([key, value]) => ({ key, value }));
}

/** Evidence accumulates across reports, each link once. */
export function appendEvidence(current: readonly string[], reported: readonly string[]): string[] {
  return [...new Set([...current, ...reported])];
}
