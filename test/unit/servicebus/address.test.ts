// Link addresses as the JS SDK and the .NET client (the real Functions host's) write them name the same queue.
import { describe, expect, it } from 'vitest';

import { parseAddress } from '../../../devtools/servicebus/registry.js';

describe('parseAddress', () => {
  it('reads plain, host-prefixed and slash-prefixed entity addresses alike', () => {
    for (const raw of ['orders', '/orders', 'sb://127.0.0.1/orders', 'amqps://ns.servicebus.windows.net/orders']) {
      expect(parseAddress(raw)).toEqual({ kind: 'entity', entity: 'orders' });
    }
    expect(parseAddress('/orders/$DeadLetterQueue')).toEqual({ kind: 'entity', entity: 'orders/$DeadLetterQueue' });
  });

  it('reads management and CBS nodes', () => {
    expect(parseAddress('orders/$management')).toEqual({ kind: 'management', entity: 'orders' });
    expect(parseAddress('/orders/$management')).toEqual({ kind: 'management', entity: 'orders' });
    expect(parseAddress('$cbs')).toEqual({ kind: 'cbs' });
  });
});
