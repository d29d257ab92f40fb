import { ENTITY_TYPES } from '../../../shared/contracts/privacy';
import { conversationRow } from '../../../miniprogram/pages/chat/model';
import { splitPlaceholders } from '../../../miniprogram/utils/placeholders';

describe('placeholders as chips', () => {
  it('turns [PERSON_1] into a chip 某人1 followed by the text (as the composer and sent view read it)', () => {
    expect(splitPlaceholders('[PERSON_1]的租房合同')).toEqual([
      { kind: 'chip', text: '某人1', placeholder: '[PERSON_1]' },
      { kind: 'text', text: '的租房合同' },
    ]);
  });

  it('numbers each of a type as the conversation does, keeps unknown and mangled ones as text', () => {
    expect(splitPlaceholders('给[PERSON_2]和[PERSON_1]打[PHONE_1]')).toEqual([
      { kind: 'text', text: '给' },
      { kind: 'chip', text: '某人2', placeholder: '[PERSON_2]' },
      { kind: 'text', text: '和' },
      { kind: 'chip', text: '某人1', placeholder: '[PERSON_1]' },
      { kind: 'text', text: '打' },
      { kind: 'chip', text: '手机号1', placeholder: '[PHONE_1]' },
    ]);
    expect(splitPlaceholders('[FOO_1] 与 [PHONE] 和 [PHONE_x]')).toEqual([{ kind: 'text', text: '[FOO_1] 与 [PHONE] 和 [PHONE_x]' }]);
    expect(splitPlaceholders('')).toEqual([]);
  });

  it('reads every anonymizer type', () => {
    for (const t of ENTITY_TYPES) expect(splitPlaceholders(`[${t}_1]`)[0]!.kind).toBe('chip');
  });
});

describe('conversation rows', () => {
  const now = new Date(2026, 10, 22, 21, 0);
  it('has chips, a relative date and the message count; an empty title reads 新对话', () => {
    const row = conversationRow(
      {
        conversationId: 'c1',
        title: '[PERSON_1]的租房合同',
        model: 'general',
        messageCount: 4,
        updatedAt: new Date(2026, 10, 21, 8, 30).toISOString(),
      },
      now,
    );
    expect(row).toEqual({
      id: 'c1',
      segments: [
        { kind: 'chip', text: '某人1', placeholder: '[PERSON_1]', key: 0 },
        { kind: 'text', text: '的租房合同', key: 1 },
      ],
      timeText: '昨天 08:30',
      countText: '4 条',
    });
    expect(
      conversationRow({ conversationId: 'c2', title: ' ', model: 'm', messageCount: 0, updatedAt: now.toISOString() }, now).segments,
    ).toEqual([{ kind: 'text', text: '新对话', key: 0 }]);
  });
});
