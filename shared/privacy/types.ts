import type { ENTITY_TYPES } from '../contracts/privacy';
import type { TextIndex } from './text-index';

/** What the anonymizer finds; the list itself is part of the contracts (the app shows these types). */
export type EntityType = (typeof ENTITY_TYPES)[number];

/** A found entity. Offsets are UTF-16 offsets into the input, end exclusive. */
export interface Span {
  type: EntityType;
  start: number;
  end: number;
  text: string;
}

/** Where a compiled pattern matches: [start, end) pairs, UTF-16 offsets. */
export type PatternFinder = (text: string) => Array<[number, number]>;

/** Merchant-defined terms and (compiled) patterns, from a `config` document, redacted as CUSTOM. */
export interface CustomRules {
  terms?: string[];
  patterns?: PatternFinder[];
}

/** A built-in detector: it reads the prompt's index (text-index.ts) — the text, its folded form, where to look. */
export type Detector = (index: TextIndex) => Span[];
