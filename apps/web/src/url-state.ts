import { useCallback, useEffect, useState } from 'react';

/** The current path and query; every view's state that a shared URL must reproduce lives here. */
export function useLocation(): { path: string; query: URLSearchParams; navigate: (to: string, replace?: boolean) => void } {
  const [href, setHref] = useState(() => window.location.pathname + window.location.search);
  useEffect(() => {
    const onPop = () => setHref(window.location.pathname + window.location.search);
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = useCallback((to: string, replace = false) => {
    if (replace) window.history.replaceState(null, '', to);
    else window.history.pushState(null, '', to);
    setHref(window.location.pathname + window.location.search);
    window.dispatchEvent(new Event('rm:navigate'));
  }, []);
  useEffect(() => {
    const onNav = () => setHref(window.location.pathname + window.location.search);
    window.addEventListener('rm:navigate', onNav);
    return () => window.removeEventListener('rm:navigate', onNav);
  }, []);
  const url = new URL(href, window.location.origin);
  return { path: url.pathname, query: url.searchParams, navigate };
}

/** Sets (or removes, for empty values) query parameters, keeping the rest. */
export function withQuery(path: string, query: URLSearchParams, changes: Record<string, string | undefined>): string {
  const next = new URLSearchParams(query);
  for (const [k, v] of Object.entries(changes)) {
    if (v) next.set(k, v);
    else next.delete(k);
  }
  const q = next.toString();
  return q ? `${path}?${q}` : path;
}
