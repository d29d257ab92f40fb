/**
 * Shared pieces of the conversation page's shots: the models, messages as chat.history returns them,
 * and `ready(page)` which shows them the way load() would (the page's own receiveHistory).
 */
export const models = [
  { alias: 'general', name: '通用模型', region: '海外', price: '约 ¥0.0100/千字', label: '通用模型 · 海外 · 约 ¥0.0100/千字' },
  { alias: 'domestic', name: '国内模型', region: '境内', price: '约 ¥0.005/千字', label: '国内模型 · 境内 · 约 ¥0.005/千字' },
];

let n = 0;
export function msg(over) {
  n += 1;
  const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  return {
    messageId: id,
    conversationId: 'conv-0001',
    status: 'done',
    text: '',
    sent: '',
    reply: '',
    model: 'general',
    cost: 3100,
    createdAt: `2026-11-22T12:${String(n).padStart(2, '0')}:00.000Z`,
    ...over,
  };
}

export const markdownAnswer = [
  '## 请假邮件',
  '',
  '**主题**：请假申请（11月24日—26日）',
  '',
  '王经理您好：',
  '',
  '我因家中有事需回老家处理，想申请 **11月24日至26日** 请假三天。',
  '',
  '- 手头的报表已交给李娜跟进',
  '- 紧急事务可打我手机 13812345678',
  '',
  '> 以上，感谢批准。',
].join('\n');

/**
 * Newest first, as chat.history answers. The page's own load() finds no server here and fails: let it,
 * then show the state.
 */
export async function ready(page, messages, cursor = null, data = {}, sleep = (ms) => new Promise((r) => setTimeout(r, ms))) {
  await sleep(300);
  page.setData({ models, modelIndex: 0, ...data });
  page.receiveHistory([...messages].reverse(), cursor);
}
