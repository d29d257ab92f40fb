/**
 * What the Mini Program takes from the core, bundled by `npm run build` into
 * miniprogram/generated/shared.js: the contracts (to type and check every call) and the anonymizer
 * (for the live preview), and the chat stream's decoder. Nothing here may import Node or the platform,
 * or call `new Function`, `eval` or `BigInt` (iOS < 14 has none) when it loads: see
 * test/unit/app-bundle-phone.test.ts.
 */
// First, before any module that builds a schema.
import './contracts/zod-jitless';

export {
  apiContracts,
  CONSENT_VERSION,
  MAX_TEXT_CHARS,
  ORDER_STATUS_LABELS,
  REFUND_STATUS_LABELS,
  StreamDecoder,
  Utf8StreamDecoder,
} from './contracts';
export type { ApiContracts, ErrorCode, InputOf, OutputOf, Envelope, StreamEvent } from './contracts';
export { PrivacySession } from './privacy/session';
export { formatBalance, formatCost, formatYuan } from './money/format';
export { MICRO_PER_YUAN, MICRO_PER_FEN } from './money/amount';
