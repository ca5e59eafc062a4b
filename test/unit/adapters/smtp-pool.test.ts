// Pooled SMTP (issue 15): mails reuse open connections instead of one connection per mail.
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';

import { createSmtpTransport, SMTP_POOL_DEFAULTS, SmtpMailer, smtpTransportOptions } from '../../../shared/adapters/mail/smtp.js';

let server: SMTPServer | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

describe('SMTP transport', () => {
  it('is pooled, with bounded connections and messages per connection', () => {
    expect(smtpTransportOptions({ host: 'smtp.example.com', port: 587, from: 'a@example.com' })).toMatchObject({
      pool: true,
      maxConnections: SMTP_POOL_DEFAULTS.maxConnections,
      maxMessages: SMTP_POOL_DEFAULTS.maxMessages,
    });
    expect(smtpTransportOptions({ host: 'h', port: 25, from: 'a@b.c', maxConnections: 2, maxMessages: 7 })).toMatchObject({
      maxConnections: 2,
      maxMessages: 7,
    });
  });

  it('sends many mails over few connections', async () => {
    let connections = 0;
    let mails = 0;
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onConnect(_session, cb) {
        connections++;
        cb();
      },
      onData(stream, _session, cb) {
        stream.resume();
        stream.on('end', () => {
          mails++;
          cb();
        });
      },
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', () => resolve()));
    const port = (server.server.address() as { port: number }).port;
    const transport = createSmtpTransport({ host: '127.0.0.1', port, from: 'tracker@example.com', maxConnections: 2 });
    const mailer = new SmtpMailer(transport, 'tracker@example.com');
    try {
      await Promise.all(
        Array.from({ length: 10 }, (_, i) => mailer.send({ to: 'ops@example.com', subject: `m${i}`, text: 'x', idempotencyKey: `k${i}` })),
      );
      for (let i = 10; i < 15; i++) await mailer.send({ to: 'ops@example.com', subject: `m${i}`, text: 'x', idempotencyKey: `k${i}` });
    } finally {
      transport.close();
    }
    expect(mails).toBe(15);
    expect(connections).toBeLessThanOrEqual(2);
  });
});
