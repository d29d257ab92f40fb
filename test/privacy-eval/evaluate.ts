import * as fs from 'node:fs';
import * as path from 'node:path';
import { PrivacySession } from '../../shared/privacy/session';
import type { EntityType, Span } from '../../shared/privacy/types';
import type { Case } from '../fixtures/privacy/generate';

/**
 * Two corpora: `synthetic` (generated from templates, test/fixtures/privacy/generate.ts — the detector
 * was tuned on it, so its figures are an upper bound) and `realistic` (written blind, before the
 * detectors it measures were changed: test/fixtures/privacy/realistic/build.mjs).
 */
export type CorpusName = 'synthetic' | 'realistic';

const FILES: Record<CorpusName, string> = { synthetic: 'corpus.json', realistic: 'realistic.json' };

export function loadCorpus(name: CorpusName = 'synthetic'): Case[] {
  return JSON.parse(fs.readFileSync(path.join(__dirname, '../fixtures/privacy', FILES[name]), 'utf8')) as Case[];
}

export interface TypeScore {
  type: string;
  gold: number;
  /** Every character of it is inside some placeholder: nothing of it reaches the model. */
  hidden: number;
  /** One placeholder of its own type covers it (the answer reads naturally when restored). */
  typed: number;
  predicted: number;
  /** Predictions of this type that overlap a labelled entity (of any type). */
  correct: number;
  recall: number;
  typedRecall: number;
  precision: number;
}

export interface Evaluation {
  cases: number;
  negatives: number;
  negativeFalsePositives: number;
  scores: TypeScore[];
  overall: { gold: number; hidden: number; predicted: number; correct: number; recall: number; precision: number };
  misses: Array<{ id: string; type: string; text: string; context: string }>;
  falsePositives: Array<{ id: string; type: string; text: string; context: string }>;
}

/** Predictions are the entities a fresh conversation redacts (so names repeated later count). */
function predict(text: string): Span[] {
  const { entities } = new PrivacySession().redact(text);
  return entities.map((e) => ({ type: e.type, start: e.start, end: e.end, text: text.slice(e.start, e.end) }));
}

const keyOf = (type: EntityType, cue: boolean | undefined) => (type === 'PERSON' ? (cue ? 'PERSON (cue)' : 'PERSON (no cue)') : type);

export function evaluate(cases: Case[] = loadCorpus()): Evaluation {
  const buckets = new Map<string, TypeScore>();
  const bucket = (type: string) => {
    let b = buckets.get(type);
    if (!b) {
      b = { type, gold: 0, hidden: 0, typed: 0, predicted: 0, correct: 0, recall: 1, typedRecall: 1, precision: 1 };
      buckets.set(type, b);
    }
    return b;
  };
  const misses: Evaluation['misses'] = [];
  const falsePositives: Evaluation['falsePositives'] = [];
  let negativeFalsePositives = 0;
  const around = (text: string, start: number, end: number) => text.slice(Math.max(0, start - 12), end + 12).replace(/\n/g, '⏎');
  for (const c of cases) {
    const predicted = predict(c.text);
    const covered = new Uint8Array(c.text.length);
    for (const p of predicted) covered.fill(1, p.start, p.end);
    for (const g of c.entities) {
      const b = bucket(keyOf(g.type, g.cue));
      b.gold += 1;
      const hidden = covered.subarray(g.start, g.end).every((x) => x === 1);
      if (hidden) b.hidden += 1;
      else misses.push({ id: c.id, type: b.type, text: g.text, context: around(c.text, g.start, g.end) });
      if (predicted.some((p) => p.type === g.type && p.start <= g.start && p.end >= g.end)) b.typed += 1;
    }
    for (const p of predicted) {
      const b = bucket(p.type);
      b.predicted += 1;
      if (c.entities.some((g) => p.start < g.end && g.start < p.end)) b.correct += 1;
      else {
        falsePositives.push({ id: c.id, type: p.type, text: p.text, context: around(c.text, p.start, p.end) });
        if (c.entities.length === 0) negativeFalsePositives += 1;
      }
    }
  }
  const scores = [...buckets.values()].map((b) => ({
    ...b,
    recall: b.gold ? b.hidden / b.gold : 1,
    typedRecall: b.gold ? b.typed / b.gold : 1,
    precision: b.predicted ? b.correct / b.predicted : 1,
  }));
  scores.sort((a, b) => a.type.localeCompare(b.type));
  const sum = (f: (s: TypeScore) => number) => scores.reduce((n, s) => n + f(s), 0);
  const overall = {
    gold: sum((s) => s.gold),
    hidden: sum((s) => s.hidden),
    predicted: sum((s) => s.predicted),
    correct: sum((s) => s.correct),
  };
  return {
    cases: cases.length,
    negatives: cases.filter((c) => c.entities.length === 0).length,
    negativeFalsePositives,
    scores,
    overall: { ...overall, recall: overall.hidden / (overall.gold || 1), precision: overall.correct / (overall.predicted || 1) },
    misses,
    falsePositives,
  };
}

export const STRUCTURED: EntityType[] = ['ID_CARD', 'PHONE', 'EMAIL', 'BANK_CARD', 'USCC', 'PASSPORT', 'PLATE', 'IP'];

export interface Target {
  what: string;
  value: number;
  target: number;
  /** 'max' when the value must not exceed the target (a count of false positives). */
  kind?: 'max';
}

/** The targets the test suite holds each corpus to. */
export function targetsOf(e: Evaluation, corpus: CorpusName = 'synthetic'): Target[] {
  const get = (t: string) => e.scores.find((s) => s.type === t);
  const out: Target[] = [];
  if (corpus === 'synthetic') {
    // Issue 5's targets, on typed recall (the detector was tuned on this corpus).
    for (const t of STRUCTURED) {
      const s = get(t);
      if (!s) continue;
      out.push({ what: `${t} recall`, value: s.typedRecall, target: 0.995 }, { what: `${t} precision`, value: s.precision, target: 0.99 });
    }
    out.push({ what: 'PERSON (cue) recall', value: get('PERSON (cue)')?.typedRecall ?? 0, target: 0.98 });
    out.push({ what: 'PERSON (no cue) recall', value: get('PERSON (no cue)')?.typedRecall ?? 0, target: 0.85 });
    out.push({ what: 'ADDRESS recall', value: get('ADDRESS')?.typedRecall ?? 0, target: 0.95 });
    out.push({ what: 'negatives: false positives', value: e.negativeFalsePositives, target: 0, kind: 'max' });
    return out;
  }
  // Issue 11's targets on realistic text: nothing of an identifier reaches the model.
  out.push({ what: 'overall recall', value: e.overall.recall, target: 0.97 });
  out.push({ what: 'overall precision', value: e.overall.precision, target: 0.97 });
  const person = e.scores.filter((s) => s.type.startsWith('PERSON ('));
  const personGold = person.reduce((n, s) => n + s.gold, 0);
  out.push({ what: 'PERSON recall', value: person.reduce((n, s) => n + s.hidden, 0) / (personGold || 1), target: 0.9 });
  for (const s of e.scores) {
    if (s.type.startsWith('PERSON') || s.gold === 0) continue;
    out.push({ what: `${s.type} recall`, value: s.recall, target: 0.95 });
  }
  return out;
}

export function passes(t: Target): boolean {
  return t.kind === 'max' ? t.value <= t.target : t.value >= t.target;
}
