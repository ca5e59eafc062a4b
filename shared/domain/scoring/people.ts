// Which certifications count for each person on day D (contract "Input": people). A person counts
// when linked on D; a certification when earned on or before D and not expired; a retired one only if
// earned before retirement and D is within the grace period after it.
import type { Person } from '../facts/types.js';
import type { CompiledRules } from '../rules/compiled.js';
import type { ExclusionReason } from './explanation.js';

export interface CountedPerson {
  person: Person;
  linked: boolean;
  /** Catalog certification indexes that count on D. */
  valid: Set<number>;
  /** Explanations: why a catalog certification the person holds does not count. */
  invalid: Map<number, ExclusionReason> | null;
}

export function countPeople(people: readonly Person[], rules: CompiledRules, day: string, explain: boolean): CountedPerson[] {
  const certs = rules.certifications;
  return people.map((person) => {
    const linked = person.linkedFrom <= day && (person.linkedTo === null || person.linkedTo > day);
    const valid = new Set<number>();
    const invalid = explain ? new Map<number, ExclusionReason>() : null;
    for (const cert of person.certifications) {
      const index = certs.lookup.get(cert.name);
      if (index === undefined) continue;
      const reason = certificationProblem(cert, day, certs.retired[index] ?? null, certs.graceEnd[index] ?? null);
      if (reason === null) valid.add(index);
      else if (invalid && !invalid.has(index)) invalid.set(index, reason);
    }
    if (invalid) for (const index of valid) invalid.delete(index);
    return { person, linked, valid, invalid };
  });
}

/**
 * What countPeople (without explanations) says on `day`, as text: which people are linked and which
 * catalog certifications count for each. Equal keys: equal countPeople results for the same people.
 */
export function peopleDayKey(people: readonly Person[], rules: CompiledRules, day: string): string {
  const certs = rules.certifications;
  let key = '';
  for (const person of people) {
    key += person.linkedFrom <= day && (person.linkedTo === null || person.linkedTo > day) ? 'L' : 'U';
    for (const cert of person.certifications) {
      const index = certs.lookup.get(cert.name);
      if (index === undefined) continue;
      if (certificationProblem(cert, day, certs.retired[index] ?? null, certs.graceEnd[index] ?? null) === null) key += `${index},`;
    }
    key += ';';
  }
  return key;
}

function certificationProblem(
  cert: { earned: string; expires: string | null },
  day: string,
  retired: string | null,
  graceEnd: string | null,
): ExclusionReason | null {
  if (cert.earned > day) return 'certification-not-yet-earned';
  if (cert.expires !== null && cert.expires <= day) return 'certification-expired';
  if (retired !== null && graceEnd !== null && (cert.earned >= retired || day > graceEnd)) return 'certification-retired';
  return null;
}

/** People linked on D holding at least one of the listed certifications (each person once). */
export function holders(people: readonly CountedPerson[], list: readonly number[]): CountedPerson[] {
  return people.filter((p) => p.linked && list.some((c) => p.valid.has(c)));
}
