// npm run infra:build — compiles and lints infra/ with the Bicep CLI, which it first restores from NuGet
// (Azure.Bicep.CommandLine.<rid>, through the .NET SDK: devtools/infra/bicep-cli.csproj) into the git-ignored
// .tools/nuget. Writes infra/main.json (ARM JSON, git-ignored; test/unit/wiring/deployment-files.test.ts reads it).
//
// Fails (exit 1) on any error *or warning* of `bicep build` / `bicep lint`: a warning is either fixed or
// disabled where it occurs with `#disable-next-line <rule> // why`.
//
//   tsx devtools/infra/build.ts [--no-lint]
// Environment: BICEP_VERSION (default 0.49.2, the version the NuGet source here serves).
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const version = process.env.BICEP_VERSION ?? '0.49.2';
const packagesDir = path.join(root, '.tools', 'nuget');
const lint = !process.argv.includes('--no-lint');

function rid(): string {
  const os = { linux: 'linux', darwin: 'osx', win32: 'win' }[process.platform as string];
  const arch = { x64: 'x64', arm64: 'arm64' }[process.arch as string];
  if (!os || !arch) throw new Error(`no Bicep CLI package for ${process.platform}-${process.arch}`);
  return `${os}-${arch}`;
}

function run(cmd: string, args: string[]): { status: number; out: string } {
  const r = spawnSync(cmd, args, {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1', DOTNET_SKIP_FIRST_TIME_EXPERIENCE: '1' },
  });
  if (r.error) return { status: -1, out: `${cmd}: ${r.error.message}` };
  return { status: r.status ?? -1, out: `${r.stdout ?? ''}${r.stderr ?? ''}`.trim() };
}

function fail(message: string): never {
  console.error(`infra:build: ${message}`);
  process.exit(1);
}

/** The Bicep CLI binary, restored from NuGet on first use. */
function ensureBicep(): string {
  const r = rid();
  const exe = path.join(packagesDir, `azure.bicep.commandline.${r}`, version, 'tools', r.startsWith('win') ? 'bicep.exe' : 'bicep');
  if (!existsSync(exe)) {
    console.log(`infra:build: restoring Azure.Bicep.CommandLine.${r} ${version} from NuGet into .tools/nuget`);
    const restore = run('dotnet', [
      'restore',
      path.join('devtools', 'infra', 'bicep-cli.csproj'),
      '--packages',
      packagesDir,
      `-p:BicepRid=${r}`,
      `-p:BicepVersion=${version}`,
    ]);
    if (restore.status !== 0) {
      fail(
        `could not install the Bicep CLI (Azure.Bicep.CommandLine.${r} ${version}) with the .NET SDK` +
          (restore.status === -1 ? ' (is dotnet on PATH?)' : '') +
          `:\n${restore.out}`,
      );
    }
    if (!existsSync(exe)) fail(`dotnet restore succeeded but ${path.relative(root, exe)} is missing`);
  }
  if (process.platform !== 'win32') chmodSync(exe, 0o755); // NuGet extracts without the executable bit
  return exe;
}

/** Diagnostics lines (`file(line,col) : Warning|Error rule: message`) of a Bicep CLI run. */
const diagnostics = (out: string) => out.split('\n').filter((l) => /\) : (Warning|Error|Info) /.test(l));

const bicep = ensureBicep();
console.log(`infra:build: ${run(bicep, ['--version']).out}`);

const infraDir = path.join(root, 'infra');
const build = run(bicep, ['build', path.join(infraDir, 'main.bicep'), '--outfile', path.join(infraDir, 'main.json')]);
const problems = [...diagnostics(build.out)];
if (build.status !== 0 && problems.length === 0) problems.push(build.out || `bicep build exited ${build.status}`);

if (lint) {
  const files = readdirSync(infraDir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.bicep'))
    .sort();
  for (const f of files) {
    const l = run(bicep, ['lint', path.join(infraDir, f)]);
    for (const d of diagnostics(l.out)) if (!problems.includes(d)) problems.push(d);
    if (l.status !== 0 && diagnostics(l.out).length === 0) problems.push(`bicep lint ${f}: ${l.out || `exit ${l.status}`}`);
  }
}

if (problems.length > 0) {
  fail(`${problems.length} problem(s) (errors fail; warnings are fixed or disabled with a reason):\n${problems.join('\n')}`);
}
console.log(`infra:build: infra/main.json written${lint ? '; lint clean' : ''}`);
