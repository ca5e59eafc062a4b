// The catalog carries @azure/functions' own trigger option types: an option the catalog does not know by
// name (retry, useMonitor, cardinality, …) reaches app.* and so the binding metadata Azure is given.
import { beforeAll, describe, expect, it } from 'vitest';

import { type FakeCoreRegistry, installFakeCore } from '../../../devtools/host/fake-core.js';
import type { CatalogEntry } from '../../../functions/catalog.js';

let registry: FakeCoreRegistry;
let catalog: typeof import('../../../functions/catalog.js');

beforeAll(async () => {
  registry = installFakeCore();
  catalog = await import('../../../functions/catalog.js');
  const noop = () => async () => undefined;
  const entries: CatalogEntry[] = [
    catalog.timer(
      'optTimer',
      { schedule: '0 0 * * * *', useMonitor: false, retry: { strategy: 'fixedDelay', maxRetryCount: 2, delayInterval: 1000 } },
      noop,
    ),
    catalog.serviceBusQueue('optQueue', 'opt-queue', noop, { cardinality: 'one', isSessionsEnabled: false }),
    catalog.http('optHttp', { methods: ['GET'], route: 'api/opt', access: 'public', extraInputs: [] }, () => async () => ({ status: 204 })),
  ];
  catalog.register(entries);
});

describe('catalog options are the library types', () => {
  it('passes timer options (useMonitor, retry) through', () => {
    const fn = registry.functions.get('optTimer')!;
    expect(fn.trigger).toMatchObject({ type: 'timerTrigger', schedule: '0 0 * * * *', useMonitor: false, runOnStartup: false });
    expect(fn.retryOptions).toMatchObject({ strategy: 'fixedDelay', maxRetryCount: 2 });
  });

  it('passes Service Bus options (cardinality) through, with the catalog connection', () => {
    const fn = registry.functions.get('optQueue')!;
    expect(fn.trigger).toMatchObject({
      type: 'serviceBusTrigger',
      queueName: 'opt-queue',
      cardinality: 'one',
      connection: 'ServiceBusConnection',
    });
  });

  it('keeps HTTP routes anonymous at the host and the access field on the entry', () => {
    const fn = registry.functions.get('optHttp')!;
    expect(fn.trigger).toMatchObject({ type: 'httpTrigger', route: 'api/opt', methods: ['GET'], authLevel: 'anonymous' });
    const e = catalog.http('x', { methods: ['GET'], route: 'api/x' }, () => async () => ({}));
    expect(e).toMatchObject({ kind: 'http', access: 'key', route: 'api/x', methods: ['GET'] });
  });
});
