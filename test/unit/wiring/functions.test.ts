// Loads the one catalog (functions/index.ts) through the fake @azure/functions-core, exactly as the local
// host does, and checks what Azure would be told about each function.
import { beforeAll, describe, expect, it } from 'vitest';

import { type FakeCoreRegistry, installFakeCore, resolveBindingExpression } from '../../../devtools/host/fake-core.js';
import { DEFAULTS, loadConfig } from '../../../shared/config/config.js';

let registry: FakeCoreRegistry;

beforeAll(async () => {
  registry = installFakeCore();
  await import('../../../functions/index.js');
});

const expected = {
  health: { type: 'httpTrigger', methods: ['GET'], route: 'api/health', authLevel: 'anonymous' },
  submitChanges: { type: 'httpTrigger', methods: ['POST'], route: 'api/changes', authLevel: 'anonymous' },
  importExports: { type: 'timerTrigger', schedule: '%IMPORT_SCHEDULE%', runOnStartup: false },
  listImports: { type: 'httpTrigger', methods: ['GET'], route: 'api/imports/{id?}', authLevel: 'anonymous' },
  listPartners: { type: 'httpTrigger', methods: ['GET'], route: 'api/partners', authLevel: 'anonymous' },
  getPartnersSummary: { type: 'httpTrigger', methods: ['GET'], route: 'api/partners/summary', authLevel: 'anonymous' },
  getPartner: { type: 'httpTrigger', methods: ['GET'], route: 'api/partners/{partnerId}', authLevel: 'anonymous' },
  getPartnerExplanations: { type: 'httpTrigger', methods: ['GET'], route: 'api/partners/{partnerId}/explanations', authLevel: 'anonymous' },
  getPartnerHistory: { type: 'httpTrigger', methods: ['GET'], route: 'api/partners/{partnerId}/history', authLevel: 'anonymous' },
  getPartnerRecommendations: {
    type: 'httpTrigger',
    methods: ['GET'],
    route: 'api/partners/{partnerId}/recommendations',
    authLevel: 'anonymous',
  },
  getPartnerForecast: { type: 'httpTrigger', methods: ['GET'], route: 'api/partners/{partnerId}/forecast', authLevel: 'anonymous' },
  me: { type: 'httpTrigger', methods: ['GET'], route: 'api/me', authLevel: 'anonymous' },
  getPartnerMails: { type: 'httpTrigger', methods: ['GET'], route: 'api/partners/{partnerId}/mails', authLevel: 'anonymous' },
  listRejectedMessages: { type: 'httpTrigger', methods: ['GET'], route: 'api/operations/rejected', authLevel: 'anonymous' },
  listDeadLetters: { type: 'httpTrigger', methods: ['GET'], route: 'api/operations/dead-letters', authLevel: 'anonymous' },
  openApi: { type: 'httpTrigger', methods: ['GET'], route: 'api/openapi.json', authLevel: 'anonymous' },
  pullInsights: { type: 'timerTrigger', schedule: '%INSIGHTS_SCHEDULE%', runOnStartup: false },
  pullPartnerInsights: { type: 'timerTrigger', schedule: '%PARTNER_INSIGHTS_SCHEDULE%', runOnStartup: false },
  nightlyRecompute: { type: 'timerTrigger', schedule: '%NIGHTLY_RECOMPUTE_SCHEDULE%', runOnStartup: false },
  processPartnerChange: { type: 'serviceBusTrigger', queueName: 'partner-changes', connection: 'ServiceBusConnection' },
  recomputePartner: { type: 'serviceBusTrigger', queueName: 'partner-recompute', connection: 'ServiceBusConnection' },
  sendNotification: { type: 'serviceBusTrigger', queueName: 'notifications', connection: 'ServiceBusConnection' },
  submitClaimEvent: { type: 'httpTrigger', methods: ['POST'], route: 'api/claims/events', authLevel: 'anonymous' },
  listClaims: { type: 'httpTrigger', methods: ['GET'], route: 'api/claims/{partnerId}', authLevel: 'anonymous' },
  getClaim: { type: 'httpTrigger', methods: ['GET'], route: 'api/claims/{partnerId}/{claimId}', authLevel: 'anonymous' },
  claimDeadlines: { type: 'timerTrigger', schedule: '%CLAIM_DEADLINES_SCHEDULE%', runOnStartup: false },
  dashboard: { type: 'httpTrigger', methods: ['GET'], route: '{*path}', authLevel: 'anonymous' },
} as const;

describe('function catalog', () => {
  it('registers exactly the listed functions', () => {
    const names = [...registry.functions.keys()].sort();
    // The list, printed so a test run shows what Azure will see.
    console.log(
      'registered functions:\n' +
        [...registry.functions.values()]
          .map(
            (f) =>
              `  ${f.name}: ${f.trigger.type} ${JSON.stringify({ ...f.trigger, name: undefined, direction: undefined, properties: undefined, type: undefined })}`,
          )
          .join('\n'),
    );
    expect(names).toEqual(Object.keys(expected).sort());
  });

  it.each(Object.entries(expected))('%s has its trigger, route/schedule/queue and connection', (name, want) => {
    const fn = registry.functions.get(name);
    expect(fn, name).toBeDefined();
    expect(fn!.trigger).toMatchObject({ ...want, direction: 'in' });
    expect(typeof fn!.handler).toBe('function');
  });

  it('gives HTTP functions an http return binding', () => {
    for (const name of [
      'health',
      'submitChanges',
      'listImports',
      'listPartners',
      'getPartner',
      'getPartnerExplanations',
      'getPartnerHistory',
      'getPartnerRecommendations',
      'getPartnerForecast',
      'submitClaimEvent',
      'listClaims',
      'getClaim',
    ]) {
      expect(registry.functions.get(name)!.bindings.$return).toMatchObject({ type: 'http', direction: 'out' });
    }
  });

  it('resolves each timer schedule from the settings, with the documented defaults', () => {
    const config = loadConfig({});
    expect(resolveBindingExpression(expected.importExports.schedule, config)).toBe(DEFAULTS.IMPORT_SCHEDULE);
    expect(resolveBindingExpression(expected.nightlyRecompute.schedule, config)).toBe(DEFAULTS.NIGHTLY_RECOMPUTE_SCHEDULE);
    expect(resolveBindingExpression(expected.pullInsights.schedule, config)).toBe(DEFAULTS.INSIGHTS_SCHEDULE);
    expect(resolveBindingExpression(expected.claimDeadlines.schedule, config)).toBe(DEFAULTS.CLAIM_DEADLINES_SCHEDULE);
  });

  it('registers start and terminate hooks (config check at start, connections closed at the end)', () => {
    expect(registry.hooks.get('appStart')?.length).toBeGreaterThanOrEqual(1);
    expect(registry.hooks.get('appTerminate')?.length).toBeGreaterThanOrEqual(1);
  });

  it('serves every API route under api/ with host.json routePrefix "" (the page at /), all anonymous at the host', async () => {
    const { readRoutePrefix } = await import('../../../devtools/host/host.js');
    expect(readRoutePrefix()).toBe('');
    const https = [...registry.functions.values()].filter((f) => f.trigger.type === 'httpTrigger');
    for (const f of https) {
      expect(f.trigger.authLevel, f.name).toBe('anonymous');
      if (f.name !== 'dashboard') expect(String(f.trigger.route), f.name).toMatch(/^api\//);
    }
  });

  it('gives each HTTP route its app-checked access: public and signed only where named, admin for imports and operations', async () => {
    const { CATALOG } = await import('../../../functions/index.js');
    const access = Object.fromEntries(CATALOG.flatMap((e) => (e.kind === 'http' ? [[e.name, e.access]] : [])));
    // The OpenAPI document describes the API and holds no data.
    const PUBLIC = ['health', 'dashboard', 'openApi'];
    const SIGNED = ['submitChanges', 'submitClaimEvent'];
    for (const [name, a] of Object.entries(access)) {
      if (PUBLIC.includes(name)) expect(a, name).toBe('public');
      else if (SIGNED.includes(name)) expect(a, name).toBe('signed');
      else expect(['key', 'admin'], name).toContain(a);
    }
    for (const e of CATALOG) {
      if (e.kind === 'http' && /^api\/(imports|operations)(\/|$)/.test(e.route)) expect(e.access, e.name).toBe('admin');
    }
  });

  it('importing the catalog reads no setting: the composition root is built on first invocation', async () => {
    const { closeRoot } = await import('../../../functions/composition.js');
    await expect(closeRoot()).resolves.toBeUndefined();
  });
});
