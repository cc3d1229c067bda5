import { useState } from 'react';
import { usePrefs } from '../lib/prefs';

/** Cursor pagination: the cursors of the pages already seen make "previous" possible. */
export function Pager({
  page,
  hasNext,
  onPrevious,
  onNext,
  total,
}: {
  page: number;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
  total?: number;
}) {
  const { t } = usePrefs();
  return (
    <nav className="pager" aria-label={t('pageOf', { page })}>
      <button type="button" onClick={onPrevious} disabled={page <= 1}>
        ‹ {t('previousPage')}
      </button>
      <span aria-live="polite">
        {t('pageOf', { page })}
        {total !== undefined && ` · ${t('totalItems', { n: total })}`}
      </span>
      <button type="button" onClick={onNext} disabled={!hasNext}>
        {t('nextPage')} ›
      </button>
    </nav>
  );
}

export interface Cursors {
  /** The `after` of the page on show (null for the first). */
  readonly after: string | null;
  readonly page: number;
  back(): void;
  forward(endCursor: string | null | undefined): void;
}

/** The cursors of the pages seen so far, the last one the page on show. */
export function useCursors(): Cursors {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  return {
    after: cursors[cursors.length - 1],
    page: cursors.length,
    back: () => setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c)),
    forward: (end) => {
      if (end) setCursors((c) => [...c, end]);
    },
  };
}

/** The pager of a GraphQL connection paged by cursor. */
export function CursorPager({
  cursors,
  pageInfo,
  total,
}: {
  cursors: Cursors;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null } | undefined;
  total?: number;
}) {
  return (
    <Pager
      page={cursors.page}
      total={total}
      hasNext={Boolean(pageInfo?.hasNextPage)}
      onPrevious={cursors.back}
      onNext={() => cursors.forward(pageInfo?.endCursor)}
    />
  );
}
