import { chipText } from '../../components/sent-view/labels';

/** The conversation's model, remembered on the phone: per conversation, and the last choice for new ones. */
export interface Storage {
  get(key: string): unknown;
  set(key: string, value: string): void;
}

const LAST_KEY = 'qiao.model.last';
const keyOf = (conversationId: string) => `qiao.model.${conversationId}`;

/** Storage through wx; a full or unavailable storage only forgets the choice. */
export const wxStorage: Storage = {
  get(key) {
    try {
      return wx.getStorageSync(key) as unknown;
    } catch {
      return undefined;
    }
  },
  set(key, value) {
    try {
      wx.setStorageSync(key, value);
    } catch {
      // Nothing to do: the next visit starts from the default.
    }
  },
};

/**
 * Which model a conversation opens with: the one chosen for it on this phone, else the one it last
 * used (from its history), else the last choice anywhere, else the first available — always one
 * that is available now.
 */
export function initialModel(storage: Storage, available: string[], conversationId: string, usedLast?: string): number {
  const candidates = [conversationId ? storage.get(keyOf(conversationId)) : undefined, usedLast, storage.get(LAST_KEY)];
  for (const c of candidates) {
    const at = typeof c === 'string' ? available.indexOf(c) : -1;
    if (at >= 0) return at;
  }
  return 0;
}

export function rememberModel(storage: Storage, conversationId: string, alias: string): void {
  storage.set(LAST_KEY, alias);
  if (conversationId) storage.set(keyOf(conversationId), alias);
}

/**
 * The navigation bar's title: the conversation's title (made from the anonymized first question),
 * with placeholders read out as words — "[PERSON_1]的请假条" → "某人的请假条".
 */
export function readableTitle(title: string): string {
  const text = title
    // A title is cut at 30 characters, sometimes inside a placeholder: that tail goes.
    .replace(/\[[A-Z_\d]*$/, '')
    .replace(/\[([A-Z]+(?:_[A-Z]+)?)_(\d{1,4})\]/g, (_whole, type: string, n: string) => chipText(type, Number(n)))
    .replace(/\s+/g, ' ')
    .trim();
  return text || '新对话';
}

/** The empty chat: what the product is for, and that personal details are hidden before sending. */
export const EXAMPLE_PROMPTS = [
  {
    title: '写一封请假邮件',
    text: '帮我写一封请假邮件：我叫张伟，手机 13812345678，下周一到周三回老家办事，请王经理批准。',
    hint: '姓名、手机号会先隐去，回答里再还原',
  },
  {
    title: '给房东发条消息',
    text: '帮我给房东写条消息：我住在朝阳区建国路88号3号楼1502室，热水器坏了，想约这周六上门修。',
    hint: '地址会先隐去',
  },
  { title: '看懂体检报告', text: '体检报告上写着“甘油三酯 2.1 mmol/L，偏高”，这是什么意思？饮食上要注意什么？', hint: '' },
  { title: '讲清一个概念', text: '用初中生能听懂的话解释什么是复利，再举一个存钱的例子。', hint: '' },
];

/** Within this many px of the end the user is "at the latest": the answer being written is followed. */
export const NEAR_BOTTOM_PX = 80;

export function isNearBottom(scroll: { scrollTop: number; scrollHeight: number }, viewHeight: number): boolean {
  return scroll.scrollHeight - scroll.scrollTop - viewHeight <= NEAR_BOTTOM_PX;
}

/**
 * scroll-into-view only scrolls when its value changes: two anchors at the end, used in turn, let
 * every call scroll to the bottom again.
 */
export const nextBottomAnchor = (current: string) => (current === 'bottom-a' ? 'bottom-b' : 'bottom-a');
