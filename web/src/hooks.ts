import { useEffect, useState } from 'preact/hooks';

import { onKeyChange } from './api';

/** While a reload runs, `previous` keeps the last value: what is on screen stays mounted (and keeps focus). */
export type Loaded<T> = { state: 'loading'; previous?: T } | { state: 'ok'; value: T } | { state: 'error'; error: unknown };

/** Runs `load` when `deps` change or the key changes (a new key retries what failed). */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [result, setResult] = useState<Loaded<T>>({ state: 'loading' });
  const [keyVersion, setKeyVersion] = useState(0);
  useEffect(() => onKeyChange(() => setKeyVersion((v) => v + 1)), []);
  useEffect(() => {
    let live = true;
    setResult((r) => (r.state === 'ok' ? { state: 'loading', previous: r.value } : r.state === 'loading' ? r : { state: 'loading' }));
    load().then(
      (value) => live && setResult({ state: 'ok', value }),
      (error: unknown) => live && setResult({ state: 'error', error }),
    );
    return () => {
      live = false;
    };
    // deps are the caller's: the effect re-runs when they (or the key) change
  }, [...deps, keyVersion]);
  return result;
}
