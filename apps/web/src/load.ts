import { useEffect, useState } from 'react';
import { notAvailable } from './http/client';

export type Loaded<T> = { state: 'loading' } | { state: 'ready'; data: T } | { state: 'unavailable' } | { state: 'error'; message: string };

/** Runs `load` whenever `key` changes; a 404 for a route not deployed yet is "unavailable", not an error. */
export function useLoad<T>(load: () => Promise<T>, key: string): Loaded<T> {
  const [result, setResult] = useState<Loaded<T>>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    setResult({ state: 'loading' });
    load().then(
      (data) => live && setResult({ state: 'ready', data }),
      (err: unknown) => live && setResult(notAvailable(err) ? { state: 'unavailable' } : { state: 'error', message: err instanceof Error ? err.message : String(err) }),
    );
    return () => {
      live = false;
    };
    // Only the key decides when to reload: `load` is a new closure on every render.
  }, [key]);
  return result;
}

/** A value, or undefined when it is not (yet) there. */
export const ready = <T,>(l: Loaded<T>): T | undefined => (l.state === 'ready' ? l.data : undefined);
