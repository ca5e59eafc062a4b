// Protocol basics (SASL, CBS, unknown entities), clean shutdown and the CLI.
import { spawn } from 'node:child_process';
import { connect as netConnect } from 'node:net';
import { fileURLToPath } from 'node:url';

import { ServiceBusClient } from '@azure/service-bus';
import type { Connection, EventContext } from 'rhea';
import rhea from 'rhea';
import { describe, expect, test, vi } from 'vitest';

import { startServiceBusStandIn } from '../../../devtools/servicebus/server.js';

/** Opens a raw AMQP connection (rhea client), optionally with SASL PLAIN credentials. */
function openRaw(port: number, credentials?: { username: string; password: string }): Promise<Connection> {
  const container = rhea.create_container();
  return new Promise((resolve, reject) => {
    const connection = container.connect({ host: '127.0.0.1', port, reconnect: false, ...credentials });
    connection.once('connection_open', () => resolve(connection));
    connection.once('connection_error', (ctx: EventContext) => reject(ctx.connection.error));
    connection.once('disconnected', (ctx: EventContext) => reject(ctx.error ?? new Error('disconnected')));
  });
}

function closeRaw(connection: Connection): Promise<void> {
  return new Promise((resolve) => {
    connection.once('connection_close', () => resolve());
    connection.once('disconnected', () => resolve());
    connection.close();
  });
}

const portIsClosed = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = netConnect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });

describe('protocol basics', () => {
  test('SASL ANONYMOUS and PLAIN both open a connection', async () => {
    const standIn = await startServiceBusStandIn({ port: 0 });
    try {
      await closeRaw(await openRaw(standIn.port));
      await closeRaw(await openRaw(standIn.port, { username: 'k', password: 'v' }));
    } finally {
      await standIn.close();
    }
  });

  test('CBS put-token is answered with the request message_id as correlation_id and status 200', async () => {
    const standIn = await startServiceBusStandIn({ port: 0 });
    const connection = await openRaw(standIn.port);
    try {
      const replyTo = 'cbs-reply-1';
      const receiver = connection.open_receiver({ name: replyTo, source: { address: '$cbs' }, target: { address: replyTo } });
      const sender = connection.open_sender({ target: { address: '$cbs' } });
      const response = new Promise<{ correlation_id?: unknown; application_properties?: Record<string, unknown> }>((resolve) =>
        receiver.once('message', (ctx: EventContext) => resolve(ctx.message as never)),
      );
      await new Promise((resolve) => sender.once('sendable', resolve));
      sender.send({
        message_id: 'req-1',
        reply_to: replyTo,
        application_properties: {
          operation: 'put-token',
          type: 'servicebus.windows.net:sastoken',
          name: 'sb://x/q',
          expiration: Date.now() + 60_000,
        },
        body: 'SharedAccessSignature sr=x&sig=y',
      });
      const reply = await response;
      expect(reply.correlation_id).toBe('req-1');
      expect(reply.application_properties?.['status-code']).toBe(200);
    } finally {
      await closeRaw(connection);
      await standIn.close();
    }
  });

  test('with autoCreateQueues off, an unknown queue is MessagingEntityNotFound and a declared one works', async () => {
    const standIn = await startServiceBusStandIn({ port: 0, autoCreateQueues: false, queues: ['known'] });
    const client = new ServiceBusClient(standIn.connectionString, { retryOptions: { maxRetries: 0 } });
    try {
      await expect(client.createSender('unknown').sendMessages({ body: 1 })).rejects.toMatchObject({ code: 'MessagingEntityNotFound' });
      await client.createSender('known').sendMessages({ body: 1 });
      expect(standIn.stats('known').active).toBe(1);
      expect(standIn.stats('KNOWN').active).toBe(1); // entity names are case-insensitive
      expect(standIn.stats('unknown')).toEqual({ active: 0, scheduled: 0, locked: 0, deadLettered: 0 });
    } finally {
      await client.close();
      await standIn.close();
    }
  });
});

describe('shutdown', () => {
  test('close() with a client still connected ends its connection and the listener, leaving no timers', async () => {
    // Every timer created while the stand-in runs (its ticker, rhea's, the close grace) must be
    // finished or cleared once close() resolves; an unref'd one would not show up otherwise.
    const created: unknown[] = [];
    const onTimeout = vi.spyOn(globalThis, 'setTimeout');
    const onInterval = vi.spyOn(globalThis, 'setInterval');
    try {
      const standIn = await startServiceBusStandIn({ port: 0, queues: ['q'] });
      const connection = await openRaw(standIn.port);
      const disconnected = new Promise<void>((resolve) => {
        connection.once('disconnected', () => resolve());
        connection.once('connection_close', () => resolve());
      });
      await standIn.close();
      await disconnected;
      expect(await portIsClosed(standIn.port)).toBe(true);
      await standIn.close(); // idempotent
      created.push(...onTimeout.mock.results.map((r) => r.value), ...onInterval.mock.results.map((r) => r.value));
    } finally {
      onTimeout.mockRestore();
      onInterval.mockRestore();
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(created.length).toBeGreaterThan(0);
    const pending = created.filter((t) => !(t as { _destroyed?: boolean })._destroyed);
    expect(pending).toEqual([]);
  });
});

describe('cli', () => {
  test('prints the connection string and stops cleanly on SIGTERM', async () => {
    const cli = fileURLToPath(new URL('../../../devtools/servicebus/cli.ts', import.meta.url));
    const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));
    const child = spawn(tsx, [cli, '--port', '0', '--queue', 'a', '--queue', 'b'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const firstLine = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const newline = out.indexOf('\n');
          if (newline >= 0) resolve(out.slice(0, newline));
        });
        child.once('exit', (code) => reject(new Error(`cli exited early with ${code}`)));
      });
      expect(firstLine).toMatch(/^Endpoint=sb:\/\/127\.0\.0\.1:\d+;SharedAccessKeyName=k;SharedAccessKey=v;UseDevelopmentEmulator=true$/);

      const client = new ServiceBusClient(firstLine);
      await client.createSender('a').sendMessages({ body: 'via cli' });
      const [m] = await client.createReceiver('a', { receiveMode: 'receiveAndDelete' }).receiveMessages(1, { maxWaitTimeInMs: 2_000 });
      expect(m?.body).toBe('via cli');
      await client.close();

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
