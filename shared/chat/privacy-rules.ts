import type { PlatformDeps } from '../platform/context';
import { getDoc } from '../platform/database';
import type { CustomRules } from '../privacy/types';

export const PRIVACY_RULES_DOC = 'privacy-rules';

/** The merchant's own terms and patterns (config document `privacy-rules`), redacted as CUSTOM. */
export async function loadCustomRules(deps: PlatformDeps): Promise<CustomRules> {
  const doc = await getDoc<{ terms?: unknown; patterns?: unknown }>(deps.db, 'config', PRIVACY_RULES_DOC);
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  return { terms: strings(doc?.terms), patterns: strings(doc?.patterns) };
}
