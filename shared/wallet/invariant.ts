import type { Database } from '../platform/database';
import { fetchAll, fetchEverything } from '../platform/database';
import { BALANCE_KINDS, holdKey, HOLDS, LEDGER, WALLETS, type HoldDoc, type LedgerEntry, type WalletDoc } from './documents';

export interface InvariantViolation {
  openid: string;
  problem: string;
}

/**
 * Checks one wallet: balance == Σ ledger amounts of balance-changing kinds, held == Σ open holds,
 * 0 ≤ held ≤ balance, and version == its number of entries. A missing wallet must have no entries.
 * A settle entry of a chat hold still open in the wallet is not counted: it was written beside the
 * settlement's wallet write, which has not landed; an entry the wallet carries (`unfiled`) counts
 * whether or not its own write landed (settle-reserved.ts).
 */
export async function checkWalletInvariant(db: Database, openid: string): Promise<InvariantViolation[]> {
  const found = await fetchAll<WalletDoc>(db.collection(WALLETS).where({ _id: openid }));
  const w: Pick<WalletDoc, 'balance' | 'held' | 'version'> & Partial<WalletDoc> = found[0] ?? { balance: 0, held: 0, version: 0 };
  const stillOpen = (e: LedgerEntry) => e.kind === 'settle' && !!w.open?.[holdKey(e.ref)];
  const filed = (await fetchEverything<LedgerEntry>(db, LEDGER, { openid })).filter((e) => !stillOpen(e));
  // Entries carried in the wallet and not yet filed count once (settle-reserved.ts).
  const ids = new Set(filed.map((e) => e._id));
  const carried = Object.values(w.unfiled ?? {});
  const entries: Array<Pick<LedgerEntry, 'kind' | 'amount'>> = [...filed, ...carried.filter((e) => !ids.has(e.id))];
  const holds = await fetchEverything<HoldDoc>(db, HOLDS, { openid, status: 'open' });
  const sum = entries.filter((e) => BALANCE_KINDS.has(e.kind)).reduce((s, e) => s + e.amount, 0);
  // Open holds: hold documents (holdTx) and chats' holds inside the wallet (reserve.ts).
  const reserved = Object.values(w.open ?? {});
  const open = holds.reduce((s, h) => s + h.amount, 0) + reserved.reduce((s, h) => s + h.amount, 0);
  const violations: InvariantViolation[] = [];
  const say = (problem: string) => violations.push({ openid, problem });
  if (sum !== w.balance) say(`balance ${w.balance} != ledger sum ${sum}`);
  if (open !== w.held) say(`held ${w.held} != open holds ${open}`);
  const available = w.available;
  if (available !== undefined && available !== w.balance - w.held) say(`available ${available} != balance − held ${w.balance - w.held}`);
  const counted = w.openHolds ?? 0;
  if (counted !== reserved.length) say(`openHolds ${counted} != ${reserved.length} chat holds`);
  if (w.held < 0 || w.held > w.balance) say(`held ${w.held} outside 0..balance ${w.balance}`);
  if (entries.length !== w.version) say(`version ${w.version} != ${entries.length} entries`);
  if ((w.unfiledCount ?? 0) !== carried.length) say(`unfiledCount ${w.unfiledCount ?? 0} != ${carried.length} carried entries`);
  return violations;
}

/** Checks every wallet. Reads everything: for the timer and `npm run ledger:check`, not for a request. */
export async function checkLedgerInvariant(db: Database): Promise<{ wallets: number; violations: InvariantViolation[] }> {
  const wallets = await fetchEverything<WalletDoc>(db, WALLETS, {});
  const violations: InvariantViolation[] = [];
  for (const w of wallets) violations.push(...(await checkWalletInvariant(db, w._id)));
  return { wallets: wallets.length, violations };
}
