import { ORDERS, REFUNDS } from '../payments/model';
import type { Deps } from '../platform/context';
import { fetchAll, getDoc } from '../platform/database';
import { AUDIT, HOLDS, LEDGER, WALLETS } from '../wallet/model';
import { CONSENTS, CONVERSATIONS, MESSAGES } from './model';

const PAGE = 1000;

async function all(deps: Deps, collection: string, where: Record<string, unknown>): Promise<Array<Record<string, unknown>>> {
  const _ = deps.db.command;
  const out: Array<Record<string, unknown> & { _id: string }> = [];
  let after = '';
  for (;;) {
    const page = await fetchAll<Record<string, unknown>>(deps.db.collection(collection).where({ ...where, _id: _.gt(after) }).orderBy('_id', 'asc').limit(PAGE));
    out.push(...page);
    if (page.length < PAGE) return out;
    after = page[page.length - 1]!._id;
  }
}

/** Everything stored about the caller (PIPL art. 45), as JSON. Internal fingerprints are left out. */
export async function exportMyData(deps: Deps, openid: string) {
  const strip = (docs: Array<Record<string, unknown>>) => docs.map(({ fingerprint: _f, _openid: _o, ...rest }) => rest);
  return {
    exportedAt: deps.clock.now().toISOString(),
    data: JSON.parse(
      JSON.stringify({
        openid,
        consent: await getDoc(deps.db, CONSENTS, openid),
        wallet: await getDoc(deps.db, WALLETS, openid),
        ledger: strip(await all(deps, LEDGER, { openid })),
        holds: strip(await all(deps, HOLDS, { openid })),
        orders: strip(await all(deps, ORDERS, { openid })),
        refunds: strip(await all(deps, REFUNDS, { openid })),
        adjustments: strip(await all(deps, AUDIT, { openid })),
        conversations: strip(await all(deps, CONVERSATIONS, { openid })),
        messages: strip(await all(deps, MESSAGES, { openid })),
      }),
    ) as Record<string, unknown>,
  };
}

/**
 * Erases conversations, messages (raw and redacted texts), placeholder maps and consent. The wallet,
 * ledger and orders stay: accounting law requires them, and they hold amounts and references only.
 */
export async function deleteMyData(deps: Deps, openid: string) {
  const messages = (await deps.db.collection(MESSAGES).where({ openid }).remove()) as { stats?: { removed?: number } };
  const conversations = (await deps.db.collection(CONVERSATIONS).where({ openid }).remove()) as { stats?: { removed?: number } };
  await deps.db.collection(CONSENTS).doc(openid).remove();
  deps.log.info('data_deleted', { conversations: conversations.stats?.removed ?? 0, messages: messages.stats?.removed ?? 0 });
  return { conversations: conversations.stats?.removed ?? 0, messages: messages.stats?.removed ?? 0 };
}
