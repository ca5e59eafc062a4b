// Entity names and addresses: which queue (or dead-letter sub-queue) a link address means, and
// the set of queues, created on first use unless auto-creation is off.
import { CBS_ADDRESS } from './cbs.js';
import { DEFAULT_QUEUE_SETTINGS, Queue, type QueueSettings } from './queue.js';

const DEAD_LETTER_SUFFIX = '/$deadletterqueue';
const MANAGEMENT_SUFFIX = '/$management';

export type Address = { kind: 'cbs' } | { kind: 'management'; entity: string } | { kind: 'entity'; entity: string };

/**
 * Strips an optional `sb://host/` or `amqps://host/` prefix, or a leading `/` (the .NET client writes
 * `/queue` for its send and receive links, `queue/$management` for management), and classifies the node.
 */
export function parseAddress(raw: string): Address {
  const address = raw.replace(/^[a-z]+:\/\/[^/]+\//i, '').replace(/^\/+/, '');
  if (address === CBS_ADDRESS) return { kind: 'cbs' };
  if (address.toLowerCase() === '$management') return { kind: 'management', entity: '' };
  if (address.toLowerCase().endsWith(MANAGEMENT_SUFFIX)) {
    return { kind: 'management', entity: address.slice(0, -MANAGEMENT_SUFFIX.length) };
  }
  return { kind: 'entity', entity: address };
}

/** Queues by case-insensitive name (Service Bus entity names are case-insensitive). */
export class QueueRegistry {
  private readonly queues = new Map<string, Queue>();
  /** Called for every queue defined from now on (persistence attaches its journal). */
  onDefine: ((queue: Queue) => void) | undefined;

  constructor(
    private readonly autoCreate: boolean,
    private readonly log: (line: string) => void,
  ) {}

  define(name: string, overrides: Partial<QueueSettings>): Queue {
    const settings: QueueSettings = {
      maxDeliveryCount: overrides.maxDeliveryCount ?? DEFAULT_QUEUE_SETTINGS.maxDeliveryCount,
      lockDurationMs: overrides.lockDurationMs ?? DEFAULT_QUEUE_SETTINGS.lockDurationMs,
      duplicateDetectionWindowMs: overrides.duplicateDetectionWindowMs ?? DEFAULT_QUEUE_SETTINGS.duplicateDetectionWindowMs,
    };
    const queue = Queue.withDeadLetterQueue(name, settings, this.log);
    this.queues.set(name.toLowerCase(), queue);
    this.onDefine?.(queue);
    return queue;
  }

  /** Finds an entity (a queue or its dead-letter sub-queue) without creating it. */
  find(path: string): Queue | undefined {
    const lower = path.toLowerCase();
    if (lower.endsWith(DEAD_LETTER_SUFFIX)) return this.queues.get(lower.slice(0, -DEAD_LETTER_SUFFIX.length))?.deadLetterQueue;
    return this.queues.get(lower);
  }

  /** Finds an entity, creating its queue with default settings when auto-creation is on. */
  resolve(path: string): Queue | undefined {
    const found = this.find(path);
    if (found || !this.autoCreate || path === '') return found;
    const lower = path.toLowerCase();
    const base = lower.endsWith(DEAD_LETTER_SUFFIX) ? path.slice(0, -DEAD_LETTER_SUFFIX.length) : path;
    this.log(`auto-created queue '${base}'`);
    this.define(base, {});
    return this.find(path);
  }

  /** Every queue (not the dead-letter sub-queues). */
  all(): Queue[] {
    return [...this.queues.values()];
  }

  tick(now: number): void {
    for (const queue of this.queues.values()) queue.tick(now);
  }
}
