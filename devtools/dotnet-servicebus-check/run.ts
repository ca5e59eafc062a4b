// npm run check:dotnet-servicebus — starts the Service Bus stand-in (devtools/servicebus/cli.ts) on a free
// port, runs the .NET check (Program.cs: the real Azure.Messaging.ServiceBus client) against it, stops the
// stand-in, and exits with the check's code. Used by .ci/run and test/integration/servicebus/dotnet-client.test.ts.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

const root = path.resolve(import.meta.dirname, '../..');
const project = path.join(root, 'devtools', 'dotnet-servicebus-check', 'ServiceBusCheck.csproj');
const tsxCli = path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');

/** Starts the stand-in on a free port; resolves with its connection string (its first line of stdout). */
export function startStandIn(): Promise<{ connectionString: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [tsxCli, path.join(root, 'devtools', 'servicebus', 'cli.ts'), '--port', '0'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error('the Service Bus stand-in printed no connection string within 60 s'));
    }, 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the Service Bus stand-in exited (${code}) before printing its connection string`));
    });
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      resolve({ connectionString: line.trim(), child });
    });
  });
}

export function stopStandIn(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** True when the .NET SDK answers on PATH. */
export function dotnetAvailable(): boolean {
  const r = spawnSync('dotnet', ['--version'], { encoding: 'utf8' });
  return r.status === 0;
}

/** Runs the check against a connection string; resolves with its exit code and output. */
export function runCheck(connectionString: string): Promise<{ code: number; output: string }> {
  const child = spawn('dotnet', ['run', '--project', project, '--', connectionString], {
    cwd: root,
    env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1', DOTNET_SKIP_FIRST_TIME_EXPERIENCE: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => {
    output += d.toString();
    if (isMain) process.stdout.write(d);
  });
  child.stderr.on('data', (d: Buffer) => {
    output += d.toString();
    if (isMain) process.stderr.write(d);
  });
  return new Promise((resolve) => {
    child.once('error', (err) => resolve({ code: -1, output: `${output}\ndotnet: ${err.message}` }));
    child.once('exit', (code) => resolve({ code: code ?? -1, output }));
  });
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(import.meta.filename);

if (isMain) {
  if (!dotnetAvailable()) {
    console.error('check:dotnet-servicebus: the .NET SDK (dotnet) is not on PATH');
    process.exit(1);
  }
  const { connectionString, child } = await startStandIn();
  let code: number;
  try {
    console.log(`check:dotnet-servicebus: stand-in at ${connectionString.split(';')[0]}`);
    ({ code } = await runCheck(connectionString));
  } finally {
    await stopStandIn(child);
  }
  process.exit(code);
}
