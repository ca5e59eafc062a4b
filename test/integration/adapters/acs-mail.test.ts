// The ACS mailer through the real @azure/communication-email SDK against a local stub of the ACS email API
// (no ACS stand-in exists): it checks what the SDK sends and that the operation id follows the idempotency key.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { EmailClient } from '@azure/communication-email';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { AcsMailer } from '../../../shared/adapters/mail/acs.js';
import { uuidFor } from '../../../shared/adapters/mail/ids.js';

const sent: Array<{ operationId: string | undefined; body: Record<string, unknown>; auth: string | undefined }> = [];
let server: http.Server;
let endpoint: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', endpoint);
      if (req.method === 'POST' && url.pathname === '/emails:send') {
        const operationId = req.headers['operation-id'] as string | undefined;
        sent.push({ operationId, body: JSON.parse(Buffer.concat(chunks).toString()), auth: req.headers.authorization });
        res.writeHead(202, {
          'content-type': 'application/json',
          'operation-location': `${endpoint}/emails/operations/${operationId}?api-version=${url.searchParams.get('api-version')}`,
          'retry-after': '0',
        });
        res.end(JSON.stringify({ id: operationId, status: 'Running' }));
        return;
      }
      const m = /^\/emails\/operations\/(.+)$/.exec(url.pathname);
      if (req.method === 'GET' && m) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: m[1], status: 'Succeeded' }));
        return;
      }
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('AcsMailer', () => {
  it('sends through EmailClient.beginSend with an operation id derived from the idempotency key', async () => {
    const connectionString = `endpoint=${endpoint}/;accesskey=${Buffer.from('local-key').toString('base64')}`;
    const client = new EmailClient(connectionString, { allowInsecureConnection: true, retryOptions: { maxRetries: 0 } });
    const mailer = new AcsMailer(connectionString, 'donotreply@example.com', client);
    const result = await mailer.send({
      to: 'admin@example.com',
      subject: 'Renewal due',
      text: 'Renew by 30 June.',
      html: '<p>Renew by 30 June.</p>',
      idempotencyKey: 'notification-42',
    });
    expect(result.messageId).toMatch(/^<notification-42\./);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.operationId).toBe(uuidFor('notification-42'));
    expect(sent[0]!.auth).toMatch(/^HMAC-SHA256 /);
    expect(sent[0]!.body).toMatchObject({
      senderAddress: 'donotreply@example.com',
      content: { subject: 'Renewal due', plainText: 'Renew by 30 June.', html: '<p>Renew by 30 June.</p>' },
      recipients: { to: [{ address: 'admin@example.com' }] },
      headers: { 'X-Idempotency-Key': 'notification-42' },
    });
  });
});
