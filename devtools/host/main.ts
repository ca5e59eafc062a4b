// `npm start`: the local stack — stand-ins for whatever the settings do not point at, then the local
// Functions host over the very same app.* registrations. `npm run demo` (--demo): the same stack, runs the
// main job once, prints a summary and exits. Ctrl-C stops everything and leaves no process behind.
// `npm start` keeps its data under LOCAL_DATA_DIR (.local/data) across restarts and crashes; `--fresh`
// empties it first. The demo always starts empty, in memory.
import { configureRoot } from '../../functions/composition.js';
import { clockOnDay } from '../../shared/adapters/system/clock.js';
import { ConfigError, loadConfig, LOCAL_DEFAULTS } from '../../shared/config/config.js';
import { ensureWebBuilt } from '../../shared/web/build.js';
import { findPackageRoot } from '../../shared/web/static.js';
import { localInsightsSettings } from '../insights/local.js';
import { killAllChildrenNow } from '../standins/child.js';
import { emptyDataDir, keepBusinessDay, recordBusinessDay, rewindProblem } from '../standins/data-dir.js';
import { type StandInStack, startStandIns } from '../standins/launcher.js';
import { planStandIns } from '../standins/plan.js';
import { portsInUse } from '../standins/ports.js';
import { loadLocalSettings } from '../standins/settings.js';
import { runDemo } from './demo.js';
import { describeFunctions, type RunningHost, startHost } from './host.js';
import { SAMPLES_DAY } from './samples.js';
import { onStarted } from './started.js';

const demo = process.argv.includes('--demo');
const fresh = process.argv.includes('--fresh');

/** A reason not to start that one line says in full (no stack trace). */
class StartupStop extends Error {}

// Every line the host prints carries the real time (not the business day, which LOCAL_TODAY may move).
for (const method of ['log', 'warn', 'error'] as const) {
  const write = console[method].bind(console);
  console[method] = (...args: unknown[]) => {
    const first = args[0];
    // Keep leading blank lines (section breaks) ahead of the stamp.
    const breaks = typeof first === 'string' ? (/^\n*/.exec(first)?.[0] ?? '') : '';
    const rest = typeof first === 'string' ? [first.slice(breaks.length), ...args.slice(1)] : args;
    write(`${breaks}${new Date().toISOString()}`, ...rest);
  };
}
/** The demo waits for its mails to settle: a short delay instead of the default five minutes. */
const DEMO_MAIL_SETTLE_SECONDS = '2';
if (demo) process.env.MAIL_SETTLE_SECONDS ??= DEMO_MAIL_SETTLE_SECONDS;
const log = (line: string) => console.log(line);
let stack: StandInStack | undefined;
let host: RunningHost | undefined;
let shuttingDown: Promise<void> | undefined;

function shutdown(code: number): Promise<void> {
  shuttingDown ??= (async () => {
    // A wedged dependency must not keep Ctrl-C from working.
    const force = setTimeout(() => {
      log('shutdown is taking too long; killing stand-ins');
      killAllChildrenNow();
      process.exit(code || 1);
    }, 10_000);
    force.unref();
    await host?.stop().catch((err) => log(`host stop: ${String(err)}`));
    await stack?.stop().catch((err) => log(`stand-ins stop: ${String(err)}`));
    clearTimeout(force);
    process.exit(code);
  })();
  return shuttingDown;
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (shuttingDown) {
      killAllChildrenNow();
      process.exit(1);
    }
    log(`\n${signal}: stopping…`);
    void shutdown(0);
  });
}
process.on('uncaughtException', (err) => {
  console.error('uncaught error:', err);
  killAllChildrenNow();
  process.exit(1);
});
process.on('unhandledRejection', (reason) => {
  console.error('unhandled rejection (host keeps running):', reason);
});

async function main(): Promise<void> {
  const started = Date.now();
  const local = loadLocalSettings(process.env);
  // Check the app settings before starting anything, with the stand-ins' addresses filled in for the
  // dependencies they will serve, so a typo stops start-up at once.
  const plan = planStandIns(process.env);
  // A port already taken stops start-up with its setting named, before anything is started.
  const taken = await portsInUse(
    [
      { setting: 'LOCAL_HTTP_PORT', port: local.LOCAL_HTTP_PORT },
      ...(plan.azurite
        ? [
            { setting: 'LOCAL_BLOB_PORT', port: local.LOCAL_BLOB_PORT },
            { setting: 'LOCAL_QUEUE_PORT', port: local.LOCAL_QUEUE_PORT },
            { setting: 'LOCAL_TABLE_PORT', port: local.LOCAL_TABLE_PORT },
          ]
        : []),
      ...(plan.cosmos ? [{ setting: 'LOCAL_COSMOS_PORT', port: local.LOCAL_COSMOS_PORT }] : []),
      ...(plan.serviceBus ? [{ setting: 'LOCAL_SERVICEBUS_PORT', port: local.LOCAL_SERVICEBUS_PORT }] : []),
      ...(plan.smtp ? [{ setting: 'LOCAL_SMTP_PORT', port: local.LOCAL_SMTP_PORT }] : []),
    ],
    local.LOCAL_BIND_HOST,
  );
  if (taken.length > 0) throw new StartupStop(`${taken.join('; ')} (another npm start? stop it, or set the setting to a free port)`);
  loadConfig({
    ...process.env,
    ...(plan.cosmos ? { COSMOS_ENDPOINT: LOCAL_DEFAULTS.COSMOS_ENDPOINT, COSMOS_KEY: LOCAL_DEFAULTS.COSMOS_KEY } : {}),
    ...(plan.azurite ? { AzureWebJobsStorage: LOCAL_DEFAULTS.AzureWebJobsStorage } : {}),
    ...(plan.serviceBus ? { ServiceBusConnection: LOCAL_DEFAULTS.ServiceBusConnection } : {}),
  });

  // The business day: the demo replays the samples on the day they were written for, so it shows the same
  // scores and statuses whatever the date; `npm start` runs on the real date unless LOCAL_TODAY says otherwise.
  const businessDay = local.LOCAL_TODAY ?? (demo ? SAMPLES_DAY : undefined);
  // Movable while the stack runs (POST /admin/clock, devtools/host/admin.ts), forward only.
  const businessClock = clockOnDay(businessDay);
  const today = () => businessClock.today();
  // npm start keeps its data; the demo stays reproducible on an empty, in-memory store.
  const dataDir = demo ? undefined : local.LOCAL_DATA_DIR;
  if (dataDir && fresh) await emptyDataDir(dataDir).catch((err: Error) => Promise.reject(new StartupStop(err.message)));
  if (dataDir) {
    const rewind = await rewindProblem(dataDir, today(), local.LOCAL_TODAY ? 'LOCAL_TODAY' : 'today (LOCAL_TODAY unset)');
    if (rewind) throw new StartupStop(rewind);
  }

  log(demo ? 'designation-tracker demo: starting the local stack…' : 'designation-tracker: starting the local stack…');
  // The dashboard page (dist/web), built beside the stand-ins' start when missing or older than web/; the demo does not need it.
  const webBuilt = demo ? Promise.resolve() : ensureWebBuilt(findPackageRoot(import.meta.url), log);
  stack = await startStandIns({ env: process.env, local, log: () => {}, ...(dataDir ? { dataDir } : {}) });
  log('Stand-ins:');
  for (const s of stack.started) log(`  ${s.name.padEnd(11)}${s.pid ? `pid ${s.pid}  ` : 'in-process  '}${s.endpoint}`);
  for (const s of stack.skipped) log(`  ${s.padEnd(11)}not started: the settings name a real resource`);
  log(
    dataDir
      ? `Data: ${dataDir} (kept across restarts${fresh ? '; emptied by --fresh' : '; npm start -- --fresh starts empty'})`
      : 'Data: in memory (this run only)',
  );

  configureRoot({ clock: businessClock });
  log(
    `Clock: business day ${today()} (${local.LOCAL_TODAY ? 'LOCAL_TODAY' : demo ? "the samples' day; set LOCAL_TODAY to change it" : 'today; set LOCAL_TODAY to change it'}` +
      `${demo ? '' : '; POST /admin/clock moves it forward while running'})`,
  );

  await webBuilt;
  host = await startHost({
    settings: { ...stack.settings, ...(await localInsightsSettings({ ...process.env, ...stack.settings }, demo)) }, // Insights stand-in (npm start only)
    httpPort: local.LOCAL_HTTP_PORT,
    httpHost: local.LOCAL_BIND_HOST,
    log: demo ? () => {} : log,
    timers: true,
    clock: businessClock,
    ...(dataDir ? { onDayMoved: (day: string) => recordBusinessDay(dataDir, day) } : {}),
  });
  await onStarted({ host, stack, log, startedAtMs: started });
  if (dataDir) keepBusinessDay(dataDir, today);

  log('Functions:');
  for (const line of describeFunctions(host)) log(`  ${line}`);
  if (stack.mailDir) log(`Mail lands in: ${stack.mailDir}`);
  if (!demo) log(`Dashboard: ${host.url.replace('127.0.0.1', 'localhost')}/`);
  log(`Ready in ${((Date.now() - started) / 1000).toFixed(1)} s — health: ${host.url.replace('127.0.0.1', 'localhost')}/api/health`);

  if (demo) {
    const summary = await runDemo({ host, stack, log, startedAtMs: started });
    log('\nDemo summary:');
    for (const line of summary.lines) log(`  ${line}`);
    log(summary.ok ? `Demo OK in ${((Date.now() - started) / 1000).toFixed(1)} s` : 'Demo FAILED');
    await shutdown(summary.ok ? 0 : 1);
    return;
  }
  log('Ctrl-C stops everything.');
}

main().catch(async (err) => {
  if (err instanceof ConfigError || err instanceof StartupStop) console.error(err.message);
  else console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  await shutdown(1);
});
