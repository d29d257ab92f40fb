import { msg, ready } from './fixtures.mjs';

// Past the retention period: the raw texts are gone; what was sent (anonymized) stays.
export default async ({ page }) =>
  ready(page, [
    msg({ text: '', reply: '', sent: '我叫[PERSON_1]，手机[PHONE_1]，帮我写一封请假邮件。', createdAt: '2026-10-01T12:00:00.000Z' }),
    msg({ text: '明天天气怎么样？', sent: '明天天气怎么样？', reply: '我无法获取实时天气，建议查看天气预报。' }),
  ]);
