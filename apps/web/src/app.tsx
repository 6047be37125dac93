import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { api } from './http/client';
import type { Role, SessionInfo } from './http/types';
import { useLocation } from './url-state';
import { SignIn } from './views/signin';

const loadDashboard = () => import('./views/dashboard');
// The board's first view: fetch its code while the session is checked.
if (window.location.pathname === '/') void loadDashboard();
const Dashboard = lazy(loadDashboard);
const Replay = lazy(() => import('./views/replay'));
const Forms = lazy(() => import('./views/forms'));

const VIEWS: { path: string; label: string; roles: Role[] }[] = [
  { path: '/', label: 'Dashboard', roles: ['board', 'inspector', 'programme-office', 'admin'] },
  { path: '/replay', label: 'Replay explorer', roles: ['inspector', 'admin'] },
  { path: '/forms', label: 'Record', roles: ['programme-office', 'admin'] },
];

export function App() {
  const location = useLocation();
  const [session, setSession] = useState<SessionInfo | undefined>();
  const refresh = useCallback(() => api.session().then(setSession, () => setSession({ signedIn: false })), []);
  useEffect(() => void refresh(), [refresh]);

  useEffect(() => {
    if (session && !session.signedIn && location.path !== '/signin') location.navigate('/signin', true);
  }, [session, location]);

  if (!session) return <p className="loading" role="status">Loading…</p>;
  if (location.path === '/signin' || !session.signedIn)
    return <SignIn session={session} onSignedIn={(s) => { setSession(s); location.navigate('/'); }} query={location.query} />;

  const roles = session.actor?.roles ?? [];
  const allowed = VIEWS.filter((v) => v.roles.some((r) => roles.includes(r)));
  const current = VIEWS.find((v) => v.path === location.path);
  const props = { ...location, roles };
  return (
    <>
      <a className="skip" href="#main">Skip to content</a>
      <header className="top">
        <span className="brand">Recovery Monitor</span>
        <nav aria-label="Views">
          {allowed.map((v) => (
            <a key={v.path} href={v.path} aria-current={v.path === location.path ? 'page' : undefined} onClick={(e) => { e.preventDefault(); location.navigate(v.path + keepTime(location.query)); }}>
              {v.label}
            </a>
          ))}
        </nav>
        <span className="who">
          {session.actor?.name ?? session.actor?.sub} <small>({roles.join(', ')})</small>
          <button type="button" onClick={() => api.signOut().then(() => { setSession({ signedIn: false }); location.navigate('/signin'); })}>
            Sign out
          </button>
        </span>
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<p role="status">Loading…</p>}>
          {!current ? (
            <p>Nothing here. <a href="/">Go to the dashboard</a>.</p>
          ) : !allowed.includes(current) ? (
            <p role="alert">Your roles ({roles.join(', ')}) do not open {current.label}.</p>
          ) : current.path === '/' ? (
            <Dashboard {...props} />
          ) : current.path === '/replay' ? (
            <Replay {...props} />
          ) : (
            <Forms {...props} />
          )}
        </Suspense>
      </main>
    </>
  );
}

function keepTime(query: URLSearchParams): string {
  const q = new URLSearchParams();
  for (const k of ['asOf', 'knownAt']) if (query.get(k)) q.set(k, query.get(k)!);
  return q.size ? `?${q}` : '';
}

export interface ViewProps {
  path: string;
  query: URLSearchParams;
  navigate: (to: string, replace?: boolean) => void;
  roles: Role[];
}
