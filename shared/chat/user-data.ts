import { ORDERS, REFUNDS } from '../payments/documents';
import type { PlatformDeps } from '../platform/context';
import { fetchEverything, getDoc } from '../platform/database';
import { AUDIT, HOLDS, LEDGER, WALLETS } from '../wallet/documents';
import { CONSENTS, CONVERSATIONS, MESSAGES } from './documents';
import { CHAT_CACHE } from './response-cache';

/** Everything stored about the caller (PIPL art. 45), as JSON. Internal fingerprints are left out. */
export async function exportMyData(deps: PlatformDeps, openid: string) {
  const strip = (docs: Array<Record<string, unknown>>) => docs.map(({ fingerprint: _f, _openid: _o, ...rest }) => rest);
  return {
    exportedAt: deps.clock.now().toISOString(),
    data: JSON.parse(
      JSON.stringify({
        openid,
        consent: await getDoc(deps.db, CONSENTS, openid),
        wallet: await getDoc(deps.db, WALLETS, openid),
        ledger: strip(await fetchEverything<Record<string, unknown>>(deps.db, LEDGER, { openid })),
        holds: strip(await fetchEverything<Record<string, unknown>>(deps.db, HOLDS, { openid })),
        orders: strip(await fetchEverything<Record<string, unknown>>(deps.db, ORDERS, { openid })),
        refunds: strip(await fetchEverything<Record<string, unknown>>(deps.db, REFUNDS, { openid })),
        adjustments: strip(await fetchEverything<Record<string, unknown>>(deps.db, AUDIT, { openid })),
        conversations: strip(await fetchEverything<Record<string, unknown>>(deps.db, CONVERSATIONS, { openid })),
        messages: strip(await fetchEverything<Record<string, unknown>>(deps.db, MESSAGES, { openid })),
        responseCache: strip(await fetchEverything<Record<string, unknown>>(deps.db, CHAT_CACHE, { openid })),
      }),
    ) as Record<string, unknown>,
  };
}

/**
 * Erases conversations, messages (raw and redacted texts), placeholder maps, cached answers and consent. The wallet,
 * ledger and orders stay: accounting law requires them, and they hold amounts and references only.
 */
export async function deleteMyData(deps: PlatformDeps, openid: string) {
  const messages = (await deps.db.collection(MESSAGES).where({ openid }).remove()) as { stats?: { removed?: number } };
  const conversations = (await deps.db.collection(CONVERSATIONS).where({ openid }).remove()) as { stats?: { removed?: number } };
  const cached = (await deps.db.collection(CHAT_CACHE).where({ openid }).remove()) as { stats?: { removed?: number } };
  await deps.db.collection(CONSENTS).doc(openid).remove();
  // The wallet and its ledger are financial records and stay; the conversation quota is freed.
  await deps.db
    .collection(WALLETS)
    .where({ _id: openid })
    .update({ data: { conversations: 0 } });
  deps.log.info('data_deleted', {
    conversations: conversations.stats?.removed ?? 0,
    messages: messages.stats?.removed ?? 0,
    cached: cached.stats?.removed ?? 0,
  });
  return { conversations: conversations.stats?.removed ?? 0, messages: messages.stats?.removed ?? 0 };
}
