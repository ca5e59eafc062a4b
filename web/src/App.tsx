// The shell: navigation, the key (asked for only when the API answers 401), the scope from /api/me.
import { useEffect, useState } from 'preact/hooks';

import { api, ApiError, getKey, type Me, onAuthRequired, onKeyChange, setKey } from './api';
import { Operations } from './Operations';
import { PartnerView } from './Partner';
import { Portfolio } from './Portfolio';
import { href, navigate, useRoute } from './route';
import { ErrorBoundary } from './ui';

function KeyForm(props: { reason: string; onDone: () => void }) {
  const [value, setValue] = useState('');
  return (
    <form
      class="key-form panel"
      data-testid="key-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!value.trim()) return;
        setKey(value.trim());
        props.onDone();
      }}
    >
      <h2>A key is needed</h2>
      <p>{props.reason}</p>
      <label>
        Function key{' '}
        <input
          type="password"
          autoComplete="off"
          autoFocus
          required
          value={value}
          onInput={(e) => setValue((e.currentTarget as HTMLInputElement).value)}
          data-testid="key-input"
        />
      </label>{' '}
      <button type="submit">Use this key</button>
      <p class="small muted">Kept for this browser tab only (sessionStorage) and sent as the x-functions-key header.</p>
    </form>
  );
}

export function App() {
  const route = useRoute();
  const [me, setMe] = useState<Me | null>(null);
  const [meError, setMeError] = useState<string | null>(null);
  const [needKey, setNeedKey] = useState<string | null>(null);
  const [keyVersion, setKeyVersion] = useState(0);

  useEffect(
    () => onAuthRequired(() => setNeedKey(getKey() ? 'The API did not accept the key given (401).' : 'The API asks for a key (401).')),
    [],
  );
  useEffect(() => onKeyChange(() => setKeyVersion((v) => v + 1)), []);

  useEffect(() => {
    let live = true;
    api<Me>('me').then(
      (m) => {
        if (!live) return;
        setMe(m);
        setMeError(null);
        // A key for one partner opens that partner directly.
        if (m.partners && m.partners.length === 1 && route.view === 'portfolio')
          navigate({ view: 'partner', partnerId: m.partners[0]! }, true);
      },
      (err: unknown) => {
        if (!live) return;
        setMe(null);
        // Without /api/me (older API) the scope is unknown: everything is tried and the API decides.
        setMeError(err instanceof ApiError && err.status === 401 ? null : err instanceof Error ? err.message : String(err));
      },
    );
    return () => {
      live = false;
    };
  }, [keyVersion]);

  const scopeText = me
    ? me.admin
      ? 'admin key'
      : me.partners
        ? `key for ${me.partners.join(', ')}`
        : 'key for every partner'
    : getKey()
      ? 'key given'
      : 'no key';
  const single = me?.partners?.length === 1;

  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <span class="brand">Designation tracker</span>
        <nav aria-label="Views">
          <a href={href({ view: 'portfolio' })} aria-current={route.view === 'portfolio' ? 'page' : undefined}>
            Portfolio
          </a>
          <a href={href({ view: 'operations' })} aria-current={route.view === 'operations' ? 'page' : undefined}>
            Operations
          </a>
        </nav>
        <span class="spacer" />
        <span class="small" data-testid="scope" title={meError ?? undefined}>
          {scopeText}
          {me?.via && me.via !== 'key' ? ` (${me.via})` : ''}
        </span>
        {getKey() && (
          <button
            type="button"
            class="secondary small"
            onClick={() => {
              setKey(null);
              setMe(null);
            }}
          >
            Forget key
          </button>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        {needKey && (
          <KeyForm
            reason={needKey}
            onDone={() => {
              setNeedKey(null);
            }}
          />
        )}
        <ErrorBoundary key={location.hash}>
          {route.view === 'portfolio' && <Portfolio me={me} />}
          {route.view === 'partner' && <PartnerView partnerId={route.partnerId} backToPortfolio={!single} key={route.partnerId} />}
          {route.view === 'operations' && <Operations />}
        </ErrorBoundary>
      </main>
    </>
  );
}
