// Exact fractions over bigint. Used only for the final points arithmetic (a few dozen operations per
// partner), so clarity wins over speed here; the heavy per-record work stays in integers.

export interface Rational {
  readonly n: bigint;
  readonly d: bigint; // always > 0, gcd(n, d) = 1
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) {
    const t = x % y;
    x = y;
    y = t;
  }
  return x;
}

export function ratio(n: bigint, d: bigint = 1n): Rational {
  if (d === 0n) throw new RangeError('denominator 0');
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const g = gcd(n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
}

/** An integer-valued JS number (counts, cents, users) as a rational. */
export function fromInteger(value: number): Rational {
  return { n: BigInt(value), d: 1n };
}

/**
 * A catalog number — an integer, a finite decimal such as 0.2 or 7.5, or a fraction written "40/6" —
 * as an exact rational. Decimals are read through their shortest decimal text, so 0.2 is 1/5.
 */
export function fromCatalogNumber(value: number | string): Rational {
  if (typeof value === 'string') {
    const parts = value.split('/');
    if (parts.length === 2) {
      const a = fromCatalogNumber(Number(parts[0]));
      const b = fromCatalogNumber(Number(parts[1]));
      return divide(a, b);
    }
    return fromCatalogNumber(Number(value));
  }
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  if (Number.isInteger(value)) return fromInteger(value);
  const text = String(value);
  if (/e/i.test(text)) throw new RangeError(`use plain decimal notation in the catalog: ${text}`);
  const [whole = '0', fraction = ''] = text.split('.');
  const scale = 10n ** BigInt(fraction.length);
  const negative = whole.startsWith('-');
  const magnitude = BigInt(whole.replace('-', '')) * scale + BigInt(fraction);
  return ratio(negative ? -magnitude : magnitude, scale);
}

export const ZERO: Rational = { n: 0n, d: 1n };

export function add(a: Rational, b: Rational): Rational {
  return ratio(a.n * b.d + b.n * a.d, a.d * b.d);
}
export function subtract(a: Rational, b: Rational): Rational {
  return ratio(a.n * b.d - b.n * a.d, a.d * b.d);
}
export function multiply(a: Rational, b: Rational): Rational {
  return ratio(a.n * b.n, a.d * b.d);
}
export function divide(a: Rational, b: Rational): Rational {
  if (b.n === 0n) throw new RangeError('division by 0');
  return ratio(a.n * b.d, a.d * b.n);
}
export function compare(a: Rational, b: Rational): number {
  const left = a.n * b.d;
  const right = b.n * a.d;
  return left < right ? -1 : left > right ? 1 : 0;
}
export function clamp(value: Rational, low: Rational, high: Rational): Rational {
  if (compare(value, low) < 0) return low;
  if (compare(value, high) > 0) return high;
  return value;
}
export function isPositive(value: Rational): boolean {
  return value.n > 0n;
}
export function toNumber(value: Rational): number {
  if (value.d === 1n) return Number(value.n);
  // Split into whole and fractional parts so large numerators keep their precision.
  const whole = value.n / value.d;
  const rest = value.n - whole * value.d;
  return Number(whole) + Number(rest) / Number(value.d);
}
