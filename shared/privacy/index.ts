export * from './types';
export { detect, createDetector, resolveOverlaps } from './detect';
export { PrivacySession, StreamingRestorer, emptySession, normalizeValue } from './session';
export type { SessionState, PlaceholderEntry, Redaction, RedactedEntity } from './session';
