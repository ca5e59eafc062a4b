import './styles.css';

import { render } from 'preact';

import { App } from './App';

// A path route (/partners/<id>, served as index.html by the Function App) becomes its hash route.
if (!location.hash && location.pathname !== '/' && location.pathname !== '/index.html') {
  history.replaceState(null, '', `/#${location.pathname}${location.search}`);
}

const root = document.getElementById('app')!;
root.textContent = '';
render(<App />, root);
