import { getWallet, statement, wallet } from '../../../shared/wallet/service';
import { checkLedgerInvariant } from '../../../shared/wallet/invariant';
import { localCloud, testDeps } from '../../support/cloud';
import { measure, type BenchResult } from '../measure';

/** Wallet operations, each a real transaction on the in-memory local database. */
export async function walletBenchmarks(): Promise<BenchResult[]> {
  const { db } = localCloud();
  const deps = testDeps(db);
  const results: BenchResult[] = [];
  const expiresAt = new Date(deps.clock.now().getTime() + 600_000);

  results.push(
    await measure('wallet: credit (topup entry + wallet, one transaction)', (i) =>
      wallet.credit(deps, { openid: 'bench', amount: 1_000_000, outTradeNo: `b${i}` }),
    ),
  );
  results.push(
    await measure('wallet: hold + settle (a chat’s two transactions)', async (i) => {
      await wallet.hold(deps, { openid: 'bench', amount: 50_000, requestId: `h${i}`, expiresAt });
      await wallet.settle(deps, { openid: 'bench', requestId: `h${i}`, actual: 12_345 });
    }),
  );
  results.push(
    await measure('wallet: replayed credit (idempotent no-op)', () =>
      wallet.credit(deps, { openid: 'bench', amount: 1_000_000, outTradeNo: 'b1' }),
    ),
  );
  results.push(await measure('wallet: wallet.get', () => getWallet(deps, 'bench')));
  results.push(
    await measure('wallet: statement page of 20', () => statement(deps, 'bench', { limit: 20 }), {
      iterations: 300,
      note: 'ledger of ~6,000 entries, in-memory scan locally',
    }),
  );
  results.push(
    await measure('wallet: full invariant check', () => checkLedgerInvariant(db), {
      iterations: 20,
      warmup: 2,
      note: '1 wallet, ~6,000 entries',
    }),
  );
  return results;
}
