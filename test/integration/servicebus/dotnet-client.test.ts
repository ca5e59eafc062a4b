// The Service Bus stand-in held to the real .NET client: devtools/dotnet-servicebus-check (Azure.Messaging.ServiceBus
// from NuGet) sends, receives peek-lock, completes, renews a lock, abandons until the broker dead-letters, dead-letters
// with a reason, schedules (and cancels) and relies on duplicate detection, against a stand-in started for this test.
// Skipped, saying so, where the .NET SDK is not on PATH. The first run restores NuGet packages and builds: generous timeout.
import type { ChildProcess } from 'node:child_process';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { dotnetAvailable, runCheck, startStandIn, stopStandIn } from '../../../devtools/dotnet-servicebus-check/run.js';

const hasDotnet = dotnetAvailable();
if (!hasDotnet) console.warn('dotnet-client.test: skipped — the .NET SDK (dotnet) is not on PATH');

describe.skipIf(!hasDotnet)('Service Bus stand-in with the .NET client (Azure.Messaging.ServiceBus)', () => {
  let standIn: { connectionString: string; child: ChildProcess } | undefined;

  beforeAll(async () => {
    standIn = await startStandIn();
  }, 60_000);

  afterAll(async () => {
    if (standIn) await stopStandIn(standIn.child);
  });

  it('passes every check of devtools/dotnet-servicebus-check', async () => {
    const { code, output } = await runCheck(standIn!.connectionString);
    expect(
      output.split('\n').filter((l) => l.startsWith('FAIL ')),
      output,
    ).toEqual([]);
    expect(output).toContain('all checks passed');
    expect(code, output).toBe(0);
  }, 600_000);
});
