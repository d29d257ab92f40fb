import { createHash } from 'node:crypto';
import type { PlatformDeps } from '../platform/context';
import { checkLedgerInvariant } from './invariant';
import { fileUnfiledEntries } from './settle-reserved';
import { releaseExpiredHolds, type HoldOutcome } from './sweeper';

/**
 * The wallet's timer jobs, for `cron`. `outcomeOf` answers for the chats behind expired holds (the
 * chat domain knows whether an answer was stored; the wallet does not look above itself).
 */
export const walletCronJobs = (outcomeOf?: (deps: PlatformDeps) => HoldOutcome) => [
  {
    name: 'release-expired-holds',
    run: async (deps: PlatformDeps) => {
      const { released, settled, skipped } = await releaseExpiredHolds(deps, outcomeOf?.(deps));
      return `released ${released}, settled ${settled}, skipped ${skipped}`;
    },
  },
  {
    name: 'file-ledger-entries',
    run: async (deps: PlatformDeps) => `filed ${await fileUnfiledEntries(deps.db)} entries carried in wallets`,
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
