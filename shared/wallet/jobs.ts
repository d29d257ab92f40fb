import { createHash } from 'node:crypto';
import type { PlatformDeps } from '../platform/context';
import { checkLedgerInvariant } from './invariant';
import { releaseExpiredHolds } from './sweeper';

/** The wallet's timer jobs, for `cron`. */
export const walletCronJobs = [
  {
    name: 'release-expired-holds',
    run: async (deps: PlatformDeps) => {
      const { released, skipped } = await releaseExpiredHolds(deps);
      return `released ${released}, skipped ${skipped}`;
    },
  },
  {
    name: 'ledger-invariant',
    run: async (deps: PlatformDeps) => {
      const { wallets, violations } = await checkLedgerInvariant(deps.db);
      for (const v of violations) {
        // Loud, but without the openid itself: a short digest is enough to find the wallet.
        deps.log.error('ledger_invariant_broken', {
          wallet: createHash('sha256').update(v.openid).digest('hex').slice(0, 12),
          problem: v.problem,
        });
      }
      if (violations.length > 0) throw new Error(`${violations.length} ledger invariant violation(s) in ${wallets} wallets`);
      return `${wallets} wallets consistent`;
    },
  },
];
