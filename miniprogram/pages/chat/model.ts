import type { ApiContracts, OutputOf } from '../../generated/shared';
import { formatRelative } from '../../utils/dates';
import { splitPlaceholders, type TextSegment } from '../../utils/placeholders';

type Conversation = OutputOf<ApiContracts['chat.conversations']>['conversations'][number];

export interface ConversationRow {
  id: string;
  /** The title in runs of text and placeholder chips (某人, 手机号), never a raw [PERSON_1]. */
  segments: Array<TextSegment & { key: number }>;
  timeText: string;
  countText: string;
}

export function conversationRow(c: Conversation, now: Date = new Date()): ConversationRow {
  const title = c.title.trim() || '新对话';
  return {
    id: c.conversationId,
    segments: splitPlaceholders(title).map((s, key) => ({ ...s, key })),
    timeText: formatRelative(c.updatedAt, now),
    countText: `${c.messageCount} 条`,
  };
}

export function conversationRows(list: Conversation[], now: Date = new Date()): ConversationRow[] {
  return list.map((c) => conversationRow(c, now));
}
