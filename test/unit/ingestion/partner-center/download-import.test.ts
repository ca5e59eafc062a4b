// A Partner Center download dropped in the `exports` container imports through the real path (the
// importExports handler over in-memory ports) with no column map; its report names the preset.
import type { InvocationContext, Timer } from '@azure/functions';
import { describe, expect, it } from 'vitest';

import { partnerChangeMessageSchema } from '../../../../shared/domain/changes/message.js';
import { importExportsHandler } from '../../../../shared/handlers/importExports.js';
import type { ImportReportRecord } from '../../../../shared/ingestion/import-reports.js';
import { applyPartnerChanges } from '../../../../shared/pipeline/apply.js';
import { PartnerRepository } from '../../../../shared/pipeline/partner-repository.js';
import { factsAsScored } from '../../../../shared/pipeline/stored-facts.js';
import { OPERATIONS_PK } from '../../../../shared/ports/documentStore.js';
import { MemoryStore, withRepos } from '../../../support/memory-store.js';
import { fixedClock, MemoryExports, MemoryLog, RecordingBus } from '../fakes.js';

describe('importExports: a Partner Center download', () => {
  it('CPOR – Microsoft 365 usage with no column map → m365 usage messages; the report names the preset and the unknown values', async () => {
    const store = new MemoryStore();
    const bus = new RecordingBus();
    const exports = new MemoryExports();
    const log = new MemoryLog();
    exports.put(
      'downloads/CPOR - Microsoft 365 usage.csv',
      [
        'CustomerTenantId,CustomerName,WorkloadName,MonthlyActiveUsers,PaidAvailableUnits,ClaimId,MpnId,DateAssociated,PartnerAttributionType,Date',
        't1,Contoso,Microsoft Teams,250,300,c-1,4100002,2026-03-02,CPOR OSA,2026-10-01',
        't1,Contoso,Teams,10,20,c-2,4100002,2026-03-02,CPOR OSA,2026-10-01',
        't2,Fabrikam,Teams,5,40,c-3,4100002,2026-04-01,Advisor,2026-10-01',
      ].join('\n'),
      '2026-11-20T06:00:00.000Z',
    );
    const handler = importExportsHandler(
      { store, bus, exports, clock: fixedClock('2026-11-21T08:00:00Z') },
      { EXPORTS_CONTAINER: 'exports' },
    );
    const result = await handler({} as Timer, log as unknown as InvocationContext);

    expect(result.files).toEqual([
      expect.objectContaining({ name: 'downloads/CPOR - Microsoft 365 usage.csv', accepted: 1, rejected: 1, messages: 1 }),
    ]);
    const body = partnerChangeMessageSchema.parse(bus.sent[0]!.message.body);
    expect(body.partnerId).toBe('4100002');
    expect(body.changes).toEqual([
      expect.objectContaining({
        fact: 'usage',
        kind: 'm365',
        tenantId: 't1',
        month: '2026-10',
        workload: 'Teams',
        association: 'CPOR',
        cporActivity: 'osa',
        paidSeats: 320,
        activeUsers: 260,
        observedAt: '2026-11-20T06:00:00.000Z',
      }),
    ]);
    const [report] = store.collection('operations').ofPartition(OPERATIONS_PK.importReports) as unknown as ImportReportRecord[];
    expect(report!.preset).toMatchObject({
      id: 'partner-center/cpor-m365-usage',
      title: 'CPOR – Microsoft 365 usage',
      sourceRows: 3,
      usedRows: 2,
      unknown: [{ column: 'PartnerAttributionType', value: 'Advisor', count: 1, action: 'not scored', firstLine: 4 }],
    });
    expect(report!.rejected).toEqual([
      { line: 4, column: 'PartnerAttributionType', reason: expect.stringMatching(/unknown attribution value "Advisor"/) },
    ]);
  });

  it('a Business applications revenue download and a usage download of the same record: the customer keeps both figures, in either order', async () => {
    const revenue = [
      'AdjustedRevenueAmtCD,CustomerTenantID,Workloads,PartnerAssociationType,GlobalPartnerID,FiscalMonthName',
      '1600,t1,Dynamics 365 Sales,CSP Tier 1,4100003,2026-10-01',
    ].join('\n');
    const usage = [
      'MAU,Workload,CustomerTenantID,PartnerAttributionType,GlobalPartnerID,FiscalMonthName',
      '25,Sales,t1,CSP Tier 1,4100003,2026-10-01',
    ].join('\n');
    const figuresAfter = async (files: Array<[string, string, string]>) => {
      const store = new MemoryStore();
      const bus = new RecordingBus();
      const exports = new MemoryExports();
      for (const [name, text, at] of files) exports.put(name, text, at);
      const clock = fixedClock('2026-11-21T08:00:00Z');
      await importExportsHandler({ store, bus, exports, clock }, { EXPORTS_CONTAINER: 'exports' })(
        {} as Timer,
        new MemoryLog() as unknown as InvocationContext,
      );
      const deps = withRepos(store, { bus: new RecordingBus(), clock });
      for (const sent of bus.sent) await applyPartnerChanges(deps, partnerChangeMessageSchema.parse(sent.message.body));
      const loaded = await new PartnerRepository(deps).load('4100003');
      return factsAsScored(loaded, '4100003', '2026-11-20').facts.customers.flatMap((c) => c.usage);
    };
    const expected = [expect.objectContaining({ kind: 'bizapps', workload: 'Sales', month: '2026-10', revenueUsd: 1600, activeUsers: 25 })];
    expect(
      await figuresAfter([
        ['downloads/Business applications revenue.csv', revenue, '2026-11-19T06:00:00.000Z'],
        ['downloads/Business applications usage.csv', usage, '2026-11-20T06:00:00.000Z'],
      ]),
    ).toEqual(expected);
    expect(
      await figuresAfter([
        ['downloads/Business applications usage.csv', usage, '2026-11-19T06:00:00.000Z'],
        ['downloads/Business applications revenue.csv', revenue, '2026-11-20T06:00:00.000Z'],
      ]),
    ).toEqual(expected);
  });
});
