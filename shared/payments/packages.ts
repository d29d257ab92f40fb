import { TopupPackage } from '../contracts/payments';
import type { PlatformDeps } from '../platform/context';
import { getDoc } from '../platform/database';
import { invalidConfigDocument } from '../platform/errors';
import { CONFIG, PACKAGES_DOC } from './documents';

/** The packages a first start offers: ¥6, ¥30, ¥98 (the larger ones with a small bonus). */
export const DEFAULT_PACKAGES: TopupPackage[] = [
  { id: 'p6', title: '充值 ¥6', amountFen: 600 },
  { id: 'p30', title: '充值 ¥30', amountFen: 3000, bonusFen: 100 },
  { id: 'p98', title: '充值 ¥98', amountFen: 9800, bonusFen: 500 },
];

/**
 * The top-up packages from the `config` collection (document `topup-packages`), seeded with the
 * defaults on first use. Prices only ever come from here: the client names a package, nothing more.
 */
export async function loadPackages(deps: PlatformDeps): Promise<TopupPackage[]> {
  const doc = await getDoc<{ packages: unknown }>(deps.db, CONFIG, PACKAGES_DOC);
  if (!doc) {
    await deps.db
      .collection(CONFIG)
      .doc(PACKAGES_DOC)
      .set({ data: { packages: DEFAULT_PACKAGES, updatedAt: deps.clock.now() } });
    return DEFAULT_PACKAGES;
  }
  const parsed = TopupPackage.array().safeParse(doc.packages);
  if (!parsed.success) {
    deps.log.error('config_document_invalid', { document: PACKAGES_DOC, issues: parsed.error.issues.length });
    throw invalidConfigDocument(PACKAGES_DOC, parsed.error.issues.length);
  }
  return parsed.data;
}
