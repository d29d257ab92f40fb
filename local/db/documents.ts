import { EJSON } from 'bson';
import { Query, update as applyOperator } from 'mingo';
import type { Document } from './store';

/**
 * Pure document operations of the local database: decoding the SDK's EJSON, resolving server dates,
 * matching, sorting, projecting and applying update operators. Mingo implements the MongoDB query
 * and update language that CloudBase speaks, so we do not hand-write it.
 */

export type Plain = Record<string, unknown>;

/** Parses the SDK's canonical EJSON into plain values (numbers as numbers, `$date` as Date). */
export function decode(text: string | undefined): Plain {
  if (text === undefined || text === '') return {};
  return EJSON.parse(text, { relaxed: true }) as Plain;
}

export function encode(doc: Plain): string {
  return EJSON.stringify(doc, { relaxed: false });
}

/** Replaces every `{ $tcb_server_date: { offset } }` (db.serverDate()) with the server's time. */
export function resolveServerDates<T>(value: T, now: number): T {
  if (Array.isArray(value)) return value.map((v) => resolveServerDates(v, now)) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const record = value as Plain;
    const marker = record['$tcb_server_date'] as { offset?: number } | undefined;
    if (marker && Object.keys(record).length === 1) {
      return new Date(now + Number(marker.offset ?? 0)) as T;
    }
    const out: Plain = {};
    for (const [k, v] of Object.entries(record)) out[k] = resolveServerDates(v, now);
    return out as T;
  }
  return value;
}

/** Compiles a query once; the returned test is then cheap per document. */
export function matcher(query: Plain): (doc: Document) => boolean {
  const compiled = new Query(query);
  return (doc) => compiled.test(doc);
}

export function select(
  docs: Document[],
  query: Plain,
  options: { order?: Plain; offset?: number; limit?: number; projection?: Plain } = {},
): Document[] {
  const hasProjection = options.projection && Object.keys(options.projection).length > 0;
  let cursor = new Query(query).find<Document>(docs, hasProjection ? options.projection : undefined);
  if (options.order && Object.keys(options.order).length > 0) {
    cursor = cursor.sort(options.order as Record<string, 1 | -1>);
  }
  if (options.offset) cursor = cursor.skip(options.offset);
  if (options.limit !== undefined) cursor = cursor.limit(options.limit);
  return cursor.all().map((d) => structuredClone(d));
}

const OPERATOR_ORDER = ['$set', '$unset', '$inc', '$mul', '$min', '$max', '$rename', '$push', '$pull', '$pullAll', '$addToSet', '$pop'];

/** Applies an update document (`{ $set, $inc, … }`) to a copy of `doc` and returns the copy. */
export function applyUpdate(doc: Document, updateDoc: Plain): Document {
  const next = structuredClone(doc);
  const operators = Object.keys(updateDoc);
  const unknown = operators.filter((op) => !OPERATOR_ORDER.includes(op));
  if (unknown.length > 0) throw new Error(`unsupported update operator ${unknown.join(', ')}`);
  for (const op of OPERATOR_ORDER) {
    const operand = updateDoc[op];
    if (operand === undefined) continue;
    if ('_id' in (operand as Plain)) throw new Error('_id cannot be updated');
    applyOperator(next, { [op]: operand } as never);
  }
  return next;
}

/** The `_id` a query addresses when it is exactly `{ _id: <string> }` (a doc() reference). */
export function idOf(query: Plain): string | undefined {
  const id = query['_id'];
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}
