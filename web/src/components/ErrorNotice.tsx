import type { CombinedError } from 'urql';
import { describeError } from '../lib/errors';
import { usePrefs } from '../lib/prefs';
import { Link } from '../lib/router';

/** A contract error in plain words, with the one useful next step (reload, sign in). */
export function ErrorNotice({ error, onReload }: { error: CombinedError; onReload?: () => void }) {
  const { t } = usePrefs();
  const plain = describeError(error, t);
  return (
    <div className="notice notice-error" role="alert" data-code={plain.code}>
      <span aria-hidden="true">⚠ </span>
      {plain.text}{' '}
      {plain.code === 'CONFLICT' && onReload && (
        <button type="button" className="link-button" onClick={onReload}>
          {t('reload')}
        </button>
      )}
      {plain.code === 'UNAUTHENTICATED' && <Link to="/sign-in">{t('navSignIn')}</Link>}
    </div>
  );
}
