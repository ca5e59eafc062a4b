// The folder dependency check (npm run lint, after ESLint): reads every .ts/.tsx of functions/, shared/,
// devtools/, bench/ and web/src, resolves each import (relative `./x.js` → `./x.ts`), and checks it against
// the rooms of devtools/lint/rules.ts (docs/architecture.md). Prints each wrong-way import as
// `file:line  imports  target  (rule: why)` and exits 1 when there is one.
//
//   tsx devtools/lint/dependencies.ts [root]     root: the tree to check (default: this repository)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import ts from 'typescript';

import { CHECKED_FOLDERS, KNOWN_DEBT, type KnownDebt, type PackagePolicy, type Room, ROOMS } from './rules.js';

export interface ImportRef {
  /** Repository-relative path of the importing file, `/`-separated. */
  file: string;
  line: number;
  specifier: string;
  /** `import type` / `export type`: compiles away. */
  typeOnly: boolean;
}

export interface Violation {
  file: string;
  line: number;
  specifier: string;
  /** Repository-relative path of the imported file, or the package name. */
  target: string;
  rule: string;
  why: string;
}

export interface CheckResult {
  files: number;
  imports: number;
  violations: Violation[];
}

export interface CheckOptions {
  rooms?: readonly Room[];
  folders?: readonly string[];
  knownDebt?: readonly KnownDebt[];
}

const toPosix = (p: string) => p.split(sep).join('/');

/** Every .ts/.tsx (not .d.ts) under `folders` of `root`, repository-relative, sorted. */
export function sourceFiles(root: string, folders: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(toPosix(relative(root, path)));
    }
  };
  for (const folder of folders) if (existsSync(join(root, folder))) walk(join(root, folder));
  return out.sort();
}

/** The imports and re-exports of one file (static, `import()` with a literal, `require` with a literal). */
export function importsOf(file: string, text: string): ImportRef[] {
  const source = ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const refs: ImportRef[] = [];
  const add = (node: ts.Node, literal: ts.Expression | undefined, typeOnly: boolean) => {
    if (!literal || !ts.isStringLiteralLike(literal)) return;
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    refs.push({ file, line, specifier: literal.text, typeOnly });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const namedAllTypes =
        clause !== undefined &&
        clause.name === undefined &&
        clause.namedBindings !== undefined &&
        ts.isNamedImports(clause.namedBindings) &&
        clause.namedBindings.elements.length > 0 &&
        clause.namedBindings.elements.every((e) => e.isTypeOnly);
      add(node, node.moduleSpecifier, clause?.isTypeOnly === true || namedAllTypes);
    } else if (ts.isExportDeclaration(node)) {
      add(node, node.moduleSpecifier, node.isTypeOnly);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node, node.moduleReference.expression, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.arguments.length > 0) {
      const isImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      if (isImport || isRequire) add(node, node.arguments[0], false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node, node.argument.literal, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return refs;
}

/** `./x.js` from `shared/a/b.ts` → `shared/a/x.ts` (or .tsx, or a folder's index.ts); null when nothing is there. */
export function resolveRelative(root: string, fromFile: string, specifier: string): string | null {
  const base = resolve(root, dirname(fromFile), specifier);
  const stem = base.replace(/\.(m|c)?jsx?$/, '');
  const candidates = [base, `${stem}.ts`, `${stem}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')];
  for (const candidate of candidates) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return toPosix(relative(root, candidate));
  }
  return null;
}

/** The package an import names: `@azure/cosmos/x` → `@azure/cosmos`, `fs` → `node:fs`; a subpath policy entry like `preact/hooks` matches itself. */
export function packageOf(specifier: string): string {
  if (specifier.startsWith('node:')) return specifier.split('/')[0]!;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
  return builtinModules.includes(name) ? `node:${name}` : name;
}

/** The room a repository-relative path belongs to (longest folder wins), or undefined. */
export function roomOf(path: string, rooms: readonly Room[] = ROOMS): Room | undefined {
  let best: { room: Room; length: number } | undefined;
  for (const room of rooms) {
    for (const folder of room.folders) {
      if ((path === folder || path.startsWith(`${folder}/`)) && (!best || folder.length > best.length))
        best = { room, length: folder.length };
    }
  }
  return best?.room;
}

function packageProblem(policy: PackagePolicy, specifier: string, typeOnly: boolean): string | null {
  const name = packageOf(specifier);
  switch (policy.kind) {
    case 'any':
      return null;
    case 'only':
      return policy.names.includes(name) || policy.names.includes(specifier) ? null : `may use only ${policy.names.join(', ')}`;
    case 'not':
      if (!policy.names.includes(name)) return null;
      if (typeOnly && policy.typesOk) return null;
      return `no cloud SDK here${policy.typesOk ? ' (type-only imports excepted)' : ''}: go through a port, adapters implement it`;
  }
}

/** The module of a service as its public face lists it: `shared/pipeline/view.ts` → `view.ts`. */
function moduleInRoom(room: Room, path: string): string {
  const folder = room.folders.find((f) => path.startsWith(`${f}/`)) ?? '';
  return path.slice(folder.length + 1);
}

/** Checks one import; null when it is allowed. */
export function checkImport(root: string, ref: ImportRef, rooms: readonly Room[] = ROOMS): Violation | null {
  const from = roomOf(ref.file, rooms);
  if (!from) return null;
  const at = { file: ref.file, line: ref.line, specifier: ref.specifier };
  if (!ref.specifier.startsWith('.')) {
    const why = packageProblem(from.packages, ref.specifier, ref.typeOnly);
    return why ? { ...at, target: packageOf(ref.specifier), rule: `${from.name}-packages`, why: `${from.name}: ${why}` } : null;
  }
  const target = resolveRelative(root, ref.file, ref.specifier);
  if (target === null) return { ...at, target: ref.specifier, rule: 'resolves', why: 'the import names no file' };
  const to = roomOf(target, rooms);
  if (to === from) return null;
  if (!to) return { ...at, target, rule: `${from.name}-imports`, why: `${target} is in no room of devtools/lint/rules.ts` };
  if (from.typesFrom?.includes(to.name)) {
    if (ref.typeOnly) return null;
    return { ...at, target, rule: `${from.name}-imports`, why: `${from.name} may take only types from ${to.name} (import type)` };
  }
  if (!from.may.includes(to.name)) {
    const production = !['devtools', 'bench', 'test'].includes(from.name);
    const why =
      production && (to.name === 'devtools' || to.name === 'test')
        ? `production code does not import ${to.name}/`
        : `${from.name} may import ${from.may.length ? from.may.join(', ') : 'nothing outside itself'}; not ${to.name}`;
    return { ...at, target, rule: `${from.name}-imports`, why };
  }
  // One application service using another: only through that service's public face.
  if (from.publicFace && to.publicFace) {
    const module = moduleInRoom(to, target);
    if (!to.publicFace.includes(module)) {
      const face = to.publicFace.length ? to.publicFace.join(', ') : 'nothing (move what is shared down a layer)';
      return { ...at, target, rule: 'service-internals', why: `${module} is internal to ${to.name}; other services may use ${face}` };
    }
  }
  return null;
}

/** Checks the whole tree under `root`. */
export function checkDependencies(root: string, options: CheckOptions = {}): CheckResult {
  const rooms = options.rooms ?? ROOMS;
  const debt = options.knownDebt ?? KNOWN_DEBT;
  const files = sourceFiles(root, options.folders ?? CHECKED_FOLDERS);
  const violations: Violation[] = [];
  const debtSeen = new Set<KnownDebt>();
  let imports = 0;
  for (const file of files) {
    if (!roomOf(file, rooms)) {
      violations.push({
        file,
        line: 1,
        specifier: '',
        target: '(any)',
        rule: 'rooms',
        why: `${file} is in no room of devtools/lint/rules.ts: add one`,
      });
      continue;
    }
    for (const ref of importsOf(file, readFileSync(join(root, file), 'utf8'))) {
      imports++;
      const violation = checkImport(root, ref, rooms);
      if (!violation) continue;
      const known = debt.find((d) => within(violation.file, d.from) && d.target === violation.target);
      if (known) debtSeen.add(known);
      else violations.push(violation);
    }
  }
  for (const d of debt) {
    if (!debtSeen.has(d) && files.some((f) => within(f, d.from))) {
      violations.push({
        file: d.from,
        line: 0,
        specifier: d.target,
        target: d.target,
        rule: 'known-debt',
        why: 'no longer imported: remove it from KNOWN_DEBT',
      });
    }
  }
  return { files: files.length, imports, violations };
}

const within = (path: string, folder: string) => path === folder || path.startsWith(`${folder}/`);

/** One line per violation: `file:line  imports  target  (rule: why)`. */
export function formatViolation(v: Violation): string {
  return `${v.file}:${v.line}  imports  ${v.target}  (${v.rule}: ${v.why})`;
}

/** Rooms whose `may` lists form a cycle (the layers must not). */
export function layerCycles(rooms: readonly Room[] = ROOMS): string[][] {
  const byName = new Map(rooms.map((r) => [r.name, r]));
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (name: string, path: string[]) => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'open') {
      cycles.push([...path.slice(path.indexOf(name)), name]);
      return;
    }
    state.set(name, 'open');
    for (const next of byName.get(name)?.may ?? []) if (next !== name) visit(next, [...path, name]);
    state.set(name, 'done');
  };
  for (const room of rooms) visit(room.name, []);
  return cycles;
}

function main(): void {
  const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..'));
  const result = checkDependencies(root);
  const cycles = layerCycles();
  for (const v of result.violations) console.log(formatViolation(v));
  for (const c of cycles) console.log(`devtools/lint/rules.ts  layers form a cycle: ${c.join(' → ')}`);
  const problems = result.violations.length + cycles.length;
  const summary = `dependencies: ${result.files} files, ${result.imports} imports, ${problems} wrong-way import(s) (rules: devtools/lint/rules.ts, docs/architecture.md)`;
  if (problems > 0) {
    console.error(summary);
    process.exitCode = 1;
  } else {
    console.log(summary);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
