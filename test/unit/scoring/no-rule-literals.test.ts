// Every Microsoft number lives in the rule catalog. The scoring code may only use structural
// constants: 0 and 1 (counting, indexes, "M−1"), 2 (the 24-month window is two years) and 100
// (percent). Anything else — a floor, threshold, band edge, rate, point value — fails this test.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

const ALLOWED = new Set(['0', '1', '2', '100']);
const scoringDir = join(import.meta.dirname, '../../../shared/domain/scoring');

/** Removes comments and string/template literal contents so only code remains. */
function codeOnly(source: string): string {
  return source
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/\/\/.*$/gm, ' ')
    .replace(/'(?:\\.|[^'\\])*'/g, "''")
    .replace(/"(?:\\.|[^"\\])*"/g, '""')
    .replace(/`(?:\\.|\$\{[^}]*\}|[^`\\])*`/g, (template) => template.replace(/[^`${}]+(?=[^}]*(\$\{|`$))/g, ''));
}

function numericLiterals(code: string): string[] {
  return [...code.matchAll(/(?<![\w$.])(\d[\d_]*(?:\.\d+)?(?:e[+-]?\d+)?)(?![\w$])/gi)].map((m) => (m[1] ?? '').replace(/_/g, ''));
}

describe('scoring code holds no rule numbers', () => {
  const files = readdirSync(scoringDir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts'));
  it('finds the scoring sources', () => {
    expect(files.length).toBeGreaterThan(5);
  });
  it.each(files)('%s uses only structural constants', (file) => {
    const code = codeOnly(readFileSync(join(scoringDir, file), 'utf8'));
    const offending = numericLiterals(code).filter((n) => !ALLOWED.has(n));
    expect(offending).toEqual([]);
  });
  it('the scan would catch a literal threshold', () => {
    expect(numericLiterals(codeOnly('if (acr >= 1000) x = 0.4; // 600 in a comment\nconst s = "12000";'))).toEqual(['1000', '0.4']);
  });
});
