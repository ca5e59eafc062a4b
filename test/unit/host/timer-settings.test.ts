// Timer schedules without a setting fail at start locally as on Azure: no silent local default schedule.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import { type FakeCoreRegistry, installFakeCore } from '../../../devtools/host/fake-core.js';
import { unresolvedTimerSettings } from '../../../devtools/host/timers.js';
import { LOCAL_SCHEDULES, localSchedules } from '../../../devtools/standins/settings.js';
import { ConfigError } from '../../../shared/config/config.js';

let registry: FakeCoreRegistry;
const SCHEDULES = Object.keys(LOCAL_SCHEDULES);

beforeAll(async () => {
  registry = installFakeCore();
  await import('../../../functions/index.js');
});

const saved = Object.fromEntries(SCHEDULES.map((k) => [k, process.env[k]]));
afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

describe('timer schedule settings', () => {
  it('names every timer setting that is not set (config defaults do not count)', () => {
    const problems = unresolvedTimerSettings(registry.functions.values(), {});
    expect(problems.map((p) => p.setting).sort()).toEqual([...SCHEDULES].sort());
    expect(problems.find((p) => p.setting === 'IMPORT_SCHEDULE')?.problem).toMatch(/importExports/);
    expect(
      unresolvedTimerSettings(registry.functions.values(), { ...LOCAL_SCHEDULES, IMPORT_SCHEDULE: ' ' }).map((p) => p.setting),
    ).toEqual(['IMPORT_SCHEDULE']);
  });

  it('the local stack says every schedule explicitly; the environment wins', () => {
    expect(unresolvedTimerSettings(registry.functions.values(), localSchedules({}))).toEqual([]);
    expect(localSchedules({ IMPORT_SCHEDULE: '0 0 * * * *' })).not.toHaveProperty('IMPORT_SCHEDULE');
  });

  it('the local host refuses to start, naming the missing setting', async () => {
    const { startHost } = await import('../../../devtools/host/host.js');
    for (const k of SCHEDULES) delete process.env[k];
    const others = Object.fromEntries(Object.entries(LOCAL_SCHEDULES).filter(([k]) => k !== 'CLAIM_DEADLINES_SCHEDULE'));
    const started = startHost({ settings: others, httpPort: 0, timers: false, serviceBus: false, log: () => {} });
    await expect(started).rejects.toBeInstanceOf(ConfigError);
    await expect(started).rejects.toThrow(/CLAIM_DEADLINES_SCHEDULE: not set: the schedule of timer claimDeadlines/);
  });
});
