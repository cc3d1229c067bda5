import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

/**
 * A history-API router of a few lines: the API serves index.html for every path that is not
 * a file, /graphql, /health or /metrics, so deep links and reloads work.
 */
const listeners = new Set<() => void>();
const notify = (): void => listeners.forEach((listener) => listener());
window.addEventListener('popstate', notify);

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === window.location.pathname + window.location.search) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  notify();
  if (!options.replace) window.scrollTo(0, 0);
}

export interface Location {
  readonly pathname: string;
  readonly search: string;
}

let snapshot: Location = { pathname: window.location.pathname, search: window.location.search };
function readLocation(): Location {
  const { pathname, search } = window.location;
  if (snapshot.pathname !== pathname || snapshot.search !== search) snapshot = { pathname, search };
  return snapshot;
}

export function useLocation(): Location {
  return useSyncExternalStore((listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, readLocation);
}

export function useSearchParams(): [
  URLSearchParams,
  (next: Record<string, string | null>, replace?: boolean) => void,
] {
  const { pathname, search } = useLocation();
  const params = new URLSearchParams(search);
  const update = (next: Record<string, string | null>, replace = true): void => {
    const merged = new URLSearchParams(window.location.search);
    for (const [key, value] of Object.entries(next)) {
      if (value === null || value === '') merged.delete(key);
      else merged.set(key, value);
    }
    const query = merged.toString();
    navigate(`${pathname}${query ? `?${query}` : ''}`, { replace });
  };
  return [params, update];
}

/** Builds `path?k=v` from the non-empty values. */
export function href(path: string, params: Record<string, string | null | undefined> = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

export function Link({ to, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  const handle = (event: MouseEvent<HTMLAnchorElement>): void => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handle} {...rest} />;
}
