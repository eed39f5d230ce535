import { UsageError } from '../core/errors.js';
import { STRICTNESS, type Strictness } from '../core/grading/types.js';
import { MOCK_FORMATS, type MockFormat } from '../core/session/plan.js';
import { didYouMean } from '../core/suggest.js';

// Option values checked before a command runs: a bad one is a usage error naming the option.
// Kept apart from the commands so checking them loads nothing heavy.

/** Parses a whole number option within bounds, or a usage error naming the option. */
export function wholeNumber(name: string, value: string | number | undefined, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value).trim();
  if (!/^-?\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new UsageError(`${name} must be a whole number${max < Number.MAX_SAFE_INTEGER ? ` from ${min} to ${max}` : ` of at least ${min}`}, got "${value}"`);
  }
  return Number(text);
}

export function checkFormat(value: string | undefined): MockFormat | undefined {
  if (value === undefined) return undefined;
  if ((MOCK_FORMATS as readonly string[]).includes(value)) return value as MockFormat;
  throw new UsageError(`--format must be ${MOCK_FORMATS.join(' or ')}, got "${value}"`);
}

/** `--strictness` checked against the known levels, with the closest suggested. */
export function parseStrictness(value: string | undefined): Strictness | undefined {
  if (value === undefined) return undefined;
  if ((STRICTNESS as readonly string[]).includes(value)) return value as Strictness;
  throw new UsageError(`--strictness must be one of ${STRICTNESS.join(', ')}, got "${value}"${didYouMean(value, STRICTNESS)}`);
}
