// Issue 11 §12: a WEBHOOK_SECRETS entry the verifier cannot decode is refused at start, naming the setting
// (the same decoding as the verifier: webhookSecretProblem), instead of 401 "no webhook secret configured".
import { describe, expect, it } from 'vitest';

import { loadConfig } from '../../../shared/config/config.js';
import { verifyWebhook, webhookSecretKey, webhookSecretProblem } from '../../../shared/webhooks/standard-webhooks.js';
import { problemsOf } from './problems.js';

describe('WEBHOOK_SECRETS', () => {
  const unusable = ['whsec_abc-defgh_ij', 'whsec_abcdefghi', 'whsec_YWJjZGVmZ2hpams', 'whsec_abcd=efgh'];
  it.each(unusable)('refuses %s at start, naming the setting, as the verifier would', (secret) => {
    expect(() => webhookSecretKey(secret)).toThrow();
    expect(webhookSecretProblem(secret)).not.toBeNull();
    const p = problemsOf({ WEBHOOK_SECRETS: `whsec_${Buffer.from('good-secret-1').toString('base64')}, ${secret}` });
    expect(Object.keys(p)).toContain('WEBHOOK_SECRETS');
    expect(p.WEBHOOK_SECRETS).toMatch(/base64/);
    expect(p.WEBHOOK_SECRETS).not.toContain(secret);
  });

  it('accepts what the verifier can use (and only that)', () => {
    const good = `whsec_${Buffer.from('a good secret!').toString('base64')}`;
    expect(loadConfig({ WEBHOOK_SECRETS: good }).WEBHOOK_SECRETS).toEqual([good]);
    const verified = verifyWebhook({ headers: {}, body: '', secrets: [good], now: 0 });
    expect(verified.ok).toBe(false); // headers missing, not "no secret configured"
    expect(webhookSecretProblem(good)).toBeNull();
  });
});
