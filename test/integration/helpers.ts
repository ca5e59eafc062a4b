import { randomUUID } from 'node:crypto';

import { inject } from 'vitest';

import { type Config, loadConfig } from '../../shared/config/config.js';

/** Settings pointing at the run's stand-ins, plus a database of this test file's own. */
export function stackConfig(overrides: Record<string, string> = {}): Config {
  const { settings } = inject('stack');
  return loadConfig({ ...settings, COSMOS_DATABASE: `it-${randomUUID().slice(0, 8)}`, ...overrides }, 'local');
}

export const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

export { waitFor } from '../../devtools/host/wait.js';
