import type { SessionState } from '../privacy/session';
import type { Usage } from '../llm/types';

export const CONSENTS = 'consents';
export const CONVERSATIONS = 'conversations';
export const MESSAGES = 'messages';
export const RATE_LIMITS = 'ratelimits';
export const MODELS_DOC = 'models';

/** `_id` = openid. */
export interface ConsentDoc {
  _id: string;
  version: string;
  accepted: boolean;
  crossBorder: boolean;
  acceptedAt?: Date;
  crossBorderAt?: Date;
  withdrawnAt?: Date;
}

/** `_id` = conversation id. The placeholder map lives here, in mainland storage. */
export interface ConversationDoc {
  _id: string;
  openid: string;
  _openid: string;
  title: string;
  model: string;
  placeholders: SessionState;
  messageCount: number;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * `_id` = the client's requestId, so a retry finds its message. `_openid` lets a CloudBase security
 * rule (`doc._openid == auth.openid`) limit database watches to the user's own messages.
 */
export interface MessageDoc {
  _id: string;
  openid: string;
  _openid: string;
  conversationId: string;
  status: 'pending' | 'streaming' | 'done' | 'failed' | 'stopped';
  /** Which attempt this is (a failed message can be retried with the same requestId). */
  attempt: number;
  model: string;
  /** The user's raw text: mainland storage only; purged after the retention period. */
  text?: string;
  /** What was sent abroad (anonymized). */
  sent: string;
  /** The answer with personal information restored (raw; purged with `text`). */
  reply?: string;
  /** The answer as the model wrote it (placeholders). */
  replySent?: string;
  usage?: Usage;
  cost?: number;
  providerId?: string;
  /** The answer stopped at the model's output-token limit. */
  truncated?: boolean;
  error?: { code: string; message: string };
  createdAt: Date;
  updatedAt: Date;
  finishedAt?: Date;
  purgedAt?: Date;
  /** chat.stop asked for the answer to end (read by the function writing it). */
  stopRequested?: boolean;
  /** A regenerated answer: the message it is a new version of. */
  versionOf?: string;
  /** The newer version that replaced this answer (it is left out of the history sent to the model). */
  supersededBy?: string;
  /** Answered from the response cache (no model call; charged the model's cache share). */
  cacheHit?: boolean;
}
