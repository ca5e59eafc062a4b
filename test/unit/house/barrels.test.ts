// Issue 14, "fewer barrel files": no module of shared/ or functions/ only re-exports others — every import
// names the module that defines the thing (docs/architecture.md).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return tsFiles(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

/** Whether a module's statements are all re-exports (`export … from`), comments and blank lines aside. */
function isBarrel(text: string): boolean {
  const code = text
    .replace(/\/\*[^]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '')
    .trim();
  if (code === '') return false;
  const statements = code.split(/;\s*/).filter((s) => s.trim() !== '');
  return statements.every((s) => /^export\s+(type\s+)?(\*|\{[^}]*\})(\s+as\s+\w+)?\s+from\s+['"][^'"]+['"]$/.test(s.trim()));
}

describe('barrels', () => {
  it('none in shared/ or functions/', () => {
    const barrels = ['shared', 'functions']
      .flatMap((d) => tsFiles(join(REPO, d)))
      .filter((f) => isBarrel(readFileSync(f, 'utf8')))
      .map((f) => relative(REPO, f));
    expect(barrels).toEqual([]);
  });

  it('a module of re-exports is one; a module that defines something is not', () => {
    expect(isBarrel("// x\nexport * from './a.js';\nexport { b, type C } from './b.js';\nexport type { D } from './d.js';\n")).toBe(true);
    expect(isBarrel("export * from './a.js';\nexport function f() {}\n")).toBe(false);
    expect(isBarrel("import { a } from './a.js';\nexport const b = a;\n")).toBe(false);
  });
});
