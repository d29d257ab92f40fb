import * as fs from 'node:fs';
import * as path from 'node:path';
import { EJSON } from 'bson';

export type Document = Record<string, unknown> & { _id: string };

/** One committed change: the document's new image, or null when it was removed. */
export interface Change {
  collection: string;
  id: string;
  doc: Document | null;
}

/**
 * The embedded store behind the local CloudBase database: every collection in memory, every commit
 * appended to a log file as one line (so a commit is all-or-nothing on disk too), the log compacted
 * to one line per live document when the store opens. Durable enough for a developer machine and
 * simple enough to trust; never used in production.
 */
export class DocumentStore {
  private readonly collections = new Map<string, Map<string, Document>>();
  private readonly file: string | null;
  private readonly readOnly: boolean;

  private constructor(file: string | null, readOnly = false) {
    this.file = file;
    this.readOnly = readOnly;
  }

  /** A store that lives only in memory (tests that do not care about restarts). */
  static inMemory(): DocumentStore {
    return new DocumentStore(null);
  }

  /**
   * Opens (or creates) the store persisted in `dir/db.jsonl`. `readOnly` reads it without compacting
   * or writing, so a checker can run while `npm start` owns the file.
   */
  static open(dir: string, options: { readOnly?: boolean } = {}): DocumentStore {
    fs.mkdirSync(dir, { recursive: true });
    const store = new DocumentStore(path.join(dir, 'db.jsonl'), options.readOnly ?? false);
    store.replay();
    if (!store.readOnly) store.compact();
    return store;
  }

  collectionNames(): string[] {
    return [...this.collections.keys()];
  }

  /** The committed document, or undefined. Callers must not mutate it: clone before changing. */
  peek(collection: string, id: string): Document | undefined {
    return this.collections.get(collection)?.get(id);
  }

  /** Every committed document of a collection, in insertion order. Read-only, like peek. */
  all(collection: string): Document[] {
    return [...(this.collections.get(collection)?.values() ?? [])];
  }

  /** Applies a set of changes atomically: written to the log first, then to memory. */
  commit(changes: Change[]): void {
    if (changes.length === 0) return;
    if (this.readOnly) throw new Error('this store was opened read-only');
    if (this.file) {
      const line = EJSON.stringify({ changes }, { relaxed: false }) + '\n';
      fs.appendFileSync(this.file, line);
    }
    for (const change of changes) this.applyInMemory(change);
  }

  /** Drops every collection, in memory and on disk. */
  clear(): void {
    this.collections.clear();
    if (this.file) fs.writeFileSync(this.file, '');
  }

  private applyInMemory({ collection, id, doc }: Change): void {
    let docs = this.collections.get(collection);
    if (!docs) {
      docs = new Map();
      this.collections.set(collection, docs);
    }
    if (doc) docs.set(id, doc);
    else docs.delete(id);
  }

  private replay(): void {
    if (!this.file || !fs.existsSync(this.file)) return;
    const lines = fs.readFileSync(this.file, 'utf8').split('\n');
    for (const [index, line] of lines.entries()) {
      if (!line.trim()) continue;
      let entry: { changes: Change[] };
      try {
        entry = EJSON.parse(line, { relaxed: true }) as { changes: Change[] };
      } catch {
        // A torn last line means the process died mid-append: that commit never happened.
        if (index >= lines.length - 2) break;
        throw new Error(`${this.file}: line ${index + 1} is corrupt; run 'npm run reset' to start over`);
      }
      for (const change of entry.changes) this.applyInMemory(change);
    }
  }

  private compact(): void {
    if (!this.file) return;
    const tmp = `${this.file}.tmp`;
    const out: string[] = [];
    for (const [collection, docs] of this.collections) {
      for (const [id, doc] of docs) {
        out.push(EJSON.stringify({ changes: [{ collection, id, doc }] }, { relaxed: false }));
      }
    }
    fs.writeFileSync(tmp, out.length ? out.join('\n') + '\n' : '');
    fs.renameSync(tmp, this.file);
  }
}
