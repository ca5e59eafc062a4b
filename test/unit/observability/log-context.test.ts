// The Service Bus handlers' log lines: every line of a change carries partnerId=, messageId= and
// invocationId=, and no line carries a contact address or a key.
import { describe, expect, it } from 'vitest';

import { InvocationContext } from '../../../devtools/host/azure-functions.js';
import { logPrefix, withLogContext } from '../../../shared/handlers/log-context.js';
import { describeContacts, redact, redactError } from '../../../shared/log/redact.js';

function context(lines: string[]) {
  return new InvocationContext({
    invocationId: 'inv-1',
    functionName: 'sendNotification',
    triggerMetadata: { messageId: 'msg-1', deliveryCount: 2 },
    logHandler: (level, ...args) => lines.push(`${level}: ${args.map(String).join(' ')}`),
  });
}

describe('withLogContext', () => {
  it('prefixes every level with partnerId, messageId and invocationId', () => {
    const lines: string[] = [];
    const log = withLogContext(context(lines), 'p-1');
    log.log('applied');
    log.warn('careful', 3);
    log.error(new Error('boom'));
    expect(lines).toEqual([
      'information: partnerId=p-1 messageId=msg-1 invocationId=inv-1 applied',
      'warning: partnerId=p-1 messageId=msg-1 invocationId=inv-1 careful 3',
      'error: partnerId=p-1 messageId=msg-1 invocationId=inv-1 boom',
    ]);
  });

  it('reads everything else through from the invocation', () => {
    const log = withLogContext(context([]));
    expect(log.invocationId).toBe('inv-1');
    expect(log.functionName).toBe('sendNotification');
    expect(log.triggerMetadata?.deliveryCount).toBe(2);
  });

  it('leaves out fields it does not have', () => {
    expect(logPrefix({ invocationId: 'i' })).toBe('invocationId=i');
  });

  it('redacts addresses and keys in whatever it logs', () => {
    const lines: string[] = [];
    withLogContext(context(lines), 'p-1').warn(
      '550 <Ann.Lee@contoso.example> rejected; key dt_abcdefghijklmnop, secret whsec_c2VjcmV0c2VjcmV0',
    );
    expect(lines[0]).not.toMatch(/@|dt_|whsec_/);
    expect(lines[0]).toMatch(/<address #[0-9a-f]{8}>/);
    expect(lines[0]).toMatch(/<secret #[0-9a-f]{8}>/);
  });
});

describe('redaction', () => {
  it('tells contacts by count and hash, never by address', () => {
    const s = describeContacts(['a@b.example', '+49 30 1234']);
    expect(s).toMatch(/^2 contact\(s\) \[#[0-9a-f]{8}, #[0-9a-f]{8}\]$/);
    expect(s).not.toContain('@');
    expect(redact('to x@y.example')).toBe(redact('to X@Y.example'));
  });

  it('redacts a thrown error in place, keeping its class', () => {
    class MailError extends Error {}
    const err = new MailError('all recipients were rejected: bob@contoso.example');
    expect(redactError(err)).toBe(err);
    expect(err).toBeInstanceOf(MailError);
    expect(err.message).not.toContain('@');
    expect(err.stack).not.toContain('bob@');
  });
});
