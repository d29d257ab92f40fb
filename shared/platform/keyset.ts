import type { Database } from './database';
import { AppError } from './errors';

/**
 * Keyset pagination for "newest first" lists: the cursor is the sort field (ms) and `_id` of the last
 * document shown, so pages never skip or repeat a document while new ones arrive (offsets would).
 */
type Command = Database['command'];

export function keysetWhere(_: Command, where: Record<string, unknown>, field: string, cursor: string | undefined): object {
  if (cursor === undefined) return where;
  const m = /^(\d{1,15})_([0-9A-Za-z_.-]{6,64})$/.exec(cursor);
  if (!m) throw new AppError('INVALID_INPUT', '列表已更新，请下拉刷新后重试', { field: 'cursor' });
  const at = new Date(Number(m[1]));
  return _.and([where, _.or([{ [field]: _.lt(at) }, { [field]: at, _id: _.lt(m[2]!) }])]);
}

export function nextCursor<T extends { _id: string }>(docs: T[], field: keyof T, page: number): string | null {
  const last = docs[docs.length - 1];
  return docs.length === page && last ? `${new Date(last[field] as unknown as Date).getTime()}_${last._id}` : null;
}
