/** What the anonymizer finds. Spans are UTF-16 offsets into the input, end exclusive. */
export const ENTITY_TYPES = [
  'ID_CARD',
  'PHONE',
  'EMAIL',
  'BANK_CARD',
  'USCC',
  'PASSPORT',
  'PLATE',
  'IP',
  'WECHAT_ID',
  'QQ',
  'PERSON',
  'ADDRESS',
  'CUSTOM',
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

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
