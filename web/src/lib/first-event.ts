import { useQuery } from 'urql';
import { FirstEventDocument } from '../gql/graphql';

/** When the log begins: the left end of the time-travel slider. */
export function useFirstEventAt(): string | null {
  const [{ data }] = useQuery({ query: FirstEventDocument, requestPolicy: 'cache-first' });
  return data?.auditLog.edges[0]?.node.occurredAt ?? null;
}
