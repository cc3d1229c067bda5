import { useId, useState, type FormEvent } from 'react';
import { Client, cacheExchange, fetchExchange } from 'urql';
import { DirectoryDocument } from '../gql/graphql';
import type { MessageKey } from '../i18n/zh';
import { describeError } from '../lib/errors';
import { usePrefs } from '../lib/prefs';
import { navigate, useSearchParams } from '../lib/router';
import { decodeToken, signIn, TokenError } from '../lib/session';

/**
 * Development sign-in: paste a token from `npm run token`. The claims are read here only to
 * show who you are; the first query proves the server accepts the signature.
 */
export function SignInPage() {
  const { t } = usePrefs();
  const id = useId();
  const [params] = useSearchParams();
  const [token, setToken] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setProblem(null);
    let session;
    try {
      session = decodeToken(token);
    } catch (error) {
      const reason = error instanceof TokenError ? error.message : 'notAJwt';
      const key = `token${reason.charAt(0).toUpperCase()}${reason.slice(1)}` as MessageKey;
      setProblem(t(key));
      return;
    }
    setBusy(true);
    const probe = new Client({
      url: '/graphql',
      preferGetMethod: false,
      exchanges: [cacheExchange, fetchExchange],
      fetchOptions: { headers: { authorization: `Bearer ${session.token}` } },
    });
    const result = await probe.query(DirectoryDocument, {}).toPromise();
    setBusy(false);
    if (result.error) {
      const message = result.error.graphQLErrors[0]?.message ?? describeError(result.error, t).text;
      setProblem(t('tokenRejected', { reason: message }));
      return;
    }
    signIn(session);
    const next = params.get('next');
    navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
  };

  return (
    <section aria-labelledby="sign-in-title" className="sign-in">
      <h1 id="sign-in-title">{t('signInTitle')}</h1>
      <p>{t('signInIntro')}</p>
      <form onSubmit={(e) => void submit(e)} className="panel">
        <div className="field field-wide">
          <label htmlFor={`${id}-token`}>{t('tokenLabel')}</label>
          <textarea
            id={`${id}-token`}
            rows={5}
            required
            spellCheck={false}
            autoComplete="off"
            value={token}
            onChange={(e) => setToken(e.target.value)}
            aria-describedby={`${id}-hint`}
          />
        </div>
        <p id={`${id}-hint`} className="muted">
          {t('signInHint')}
          <br />
          <code>npm run token -- --role office --sub office-1 --name 对口支援办公室</code>
        </p>
        {problem && (
          <p className="notice notice-error" role="alert">
            ⚠ {problem}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {t('signInButton')}
        </button>
      </form>
      <p className="muted">{t('oidcNotConfigured')}</p>
    </section>
  );
}
