// The app's local Functions host alone, for the soak run: the settings (pointing at the soak's proxies
// and stand-ins) come in the environment (LOCAL_TODAY: the business day, as npm start reads it); every log
// line starts with the real time; prints `SOAK_HOST_READY <url>` once it listens. SIGTERM stops it.
import { configureRoot } from '../../functions/composition.js';
import { clockOnDay } from '../../shared/adapters/system/clock.js';
import { startHost } from '../host/host.js';

const clock = clockOnDay(process.env.LOCAL_TODAY || undefined);
configureRoot({ clock });
const host = await startHost({
  httpPort: 0,
  httpHost: '127.0.0.1',
  log: (line) => console.log(`${new Date().toISOString()} ${line}`),
  timers: true,
  clock,
});
console.log(`SOAK_HOST_READY ${host.url}`);
let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    void host.stop().finally(() => process.exit(0));
  });
}
process.on('unhandledRejection', (reason) => console.error('unhandled rejection (host keeps running):', reason));
