import { useEffect, useState } from 'preact/hooks';

import { onKeyChange } from './api';

export type Loaded<T> = { state: 'loading' } | { state: 'ok'; value: T } | { state: 'error'; error: unknown };

/** Runs `load` when `deps` change or the key changes (a new key retries what failed). */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [result, setResult] = useState<Loaded<T>>({ state: 'loading' });
  const [keyVersion, setKeyVersion] = useState(0);
  useEffect(() => onKeyChange(() => setKeyVersion((v) => v + 1)), []);
  useEffect(() => {
    let live = true;
    setResult({ state: 'loading' });
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
