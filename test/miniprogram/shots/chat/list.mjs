// 对话: titles with anonymizer placeholders shown as chips, relative dates.
import { daysAgo, fakeBackend, today } from '../fake-backend.mjs';

const c = (conversationId, title, messageCount, updatedAt) => ({ conversationId, title, model: 'general', messageCount, updatedAt });

export default async function ({ page, wx, sleep }) {
  fakeBackend(wx, {
    'consent.get': { currentVersion: '2026-11', accepted: true, crossBorder: true },
    'chat.conversations': {
      conversations: [
        c('conv-1', '[PERSON_1]的租房合同', 6, today(20, 5)),
        c('conv-2', '给[PERSON_1]和[PERSON_2]写生日祝福', 2, today(9, 12)),
        c('conv-3', '[PHONE_1]收到的快递短信是真的吗', 4, daysAgo(1, 22, 40)),
        c('conv-4', '帮我写一份请假条，理由是家里有事，需要请三天假，下周一开始', 2, daysAgo(3, 14)),
        c('conv-5', '寄到[ADDRESS_1]要多久', 3, new Date(2025, 10, 20, 10).toISOString()),
      ],
      nextCursor: null,
    },
  });
  await page.load();
  await sleep(20);
}
