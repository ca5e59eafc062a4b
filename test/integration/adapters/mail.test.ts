// The SMTP mailer against the local sink: each mail becomes an .eml file, parsed back with mailparser.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';

import { createSmtpTransport, SmtpMailer, smtpProbe } from '../../../shared/adapters/mail/smtp.js';
import { stackConfig, unique, waitFor } from '../helpers.js';

const config = stackConfig();
const { mailDir } = inject('stack');

describe('SmtpMailer → SMTP sink', () => {
  const transport = createSmtpTransport({ host: config.SMTP_HOST, port: config.SMTP_PORT, from: config.MAIL_FROM });
  const mailer = new SmtpMailer(transport, config.MAIL_FROM);

  it('delivers a mail that lands as an .eml file with subject, text, html and a stable Message-ID', async () => {
    const key = unique('notif');
    const sent = await mailer.send({
      to: ['a@example.com', 'b@example.com'],
      subject: `Status changed ${key}`,
      text: 'Solutions Partner for Security: renewal due',
      html: '<p>renewal due</p>',
      idempotencyKey: key,
    });
    const file = await waitFor('the .eml file', async () => {
      for (const f of await readdir(mailDir)) {
        if (f.endsWith('.eml') && (await readFile(path.join(mailDir, f), 'utf8')).includes(key)) return path.join(mailDir, f);
      }
      return undefined;
    });
    const mail = await simpleParser(await readFile(file));
    expect(mail.subject).toBe(`Status changed ${key}`);
    expect(mail.text?.trim()).toBe('Solutions Partner for Security: renewal due');
    expect(mail.html).toContain('renewal due');
    expect(mail.messageId).toBe(sent.messageId);
    expect(mail.headers.get('x-idempotency-key')).toBe(key);
    const to = Array.isArray(mail.to) ? mail.to : [mail.to];
    expect(to.flatMap((t) => t?.value.map((v) => v.address))).toEqual(['a@example.com', 'b@example.com']);
  });

  it('derives the same Message-ID from the same idempotency key', async () => {
    const a = await mailer.send({ to: 'x@example.com', subject: 's', text: 't', idempotencyKey: 'same-key' });
    const b = await mailer.send({ to: 'x@example.com', subject: 's', text: 't', idempotencyKey: 'same-key' });
    expect(a.messageId).toBe(b.messageId);
  });

  it('has a health probe that talks SMTP to the server', async () => {
    await expect(smtpProbe(transport).check()).resolves.toBeUndefined();
    const nowhere = createSmtpTransport({ host: '127.0.0.1', port: 1, from: config.MAIL_FROM });
    await expect(smtpProbe(nowhere).check()).rejects.toThrow();
  });
});
