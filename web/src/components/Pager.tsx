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
