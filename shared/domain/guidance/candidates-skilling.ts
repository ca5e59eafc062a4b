// Skilling candidates: one person earning one listed certification (Business Applications, Modern
// Work), and for step-gated metrics (Azure areas, Security) the look-ahead composites "fill every
// gate that is short + k final-step people", since gate steps alone earn nothing on enterprise.
import { toNumber } from '../calendar/rational.js';
import type { Track } from '../facts/types.js';
import type { CompiledListed, CompiledStepped } from '../rules/compiled.js';
import { holders } from '../scoring/people.js';
import type { MetricName } from '../scoring/types.js';
import { gapPoints } from './candidates-common.js';
import type { Candidate, Draft, GenContext } from './draft.js';
import { certificationToEarn, freshId, peopleWithout } from './facts-edit.js';
import { certificationText } from './text.js';

/** Look-ahead: at most this many final-step people in one composite. */
const MAX_FINAL_PEOPLE = 10;

class PersonPicker {
  private newPeople = 0;
  private readonly used = new Map<string, Set<string>>();
  constructor(private readonly ctx: GenContext) {}

  /** An input person without a certification of the step, else a new hire. */
  pick(step: string, list: readonly number[]): { id: string; isNew: boolean } {
    const used = this.used.get(step) ?? new Set<string>();
    this.used.set(step, used);
    const existing = peopleWithout(this.ctx.people, list).find((id) => !used.has(id));
    if (existing !== undefined) {
      used.add(existing);
      return { id: existing, isNew: false };
    }
    const id = freshId('plan-person', this.ctx.personIds, this.newPeople++);
    used.add(id);
    return { id, isNew: true };
  }
}

export function certificationDraft(
  ctx: GenContext,
  metric: MetricName,
  person: { id: string; isNew: boolean },
  certification: number,
  step: string | null,
): Draft {
  const { asOf, costs, rules } = ctx.world;
  const name = rules.certifications.names[certification] ?? '';
  const cert = { name, earned: asOf, expires: null };
  const delta = person.isNew
    ? { people: [{ id: person.id, linkedFrom: asOf, linkedTo: null, certifications: [cert] }] }
    : { people: [{ id: person.id, certifications: [cert] }] };
  return {
    kind: 'certification',
    metric,
    text: certificationText(person, name),
    step,
    facts: delta,
    cost: costs.certification,
    detail: { kind: 'certification', certification: name, personId: person.id, newPerson: person.isNew },
  };
}

export function listedCandidates(ctx: GenContext, metricName: MetricName, metric: CompiledListed): Candidate[] {
  const cert = certificationToEarn(metric.certifications, ctx.world.rules, ctx.world.asOf);
  if (cert === null) return [];
  const person = new PersonPicker(ctx).pick('listed', metric.certifications);
  return [[certificationDraft(ctx, metricName, person, cert, null)]];
}

export function steppedCandidates(ctx: GenContext, metricName: MetricName, metric: CompiledStepped, track: Track): Candidate[] {
  const { rules, asOf } = ctx.world;
  const t = metric.tracks[track];
  const gateCerts = metric.gates.map((gate) => certificationToEarn(gate, rules, asOf));
  const finalCert = certificationToEarn(metric.final, rules, asOf);
  if (finalCert === null || gateCerts.some((c) => c === null)) return [];
  const short = metric.gates.map((gate) => Math.max(0, t.gateMinPeople - holders(ctx.people, gate).length));
  const finals = holders(ctx.people, metric.final).length;
  const candidates: Candidate[] = [];

  // Single gate steps earn points on their own where gates carry points (smb).
  metric.gates.forEach((gate, g) => {
    if ((short[g] ?? 0) === 0 || t.gatePoints.n === 0n) return;
    const picker = new PersonPicker(ctx);
    candidates.push([certificationDraft(ctx, metricName, picker.pick(`gate ${g}`, gate), gateCerts[g] as number, gateLabel(g, metric))]);
  });

  const fillGates = (picker: PersonPicker): Draft[] =>
    metric.gates.flatMap((gate, g) =>
      Array.from({ length: short[g] ?? 0 }, () =>
        certificationDraft(ctx, metricName, picker.pick(`gate ${g}`, gate), gateCerts[g] as number, gateLabel(g, metric)),
      ),
    );
  const gatesShort = short.some((n) => n > 0);
  // Final-step people per composite: none (when some already hold one), one, as many as the missing
  // total asks for, and as many as fill the metric.
  const perPerson = toNumber(t.perPerson);
  const room = Math.max(0, Math.ceil((metric.maxPoints - finals * perPerson) / perPerson));
  const wanted = Math.ceil(gapPoints(ctx) / perPerson);
  const sizes = new Set([gatesShort && finals > 0 ? 0 : 1, 1, Math.min(room, wanted), room].filter((k) => k >= 0 && k <= MAX_FINAL_PEOPLE));
  for (const k of [...sizes].sort((a, b) => a - b)) {
    const picker = new PersonPicker(ctx);
    const steps = fillGates(picker);
    for (let i = 0; i < k; i++) steps.push(certificationDraft(ctx, metricName, picker.pick('final', metric.final), finalCert, 'final'));
    if (steps.length > 0) candidates.push(steps);
    if (!gatesShort) break; // gates met: one final-step person at a time
  }
  return candidates;
}

function gateLabel(g: number, metric: CompiledStepped): string {
  return `gate ${g + 1} of ${metric.gates.length}`;
}
