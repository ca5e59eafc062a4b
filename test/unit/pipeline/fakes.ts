// Test doubles for the pipeline: a recording MessageBus and Mailer, a clock the test moves, and the sample export
// files as change messages. The in-memory DocumentStore is test/support/memory-store.ts.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { type ChangeEvent } from '../../../shared/domain/changes/events.js';
import { makeMessage, type PartnerChangeMessage } from '../../../shared/domain/changes/message.js';
import { parseExportStream } from '../../../shared/imports/parse.js';
import type { Clock } from '../../../shared/ports/clock.js';
import type { Mailer, MailMessage } from '../../../shared/ports/mailer.js';
import type { MessageBus, OutboundMessage } from '../../../shared/ports/messageBus.js';

// ---------------------------------------------------------------------------------------------
// Bus and clock

export interface SentMessage extends OutboundMessage {
  queue: string;
}

/** Records every message; forwards to `inner` when given (a real bus). */
export class RecordingBus implements MessageBus {
  readonly sent: SentMessage[] = [];
  constructor(private readonly inner?: MessageBus) {}
  async send(queue: string, messages: readonly OutboundMessage[]): Promise<void> {
    if (this.inner) await this.inner.send(queue, messages);
    for (const m of messages) this.sent.push({ ...m, queue });
  }
  ids(queue: string): string[] {
    return this.sent.filter((m) => m.queue === queue).map((m) => m.messageId);
  }
}

/** A clock whose day the test sets and advances (time of day fixed at 06:00 UTC). */
/** Records every mail it is given; the message id is the idempotency key's. */
export class RecordingMailer implements Mailer {
  readonly sent: MailMessage[] = [];
  async send(message: MailMessage) {
    this.sent.push(message);
    return { messageId: `<${message.idempotencyKey}>` };
  }
}

export class TestClock implements Clock {
  private current: Date;
  constructor(day: string) {
    this.current = new Date(`${day}T06:00:00Z`);
  }
  now(): Date {
    return new Date(this.current);
  }
  set(day: string): void {
    this.current = new Date(`${day}T06:00:00Z`);
  }
  day(): string {
    return this.current.toISOString().slice(0, 10);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
  nextDay(): string {
    this.current = new Date(this.current.getTime() + 86_400_000);
    return this.day();
  }
}

// ---------------------------------------------------------------------------------------------
// Samples

const samplesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../samples');

/** The sample export files' change events for the given partners (snapshot files left out). */
export async function sampleChanges(partnerIds: readonly string[]): Promise<ChangeEvent[]> {
  const dir = path.join(samplesDir, 'exports');
  const out: ChangeEvent[] = [];
  for (const name of (await readdir(dir)).sort()) {
    if (name.includes('.snapshot.')) continue;
    const text = await readFile(path.join(dir, name), 'utf8');
    for await (const item of parseExportStream([text], { fileName: name, defaultObservedAt: '2026-11-20T06:00:00Z' })) {
      if ('change' in item && partnerIds.includes(item.change.partnerId)) out.push(item.change);
    }
  }
  return out;
}

/** The sample export changes of one partner as messages of at most `batchSize` changes. */
export async function sampleMessages(partnerId: string, batchSize = 200): Promise<PartnerChangeMessage[]> {
  const changes = await sampleChanges([partnerId]);
  const messages: PartnerChangeMessage[] = [];
  for (let i = 0; i < changes.length; i += batchSize)
    messages.push(makeMessage(partnerId, changes.slice(i, i + batchSize), { file: 'samples' }));
  return messages;
}

/** samples/changes/lift-4100003.json as a message (validated through the schema on receipt). */
export async function liftMessage(): Promise<PartnerChangeMessage> {
  const raw = JSON.parse(await readFile(path.join(samplesDir, 'changes', 'lift-4100003.json'), 'utf8')) as ChangeEvent[];
  return makeMessage('4100003', raw, { file: 'lift-4100003.json' });
}

/** A minimal InvocationContext-like object for calling handlers directly. */
export function fakeContext(functionName: string, messageId?: string, deliveryCount = 1) {
  const logs: string[] = [];
  const context = {
    functionName,
    invocationId: 'test',
    triggerMetadata: messageId ? { messageId, deliveryCount } : {},
    log: (...a: unknown[]) => logs.push(a.map(String).join(' ')),
    warn: (...a: unknown[]) => logs.push('WARN ' + a.map(String).join(' ')),
    error: (...a: unknown[]) => logs.push('ERROR ' + a.map(String).join(' ')),
  };
  return { context, logs };
}
