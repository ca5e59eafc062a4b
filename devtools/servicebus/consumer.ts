// A client's receiver link, seen from the server: a rhea Sender that takes messages from one queue
// within the credit the client grants, answers drain requests, and turns the client's dispositions
// (accepted / released / modified / rejected) into queue settlements.
import type { Delivery, EventContext, Sender, Typed } from 'rhea';

import { encodeForDelivery, LOCK_LOST, lockTokenToTag, newLockToken, Outcome, unwrapValue } from './encoding.js';
import type { Consumer, Lock, Queue, Settlement, StoredMessage } from './queue.js';

/** rhea internals the credit arithmetic needs (not in its typings). */
interface SessionOutgoing {
  next_pending_delivery: number;
  deliveries: { available(): number };
}

const LOCK_LOST_DESCRIPTION =
  'The lock supplied is invalid. Either the lock expired, or the message has already been removed from the queue.';

export class LinkConsumer implements Consumer {
  readonly receiveAndDelete: boolean;
  /** Ids of deliveries handed to rhea but not yet transferred (they still count against credit). */
  private readonly untransferred: number[] = [];
  /** Lock token of each unsettled peek-lock delivery. */
  private readonly tokens = new Map<Delivery, string>();
  private detached = false;

  constructor(
    private readonly sender: Sender,
    private readonly queue: Queue,
    private readonly log: (line: string) => void,
    /** Persistent stand-in: echo a settlement only once the queue's change is on disk. */
    private readonly afterDurable: (fn: () => void, onError: (err: Error) => void) => void = (fn) => fn(),
  ) {
    // The client asks for settled transfers (snd-settle-mode 1) only in receiveAndDelete mode.
    this.receiveAndDelete = sender.snd_settle_mode === 1;

    sender.on('sender_flow', () => this.queue.pump());
    // After receiveMessages the SDK drains leftover credit; it waits (and then falls back to
    // `$management` settlement) unless the server confirms the drain.
    sender.on('sender_draining', () => {
      this.queue.pump();
      sender.set_drained(true);
    });
    sender.on('accepted', (ctx: EventContext) => this.onDisposition(ctx, { kind: 'complete' }));
    sender.on('released', (ctx: EventContext) => this.onDisposition(ctx, { kind: 'abandon' }));
    sender.on('modified', (ctx: EventContext) => this.onModified(ctx));
    sender.on('rejected', (ctx: EventContext) => this.onRejected(ctx));
    sender.on('sender_close', () => this.detach());
    sender.on('sender_error', () => this.detach());
  }

  capacity(): number {
    if (this.detached || !this.sender.is_open()) return 0;
    const outgoing = (this.sender.session as unknown as { outgoing: SessionOutgoing }).outgoing;
    // rhea decrements `credit` only when a transfer is written, so subtract what is still queued.
    while (this.untransferred.length > 0 && (this.untransferred[0] ?? 0) < outgoing.next_pending_delivery) {
      this.untransferred.shift();
    }
    const credit = (this.sender as unknown as { credit: number }).credit;
    // Never overflow the session's delivery ring (2048 slots), which would throw inside rhea.
    return Math.min(credit - this.untransferred.length, outgoing.deliveries.available());
  }

  deliver(message: StoredMessage, lock: Lock | undefined): void {
    const bytes = encodeForDelivery(message.amqp, {
      sequenceNumber: message.sequenceNumber,
      enqueuedAt: message.enqueuedAt,
      deliveryCount: message.deliveryCount,
      lockedUntil: lock?.lockedUntil,
    });
    // The delivery tag is the lock token (in .NET GUID byte order), as on Azure.
    const delivery = this.sender.send(bytes, lockTokenToTag(lock?.token ?? newLockToken()), 0);
    this.untransferred.push(delivery.id);
    if (lock) this.tokens.set(delivery, lock.token);
  }

  /** Stops feeding this link; locks it holds stay until they expire (as on Azure). */
  detach(): void {
    if (this.detached) return;
    this.detached = true;
    this.queue.removeConsumer(this);
    this.tokens.clear();
  }

  private onModified(ctx: EventContext): void {
    const state = (ctx.delivery?.remote_state ?? {}) as {
      undeliverable_here?: boolean;
      delivery_failed?: boolean;
      message_annotations?: unknown;
    };
    if (state.undeliverable_here) {
      // That is `defer()`, which needs receive-by-sequence-number; not part of the stand-in.
      this.settleDelivery(ctx.delivery, Outcome.error('amqp:not-implemented', 'The Service Bus stand-in does not support deferral.'));
      return;
    }
    const propertiesToModify = plainObject(state.message_annotations);
    this.onDisposition(ctx, { kind: 'abandon', propertiesToModify }, Outcome.modified(Boolean(state.delivery_failed), false));
  }

  private onRejected(ctx: EventContext): void {
    // The SDK puts DeadLetterReason / DeadLetterErrorDescription (and any properties to modify) in
    // the rejected outcome's error info.
    const error = (ctx.delivery?.remote_state as { error?: { info?: unknown } } | undefined)?.error;
    const info = plainObject(error?.info) ?? {};
    const { DeadLetterReason, DeadLetterErrorDescription, ...rest } = info;
    this.onDisposition(ctx, {
      kind: 'deadLetter',
      reason: typeof DeadLetterReason === 'string' ? DeadLetterReason : undefined,
      description: typeof DeadLetterErrorDescription === 'string' ? DeadLetterErrorDescription : undefined,
      propertiesToModify: rest,
    });
  }

  private onDisposition(ctx: EventContext, settlement: Settlement, echo?: Typed): void {
    const delivery = ctx.delivery;
    if (!delivery) return;
    const token = this.tokens.get(delivery);
    this.tokens.delete(delivery);
    const settled = token !== undefined && this.queue.settle(token, settlement);
    if (!settled) this.log(`${this.queue.name}: settlement with a lost lock (${settlement.kind})`);
    const state = !settled
      ? Outcome.error(LOCK_LOST, LOCK_LOST_DESCRIPTION)
      : (echo ??
        (settlement.kind === 'complete' ? Outcome.accepted() : settlement.kind === 'deadLetter' ? Outcome.rejected() : Outcome.released()));
    this.afterDurable(
      () => this.settleDelivery(delivery, state),
      (err) => this.settleDelivery(delivery, Outcome.error('amqp:internal-error', `stand-in journal: ${err.message}`)),
    );
  }

  private settleDelivery(delivery: Delivery | undefined, state: Typed): void {
    if (!delivery) return;
    try {
      delivery.update(true, state);
    } catch (err) {
      // After an fsync wait the link may be gone; the settlement already happened in the queue.
      this.log(`${this.queue.name}: could not echo a settlement: ${(err as Error).message}`);
      return;
    }
    // The SDK never sends a final settle; marking it remotely settled lets rhea free the ring slot
    // (otherwise the session stops after 2048 deliveries). Must come after update(), which only
    // writes a disposition for deliveries not yet remotely settled.
    (delivery as { remote_settled: boolean }).remote_settled = true;
  }
}

/** A map that may arrive as a plain object or still wrapped as a rhea Typed map. */
function plainObject(value: unknown): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  const plain = isTyped(value) ? unwrapValue(value) : value;
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) return undefined;
  return Object.fromEntries(Object.entries(plain).filter(([, v]) => v !== undefined && v !== null));
}

function isTyped(value: unknown): boolean {
  const type = typeof value === 'object' && value !== null ? (value as { type?: { typecode?: unknown } }).type : undefined;
  return typeof type?.typecode === 'number' && 'value' in (value as object);
}
