// The problems loadConfig names for a bad environment, by setting (fails the test when it does not throw a ConfigError).
import { expect } from 'vitest';

import { ConfigError, loadConfig } from '../../../shared/config/config.js';

export function problemsOf(env: Record<string, string>, profile?: 'local' | 'azure'): Record<string, string> {
  try {
    loadConfig(env, profile);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return Object.fromEntries((err as ConfigError).problems.map((p) => [p.setting, p.problem]));
  }
  throw new Error('expected a ConfigError');
}
