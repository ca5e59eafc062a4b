import { defineConfig } from 'vitest/config';

// Two projects: fast, pure unit tests; integration tests against the local stand-ins
// (Azurite, cosmosdb-server, the Service Bus stand-in, the SMTP sink) started once per run
// on free ports by test/setup/global-stack.ts.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          // A unit test takes well under a second on an idle machine; on a loaded 2-core one (CI, other
          // sessions) several times that. 5 s is luck there. Tests that spawn processes or run long property
          // loops set their own timeout from what they do (test/support/pcs-cli.ts spawns()).
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/setup/global-stack.ts'],
          // Captures every log line and fails a file that logs a contact address or a key (issue 10).
          setupFiles: ['test/setup/log-capture.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
