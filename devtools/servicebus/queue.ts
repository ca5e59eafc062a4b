// One queue's state in the Service Bus stand-in: active messages (in sequence order), peek-locked
// messages, scheduled messages, duplicate-detection history and the dead-letter sub-queue.
// It knows nothing about AMQP links: receivers plug in as `Consumer`s and the server's ticker calls
// `tick()` to expire locks and release scheduled messages, so the queue itself owns no timers.
import { type AmqpMessage, Annotation, messageIdKey, newLockToken, toEpochMs } from './encoding.js';

export interface QueueSettings {
  maxDeliveryCount: number;
  lockDurationMs: number;
  duplicateDetectionWindowMs: number;
}

/** Azure's defaults: max delivery count 10, lock 60 s, duplicate detection window 10 min. */
export const DEFAULT_QUEUE_SETTINGS: QueueSettings = {
  maxDeliveryCount: 10,
  lockDurationMs: 60_000,
  duplicateDetectionWindowMs: 10 * 60_000,
};

export interface StoredMessage {
  readonly sequenceNumber: number;
  amqp: AmqpMessage;
  enqueuedAt: number;
  /** Failed delivery attempts so far (AMQP header delivery-count; 0 on the first delivery). */
  deliveryCount: number;
  scheduledFor?: number;
}

export interface Lock {
  readonly token: string;
  readonly message: StoredMessage;
  lockedUntil: number;
}

/** A receiving link as the queue sees it. */
export interface Consumer {
  readonly receiveAndDelete: boolean;
  /** How many more messages the link can take right now (credit not yet used). */
  capacity(): number;
  /** Transfers the message; `lock` is undefined in receiveAndDelete mode. */
  deliver(message: StoredMessage, lock: Lock | undefined): void;
}

export type Settlement =
  | { kind: 'complete' }
  | { kind: 'abandon'; propertiesToModify?: Record<string, unknown> }
  | { kind: 'deadLetter'; reason?: string; description?: string; propertiesToModify?: Record<string, unknown> };

export type SendResult = 'enqueued' | 'scheduled' | 'duplicate';

export interface PeekedMessage {
  message: StoredMessage;
  lockedUntil?: number;
  scheduled: boolean;
}

export interface QueueStats {
  active: number;
  scheduled: number;
  locked: number;
  deadLettered: number;
}

export const MAX_DELIVERY_COUNT_EXCEEDED = 'MaxDeliveryCountExceeded';

/**
 * Where a persistent stand-in journals a queue's state changes (persistence.ts); each queue (and its
 * dead-letter sub-queue) has its own, which knows where the queue lives. Locks are not journalled: a
 * message locked at a crash comes back with the delivery count it had.
 */
export interface QueueStore {
  /** The message is now in this queue (active or scheduled) with this state. */
  put(message: StoredMessage): void;
  /** The message left for good (completed, received-and-deleted, cancelled). */
  remove(sequenceNumber: number): void;
  /** A messageId entered the duplicate-detection history until `until`. */
  seen(key: string, until: number): void;
}

/** A queue's durable state, for a snapshot. */
export interface QueueDurableState {
  /** Active, locked (as if released) and scheduled messages. */
  messages: StoredMessage[];
  seen: Array<[string, number]>;
  nextSequenceNumber: number;
}

export class Queue {
  /** Active messages live in `active[head..]`, ordered by sequence number (abandoned ones go back in place). */
  private active: StoredMessage[] = [];
  private head = 0;
  private readonly locked = new Map<string, Lock>();
  private readonly scheduled = new Map<number, StoredMessage>();
  /** messageId key → end of its duplicate-detection window; insertion order is expiry order. */
  private readonly seen = new Map<string, number>();
  private readonly consumers: Consumer[] = [];
  private nextConsumer = 0;
  private nextSequenceNumber = 1;
  private pumping = false;
  /** Set by a persistent registry; undefined = in memory only. */
  store: QueueStore | undefined;

  constructor(
    readonly name: string,
    readonly settings: QueueSettings,
    /** The `<name>/$deadletterqueue` sub-queue; undefined for a dead-letter queue itself. */
    readonly deadLetterQueue: Queue | undefined,
    private readonly log: (line: string) => void = () => {},
  ) {}

  static withDeadLetterQueue(name: string, settings: QueueSettings, log?: (line: string) => void): Queue {
    // Azure never dead-letters out of a DLQ, so its delivery count is unbounded and it keeps no dedupe history.
    const dlq = new Queue(
      `${name}/$deadletterqueue`,
      { ...settings, maxDeliveryCount: Infinity, duplicateDetectionWindowMs: 0 },
      undefined,
      log,
    );
    return new Queue(name, settings, dlq, log);
  }

  // --- sending ------------------------------------------------------------------------------

  send(amqp: AmqpMessage, now = Date.now()): SendResult {
    // Service Bus always has a MessageId (the SDK needs one to settle); assign one like the broker does.
    if (amqp.message_id === undefined || amqp.message_id === null) amqp.message_id = newLockToken();
    if (this.isDuplicate(amqp.message_id, now)) {
      this.log(`${this.name}: dropped duplicate messageId ${String(amqp.message_id)}`);
      return 'duplicate';
    }
    const annotations = amqp.message_annotations as Record<string, unknown> | undefined;
    const due = toEpochMs(annotations?.[Annotation.scheduledEnqueueTime]);
    const message: StoredMessage = { sequenceNumber: this.nextSequenceNumber++, amqp, enqueuedAt: now, deliveryCount: 0 };
    if (due !== undefined && due > now) {
      message.scheduledFor = due;
      this.scheduled.set(message.sequenceNumber, message);
      this.store?.put(message);
      return 'scheduled';
    }
    this.insertActive(message);
    this.store?.put(message);
    this.pump(now);
    return 'enqueued';
  }

  /** `com.microsoft:schedule-message`: the sequence number is assigned now, delivery waits until `at`. */
  schedule(amqp: AmqpMessage, at: number, now = Date.now()): number {
    if (amqp.message_id === undefined || amqp.message_id === null) amqp.message_id = newLockToken();
    const message: StoredMessage = { sequenceNumber: this.nextSequenceNumber++, amqp, enqueuedAt: now, deliveryCount: 0 };
    if (at > now) {
      message.scheduledFor = at;
      this.scheduled.set(message.sequenceNumber, message);
      this.store?.put(message);
    } else {
      this.insertActive(message);
      this.store?.put(message);
      this.pump(now);
    }
    return message.sequenceNumber;
  }

  cancelScheduled(sequenceNumbers: number[]): number {
    let removed = 0;
    for (const n of sequenceNumbers) {
      if (!this.scheduled.delete(n)) continue;
      this.store?.remove(n);
      removed++;
    }
    return removed;
  }

  private isDuplicate(messageId: unknown, now: number): boolean {
    const window = this.settings.duplicateDetectionWindowMs;
    const key = messageIdKey(messageId);
    if (window <= 0 || key === undefined) return false;
    this.pruneSeen(now);
    if (this.seen.has(key)) return true;
    this.seen.set(key, now + window);
    this.store?.seen(key, now + window);
    return false;
  }

  private pruneSeen(now: number): void {
    for (const [key, end] of this.seen) {
      if (end > now) break;
      this.seen.delete(key);
    }
  }

  // --- receiving ----------------------------------------------------------------------------

  addConsumer(consumer: Consumer): void {
    this.consumers.push(consumer);
    this.pump();
  }

  removeConsumer(consumer: Consumer): void {
    const i = this.consumers.indexOf(consumer);
    if (i >= 0) this.consumers.splice(i, 1);
  }

  /** Hands active messages to consumers with credit, round-robin. Called whenever either side changes. */
  pump(now = Date.now()): void {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.head < this.active.length) {
        const consumer = this.pickConsumer();
        if (!consumer) break;
        const message = this.active[this.head];
        if (!message) break;
        this.head++;
        const lock = consumer.receiveAndDelete
          ? undefined
          : { token: newLockToken(), message, lockedUntil: now + this.settings.lockDurationMs };
        if (lock) this.locked.set(lock.token, lock);
        try {
          consumer.deliver(message, lock);
          // receiveAndDelete: gone once handed over (at most once, as on Azure).
          if (!lock) this.store?.remove(message.sequenceNumber);
        } catch (err) {
          // The link went away under us: put the message back untouched and forget the consumer.
          if (lock) this.locked.delete(lock.token);
          this.insertActive(message);
          this.removeConsumer(consumer);
          this.log(`${this.name}: delivery failed, consumer dropped: ${(err as Error).message}`);
        }
      }
      this.compact();
    } finally {
      this.pumping = false;
    }
  }

  private pickConsumer(): Consumer | undefined {
    const n = this.consumers.length;
    for (let i = 0; i < n; i++) {
      const index = (this.nextConsumer + i) % n;
      const consumer = this.consumers[index];
      if (consumer && consumer.capacity() > 0) {
        this.nextConsumer = (index + 1) % n;
        return consumer;
      }
    }
    return undefined;
  }

  // --- settlement (by lock token, from a link disposition or `$management`) ------------------

  /** Returns false when the lock is unknown or expired: the caller reports MessageLockLost. */
  settle(token: string, settlement: Settlement, now = Date.now()): boolean {
    const lock = this.locked.get(token);
    if (!lock) return false;
    if (lock.lockedUntil <= now) {
      // Expired but the ticker has not run yet: expire it now so it is redelivered exactly once.
      this.locked.delete(token);
      this.failedDelivery(lock.message);
      this.pump(now);
      return false;
    }
    this.locked.delete(token);
    const message = lock.message;
    switch (settlement.kind) {
      case 'complete':
        this.store?.remove(message.sequenceNumber);
        break;
      case 'abandon':
        mergeApplicationProperties(message, settlement.propertiesToModify);
        this.failedDelivery(message);
        break;
      case 'deadLetter':
        mergeApplicationProperties(message, settlement.propertiesToModify);
        this.deadLetter(message, settlement.reason, settlement.description);
        break;
    }
    this.pump(now);
    return true;
  }

  /** Extends a held lock by the queue's lock duration; undefined when the lock is gone. */
  renewLock(token: string, now = Date.now()): number | undefined {
    const lock = this.locked.get(token);
    if (!lock || lock.lockedUntil <= now) return undefined;
    lock.lockedUntil = now + this.settings.lockDurationMs;
    return lock.lockedUntil;
  }

  /** An abandon or an expired lock: count the attempt, then redeliver or dead-letter. */
  private failedDelivery(message: StoredMessage): void {
    message.deliveryCount++;
    if (message.deliveryCount >= this.settings.maxDeliveryCount) {
      this.deadLetter(
        message,
        MAX_DELIVERY_COUNT_EXCEEDED,
        `Message could not be consumed after ${this.settings.maxDeliveryCount} delivery attempts.`,
      );
      return;
    }
    this.insertActive(message);
    this.store?.put(message);
  }

  private deadLetter(message: StoredMessage, reason: string | undefined, description: string | undefined): void {
    const extra: Record<string, unknown> = {};
    if (reason !== undefined) extra.DeadLetterReason = reason;
    if (description !== undefined) extra.DeadLetterErrorDescription = description;
    mergeApplicationProperties(message, extra);
    if (!this.deadLetterQueue) {
      // Already in a dead-letter queue: Azure refuses this; the stand-in just keeps the message here.
      this.insertActive(message);
      this.store?.put(message);
      return;
    }
    this.log(`${this.name}: dead-lettered #${message.sequenceNumber} (${reason ?? 'no reason'})`);
    this.deadLetterQueue.insertActive(message);
    this.deadLetterQueue.store?.put(message);
    this.deadLetterQueue.pump();
  }

  // --- time ---------------------------------------------------------------------------------

  /** Expires locks and releases due scheduled messages (called by the server's ticker). */
  tick(now = Date.now()): void {
    let changed = false;
    for (const [token, lock] of this.locked) {
      if (lock.lockedUntil > now) continue;
      this.locked.delete(token);
      this.failedDelivery(lock.message);
      changed = true;
    }
    for (const [sequenceNumber, message] of this.scheduled) {
      if ((message.scheduledFor ?? 0) > now) continue;
      this.scheduled.delete(sequenceNumber);
      message.enqueuedAt = now;
      delete message.scheduledFor;
      this.insertActive(message);
      changed = true;
    }
    this.pruneSeen(now);
    if (changed) this.pump(now);
    this.deadLetterQueue?.tick(now);
  }

  // --- persistence --------------------------------------------------------------------------

  /** Puts a message back from the journal (locks are not restored: a locked message is active again). */
  restore(message: StoredMessage): void {
    this.nextSequenceNumber = Math.max(this.nextSequenceNumber, message.sequenceNumber + 1);
    if (message.scheduledFor !== undefined) this.scheduled.set(message.sequenceNumber, message);
    else this.insertActive(message);
  }

  restoreSeen(key: string, until: number): void {
    this.seen.set(key, until);
  }

  restoreSequence(next: number): void {
    this.nextSequenceNumber = Math.max(this.nextSequenceNumber, next);
  }

  durableState(): QueueDurableState {
    const messages = [...this.active.slice(this.head), ...[...this.locked.values()].map((l) => l.message), ...this.scheduled.values()];
    messages.sort((a, b) => a.sequenceNumber - b.sequenceNumber);
    return { messages, seen: [...this.seen], nextSequenceNumber: this.nextSequenceNumber };
  }

  // --- introspection ------------------------------------------------------------------------

  /** `com.microsoft:peek-message`: active, locked and scheduled messages from a sequence number on. */
  peek(fromSequenceNumber: number, count: number): PeekedMessage[] {
    const all: PeekedMessage[] = [];
    for (let i = this.head; i < this.active.length; i++) {
      const message = this.active[i];
      if (message && message.sequenceNumber >= fromSequenceNumber) all.push({ message, scheduled: false });
    }
    for (const lock of this.locked.values()) {
      if (lock.message.sequenceNumber >= fromSequenceNumber)
        all.push({ message: lock.message, lockedUntil: lock.lockedUntil, scheduled: false });
    }
    for (const message of this.scheduled.values()) {
      if (message.sequenceNumber >= fromSequenceNumber) all.push({ message, scheduled: true });
    }
    all.sort((a, b) => a.message.sequenceNumber - b.message.sequenceNumber);
    return all.slice(0, Math.max(0, count));
  }

  stats(): QueueStats {
    const dlq = this.deadLetterQueue;
    return {
      active: this.active.length - this.head,
      scheduled: this.scheduled.size,
      locked: this.locked.size,
      deadLettered: dlq ? dlq.active.length - dlq.head + dlq.locked.size : 0,
    };
  }

  // --- the ordered active list ----------------------------------------------------------------

  private insertActive(message: StoredMessage): void {
    const last = this.active[this.active.length - 1];
    if (this.head >= this.active.length || !last || last.sequenceNumber < message.sequenceNumber) {
      this.active.push(message);
      return;
    }
    // Redelivered messages keep their place in sequence order (as on Azure): binary-search it.
    let lo = this.head;
    let hi = this.active.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const m = this.active[mid];
      if (m && m.sequenceNumber < message.sequenceNumber) lo = mid + 1;
      else hi = mid;
    }
    this.active.splice(lo, 0, message);
  }

  /** Drops the consumed prefix once it dominates the array, keeping shifts O(1) amortised. */
  private compact(): void {
    if (this.head > 1024 && this.head * 2 > this.active.length) {
      this.active = this.active.slice(this.head);
      this.head = 0;
    } else if (this.head === this.active.length) {
      this.active = [];
      this.head = 0;
    }
  }
}

function mergeApplicationProperties(message: StoredMessage, properties: Record<string, unknown> | undefined): void {
  if (!properties) return;
  const defined = Object.entries(properties).filter(([, v]) => v !== undefined);
  if (defined.length === 0) return;
  message.amqp.application_properties = {
    ...(message.amqp.application_properties as Record<string, unknown> | undefined),
    ...Object.fromEntries(defined),
  };
}
