// Runs the Service Bus stand-in on its own:
//   tsx devtools/servicebus/cli.ts --port 5672 --queue a --queue b [--host 127.0.0.1] [--no-auto-create] [--verbose]
//     [--data-dir DIR]  (keep the queues in DIR across restarts)
// Prints the connection string on the first line of stdout and runs until SIGINT/SIGTERM.
import { parseArgs } from 'node:util';

import { startServiceBusStandIn } from './server.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '5672' },
    host: { type: 'string', default: '127.0.0.1' },
    queue: { type: 'string', multiple: true, default: [] },
    'no-auto-create': { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
  },
  strict: true,
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be an integer between 0 and 65535, got '${values.port}'`);
  process.exit(2);
}

const standIn = await startServiceBusStandIn({
  port,
  host: values.host,
  queues: values.queue,
  autoCreateQueues: !values['no-auto-create'],
  log: values.verbose ? (line) => console.error(`[servicebus] ${line}`) : undefined,
  ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
});
console.log(standIn.connectionString);

let stopping = false;
const stop = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  console.error(`[servicebus] ${signal}: stopping`);
  standIn.close().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
