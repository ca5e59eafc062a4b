// `npm run standins`: only the stand-ins, on their well-known ports, until Ctrl-C — for `func start`
// (Core Tools) where it exists, with local.settings.json copied from local.settings.sample.json.
import { ConfigError } from '../../shared/config/config.js';
import { killAllChildrenNow } from './child.js';
import { type StandInStack, startStandIns } from './launcher.js';
import { loadLocalSettings } from './settings.js';

let stack: StandInStack | undefined;
let stopping = false;

async function stop(code: number) {
  if (stopping) {
    killAllChildrenNow();
    process.exit(1);
  }
  stopping = true;
  await stack?.stop();
  process.exit(code);
}

process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
process.on('uncaughtException', (err) => {
  console.error(err);
  killAllChildrenNow();
  process.exit(1);
});

try {
  stack = await startStandIns({ env: process.env, local: loadLocalSettings(process.env), log: (l) => console.log(l) });
  for (const s of stack.started) console.log(`  ${s.name.padEnd(11)}${s.pid ? `pid ${s.pid}  ` : 'in-process  '}${s.endpoint}`);
  for (const s of stack.skipped) console.log(`  ${s.padEnd(11)}not started: the settings name a real resource`);
  console.log('Settings for these stand-ins:');
  for (const [k, v] of Object.entries(stack.settings)) console.log(`  ${k}=${v}`);
  console.log('Ctrl-C stops them.');
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  await stop(1);
}
