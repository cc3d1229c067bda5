import type { TaskHealth } from '../gql/graphql';

const RANK: Record<TaskHealth, number> = { GREEN: 0, YELLOW: 1, RED: 2 };

/** The worst traffic light of several; null when there is none. */
export function worstHealth(lights: Iterable<TaskHealth | null | undefined>): TaskHealth | null {
  let worst: TaskHealth | null = null;
  for (const light of lights) {
    if (light && (worst === null || RANK[light] > RANK[worst])) worst = light;
  }
  return worst;
}
