import * as fs from 'node:fs';
import * as path from 'node:path';
import { PrivacySession } from '../../shared/privacy/session';
import type { EntityType, Span } from '../../shared/privacy/types';
import type { Case, GoldSpan } from '../fixtures/privacy/generate';

export interface TypeScore {
  type: string;
  gold: number;
  found: number;
  predicted: number;
  correct: number;
  recall: number;
  precision: number;
}

export interface Evaluation {
  cases: number;
  negatives: number;
  negativeFalsePositives: number;
  scores: TypeScore[];
  misses: Array<{ id: string; type: string; text: string; context: string }>;
  falsePositives: Array<{ id: string; type: string; text: string }>;
}

export function loadCorpus(): Case[] {
  return JSON.parse(fs.readFileSync(path.join(__dirname, '../fixtures/privacy/corpus.json'), 'utf8')) as Case[];
}

/** Predictions are the entities a fresh conversation redacts (so names repeated later count). */
function predict(text: string): Span[] {
  const { entities } = new PrivacySession().redact(text);
  return entities.map((e) => ({ type: e.type, start: e.start, end: e.end, text: text.slice(e.start, e.end) }));
}

/**
 * A gold entity is found when a predicted span of the same type covers all of it (what matters is
 * that nothing of it leaves); a prediction is correct when it overlaps a gold entity of its type.
 */
export function evaluate(cases: Case[] = loadCorpus()): Evaluation {
  const buckets = new Map<string, TypeScore>();
  const bucket = (type: string) => {
    let b = buckets.get(type);
    if (!b) buckets.set(type, (b = { type, gold: 0, found: 0, predicted: 0, correct: 0, recall: 1, precision: 1 }));
    return b;
  };
  const misses: Evaluation['misses'] = [];
  const falsePositives: Evaluation['falsePositives'] = [];
  let negativeFalsePositives = 0;
  for (const c of cases) {
    const predicted = predict(c.text);
    for (const g of c.entities) {
      const key = g.type === 'PERSON' ? (g.cue ? 'PERSON (cue)' : 'PERSON (no cue)') : g.type;
      const b = bucket(key);
      b.gold += 1;
      if (predicted.some((p) => p.type === g.type && p.start <= g.start && p.end >= g.end)) b.found += 1;
      else misses.push({ id: c.id, type: key, text: g.text, context: c.text.slice(Math.max(0, g.start - 12), g.end + 12) });
    }
    for (const p of predicted) {
      const b = bucket(p.type);
      b.predicted += 1;
      if (c.entities.some((g: GoldSpan) => g.type === p.type && p.start < g.end && g.start < p.end)) b.correct += 1;
      else {
        falsePositives.push({ id: c.id, type: p.type, text: p.text });
        if (c.entities.length === 0) negativeFalsePositives += 1;
      }
    }
  }
  const scores = [...buckets.values()].map((b) => ({
    ...b,
    recall: b.gold ? b.found / b.gold : 1,
    precision: b.predicted ? b.correct / b.predicted : 1,
  }));
  scores.sort((a, b) => a.type.localeCompare(b.type));
  return {
    cases: cases.length,
    negatives: cases.filter((c) => c.entities.length === 0).length,
    negativeFalsePositives,
    scores,
    misses,
    falsePositives,
  };
}

export const STRUCTURED: EntityType[] = ['ID_CARD', 'PHONE', 'EMAIL', 'BANK_CARD', 'USCC', 'PASSPORT', 'PLATE', 'IP'];

/** The targets; the test suite fails below them. */
export function targetsOf(e: Evaluation): Array<{ what: string; value: number; target: number }> {
  const get = (t: string) => e.scores.find((s) => s.type === t);
  const out: Array<{ what: string; value: number; target: number }> = [];
  for (const t of STRUCTURED) {
    const s = get(t);
    if (!s) continue;
    out.push({ what: `${t} recall`, value: s.recall, target: 0.995 }, { what: `${t} precision`, value: s.precision, target: 0.99 });
  }
  out.push({ what: 'PERSON (cue) recall', value: get('PERSON (cue)')?.recall ?? 0, target: 0.98 });
  out.push({ what: 'PERSON (no cue) recall', value: get('PERSON (no cue)')?.recall ?? 0, target: 0.85 });
  out.push({ what: 'ADDRESS recall', value: get('ADDRESS')?.recall ?? 0, target: 0.95 });
  out.push({ what: 'negatives: false positives', value: e.negativeFalsePositives, target: 0 });
  return out;
}
