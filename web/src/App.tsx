import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { Provider, useQuery } from 'urql';
import { DirectoryDocument } from './gql/graphql';
import type { MessageKey } from './i18n/zh';
import { createApiClient, type ApiClient } from './lib/client';
import { PrefsProvider, usePrefs } from './lib/prefs';
import { href, Link, navigate, useLocation } from './lib/router';
import { signOut, useSession, type RoleClaim, type Session } from './lib/session';
import { browserTimeZone, DEFAULT_TIME_ZONE } from './lib/time';
import { AuditPage } from './pages/audit/AuditPage';
import { BoardPage } from './pages/board/BoardPage';
import { SignInPage } from './pages/SignInPage';
import { ComparePage } from './pages/task/ComparePage';
import { TaskPage } from './pages/task/TaskPage';
import { TaskListPage } from './pages/tasks/TaskListPage';

export const ROLE_LABEL: Record<RoleClaim, MessageKey> = {
  office: 'roleOffice',
  unit_manager: 'roleUnitManager',
  auditor: 'roleAuditor',
  worker: 'roleWorker',
};

export function App() {
  return (
    <PrefsProvider>
      <Shell />
    </PrefsProvider>
  );
}

function Shell() {
  const session = useSession();
  const { t } = usePrefs();
  const skip = (
    <a className="skip-link" href="#main">
      {t('skipToContent')}
    </a>
  );
  if (session) return <SignedIn key={session.token} session={session} skip={skip} />;
  return (
    <>
      {skip}
      <Header session={null} />
      <main id="main" tabIndex={-1}>
        <SignInRoute />
      </main>
    </>
  );
}

function SignInRoute() {
  const { pathname, search } = useLocation();
  useEffect(() => {
    if (pathname !== '/sign-in') navigate(href('/sign-in', { next: pathname + search }), { replace: true });
  }, [pathname, search]);
  return <SignInPage />;
}

function SignedIn({ session, skip }: { session: Session; skip: ReactNode }) {
  // Created in an effect, not a memo, so StrictMode's mount-unmount-mount in development
  // does not leave the page with a disposed WebSocket client.
  const [api, setApi] = useState<ApiClient | null>(null);
  useEffect(() => {
    const created = createApiClient(session.token);
    setApi(created);
    return () => created.dispose();
  }, [session.token]);
  // A token that expires while the page is open signs the user out instead of failing quietly.
  useEffect(() => {
    const timer = setTimeout(signOut, Math.min(session.exp * 1000 - Date.now(), 2 ** 31 - 1));
    return () => clearTimeout(timer);
  }, [session.exp]);
  if (!api) return null;
  return (
    <Provider value={api.client}>
      {skip}
      <Header session={session} />
      <main id="main" tabIndex={-1}>
        <Routes />
      </main>
    </Provider>
  );
}

function Routes() {
  const { pathname } = useLocation();
  const { t } = usePrefs();
  const first = useRef(true);
  // After a client-side navigation, keyboard and screen-reader users start at the new page.
  useEffect(() => {
    if (first.current) first.current = false;
    else document.getElementById('main')?.focus();
  }, [pathname]);
  if (pathname === '/' || pathname === '/board') return <BoardPage />;
  if (pathname === '/tasks') return <TaskListPage />;
  if (pathname === '/audit') return <AuditPage />;
  if (pathname === '/sign-in') return <SignInPage />;
  const compare = /^\/tasks\/([^/]+)\/compare$/.exec(pathname);
  if (compare) return <ComparePage id={decodeURIComponent(compare[1])} />;
  const task = /^\/tasks\/([^/]+)$/.exec(pathname);
  if (task) return <TaskPage key={task[1]} id={decodeURIComponent(task[1])} />;
  return <p className="notice">{t('errNOT_FOUND', { message: pathname })}</p>;
}

function Header({ session }: { session: Session | null }) {
  const { t, lang, setLang, timeZone, setTimeZone } = usePrefs();
  const { pathname } = useLocation();
  const id = useId();
  const zones = Array.from(new Set([DEFAULT_TIME_ZONE, 'UTC', browserTimeZone(), timeZone]));
  const current = (path: string): 'page' | undefined =>
    (path === '/' ? pathname === '/' : pathname.startsWith(path)) ? 'page' : undefined;
  return (
    <header className="app-header">
      <div className="brand">
        <Link to="/" className="brand-link">
          <span aria-hidden="true" className="brand-mark">
            ♟
          </span>{' '}
          {t('appName')}
        </Link>
        <span className="brand-tagline">{t('appTagline')}</span>
      </div>
      {session && (
        <nav aria-label="main" className="main-nav">
          <Link to="/" aria-current={current('/')}>
            {t('navBoard')}
          </Link>
          <Link to="/tasks" aria-current={current('/tasks')}>
            {t('navTasks')}
          </Link>
          <Link to="/audit" aria-current={current('/audit')}>
            {t('navAudit')}
          </Link>
        </nav>
      )}
      <div className="header-tools">
        {session && (
          <span className="who" data-testid="who" data-role={session.role}>
            <span className="visually-hidden">{t('youAre')}: </span>
            <strong>{session.name ?? session.sub}</strong> · {t(ROLE_LABEL[session.role])}
            {session.unit && (
              <>
                {' · '}
                <UnitName id={session.unit} />
              </>
            )}
          </span>
        )}
        <label htmlFor={`${id}-zone`} className="visually-hidden">
          {t('timeZone')}
        </label>
        <select id={`${id}-zone`} value={timeZone} onChange={(e) => setTimeZone(e.target.value)}>
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </select>
        <button
          type="button"
          lang={lang === 'en' ? 'zh-CN' : 'en'}
          aria-label={t('switchLanguageLabel')}
          onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}
        >
          {t('switchLanguage')}
        </button>
        {session && (
          <button type="button" onClick={signOut}>
            {t('signOut')}
          </button>
        )}
      </div>
    </header>
  );
}

/** The unit of a unit manager's token, by its name once the directory has loaded. */
function UnitName({ id }: { id: string }) {
  const { t } = usePrefs();
  const [{ data }] = useQuery({ query: DirectoryDocument, requestPolicy: 'cache-first' });
  return <>{t('unitOf', { unit: data?.units.find((unit) => unit.id === id)?.name ?? id })}</>;
}
