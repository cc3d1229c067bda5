import type { CombinedError } from 'urql';
import type { Translate } from './prefs';

/** The contract's error codes (schema.graphql header). */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INVALID_TRANSITION'
  | 'SERVICE_UNAVAILABLE';

export interface PlainError {
  readonly code: ErrorCode | 'NETWORK' | 'UNKNOWN';
  readonly text: string;
}

/** A contract error in plain words for people who are not GraphQL programmers. */
export function describeError(error: CombinedError, t: Translate): PlainError {
  const first = error.graphQLErrors[0];
  if (!first) {
    const status = (error.response as { status?: number } | undefined)?.status;
    if (status === 401) return { code: 'UNAUTHENTICATED', text: t('errUNAUTHENTICATED') };
    return { code: 'NETWORK', text: t('errNetwork') };
  }
  const code = first.extensions?.code as ErrorCode | undefined;
  const message = first.message;
  switch (code) {
    case 'CONFLICT':
      return {
        code,
        text: t('errCONFLICT', { revision: String(first.extensions?.actualRevision ?? '?') }),
      };
    case 'FORBIDDEN':
    case 'UNAUTHENTICATED':
    case 'SERVICE_UNAVAILABLE':
      return { code, text: t(`err${code}`) };
    case 'NOT_FOUND':
    case 'BAD_USER_INPUT':
    case 'INVALID_TRANSITION':
      return { code, text: t(`err${code}`, { message }) };
    default:
      return { code: 'UNKNOWN', text: t('errUnknown', { message }) };
  }
}
