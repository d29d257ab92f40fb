/**
 * `npm run ledger:check`: checks the ledger invariant of every wallet in the local data (.data/ or
 * QIAO_DATA_DIR) and prints each wallet that breaks it. Exit code 1 when any does.
 */
import * as path from 'node:path';
import cloud = require('wx-server-sdk');
import { DATABASE_OPTIONS } from '../shared/platform/database';
import { checkLedgerInvariant } from '../shared/wallet/invariant';
import { startLocalCloud } from './runtime';

async function main(): Promise<void> {
  const dataDir = path.resolve(process.env.QIAO_DATA_DIR ?? path.join(__dirname, '..', '.data'));
  startLocalCloud({ dataDir, readOnly: true });
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
  const { wallets, violations } = await checkLedgerInvariant(cloud.database(DATABASE_OPTIONS as object));
  for (const v of violations) console.log(`BROKEN ${v.openid}: ${v.problem}`);
  console.log(`${wallets} wallets checked, ${violations.length} violation(s)`);
  process.exit(violations.length ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(2);
});
