import type { ENTITY_TYPES } from '../contracts/privacy';

/** What the anonymizer finds; the list itself is part of the contracts (the app shows these types). */
export type EntityType = (typeof ENTITY_TYPES)[number];

/** A found entity. Offsets are UTF-16 offsets into the input, end exclusive. */
export interface Span {
  type: EntityType;
  start: number;
  end: number;
  text: string;
}

/** Merchant-defined terms and patterns (a `config` document), redacted as CUSTOM. */
export interface CustomRules {
  terms?: string[];
  patterns?: string[];
}

export type Detector = (text: string) => Span[];
