// Hash routes (#/, #/partners/<id>, #/operations): the Function App serves index.html for any page path,
// so /partners/<id> also works and is turned into its hash route on load.
import { useEffect, useState } from 'preact/hooks';

export type Route = { view: 'portfolio' } | { view: 'partner'; partnerId: string } | { view: 'operations' };

export function parseRoute(hash: string, pathname = '/'): Route {
  const h = hash.replace(/^#/, '') || pathname;
  const partner = /^\/partners\/([^/?#]+)/.exec(h);
  if (partner) return { view: 'partner', partnerId: decodeURIComponent(partner[1]!) };
  if (/^\/operations\/?$/.test(h)) return { view: 'operations' };
  return { view: 'portfolio' };
}

export function href(route: Route): string {
  switch (route.view) {
    case 'portfolio':
      return '#/';
    case 'partner':
      return `#/partners/${encodeURIComponent(route.partnerId)}`;
    case 'operations':
      return '#/operations';
  }
}

export function navigate(route: Route, replace = false): void {
  if (replace) history.replaceState(null, '', href(route));
  else location.hash = href(route);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash, location.pathname));
  useEffect(() => {
    const on = () => setRoute(parseRoute(location.hash, location.pathname));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}
