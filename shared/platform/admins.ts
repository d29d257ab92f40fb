import type { Config } from './config';
import { getDoc, type Database } from './database';

/**
 * Whether an openid belongs to a merchant: the bootstrap list in ADMIN_OPENIDS, or a document in the
 * `admins` collection (`_id` = openid). Checked on the server for every admin call.
 */
export async function isAdmin(db: Database, config: Config, openid: string): Promise<boolean> {
  if (!openid) return false;
  if (config.adminOpenids.includes(openid)) return true;
  const doc = await getDoc<{ disabled?: boolean }>(db, 'admins', openid);
  return doc !== null && doc.disabled !== true;
}
