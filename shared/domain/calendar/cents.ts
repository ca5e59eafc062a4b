// Rounding a USD amount to whole cents (contract "Fields": a record's amount is rounded to cents on
// input). Half a cent rounds away from zero, so credits mirror charges, and the decision is made on
// the amount as written: 1.005 → 101 cents although its binary double (1.00499999…) lies just below
// the half. Only amounts within a hair of a half cent take the (slower) decimal-text path.

const CENTS_PER_DOLLAR = 100;
const CENT_DIGITS = 2;
const HALF = 0.5;
const NEAR_HALF = 1e-6;

export function toWholeCents(usd: number): number {
  const magnitude = Math.abs(usd);
  const scaled = magnitude * CENTS_PER_DOLLAR;
  let cents = Math.round(scaled);
  if (Math.abs(scaled - Math.floor(scaled) - HALF) < NEAR_HALF) cents = decimalCents(magnitude) ?? cents;
  return usd < 0 && cents !== 0 ? -cents : cents;
}

/** Whole cents of a non-negative amount from its shortest decimal text; null for exponent notation. */
function decimalCents(magnitude: number): number | null {
  const text = String(magnitude);
  if (/e/i.test(text)) return null;
  const [whole = '0', fraction = ''] = text.split('.');
  const kept = fraction.slice(0, CENT_DIGITS).padEnd(CENT_DIGITS, '0');
  const roundUp = fraction.length > CENT_DIGITS && fraction.charCodeAt(CENT_DIGITS) >= '5'.charCodeAt(0);
  return Number(whole) * CENTS_PER_DOLLAR + Number(kept) + (roundUp ? 1 : 0);
}
