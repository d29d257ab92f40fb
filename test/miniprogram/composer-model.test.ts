import {
  composerView,
  learnNumbering,
  localEntities,
  looksPersonalNumber,
  markedTexts,
  renumber,
  sendDetail,
  shiftSpans,
  toggleSpan,
  unhideSpans,
  words,
} from '../../miniprogram/components/composer/model';

const texts = (text: string, spans: Array<{ start: number; end: number }>) => spans.map((s) => text.slice(s.start, s.end));

describe('composer model', () => {
  it('cuts visible text into tappable words: one per Chinese character, one per run of letters or digits', () => {
    const text = '暗号 abc_1@x.cn，电话 138 1234 5678。';
    expect(texts(text, words(text, 0, text.length))).toEqual(['暗', '号', 'abc_1@x.cn', '电', '话', '138 1234 5678']);
  });

  it('flags numbers that may be personal, not dates, amounts or short numbers', () => {
    expect(looksPersonalNumber('482913')).toBe(true);
    expect(looksPersonalNumber('1234')).toBe(false);
    expect(looksPersonalNumber('2026-11-22')).toBe(false);
    expect(looksPersonalNumber('120000', '', '元')).toBe(false);
    expect(looksPersonalNumber('120000', '¥', '')).toBe(false);
    expect(looksPersonalNumber('AB12345')).toBe(false);
  });

  it('counts each hidden item once, labelled as it will be sent', () => {
    const text = '张伟的手机13812345678，张伟说';
    const view = composerView(text, localEntities(text, []), []);
    expect(view.count).toBe(2);
    expect(view.chips.map((c) => `${c.original} → ${c.label}`)).toEqual(['张伟 → 某人1', '13812345678 → 手机号1']);
    expect(view.pieces.filter((p) => p.kind === 'hidden').map((p) => p.label)).toEqual(['某人1', '手机号1', '某人1']);
    expect(view.numberLeft).toBe(false);
  });

  it('marks a visible number with the words around it', () => {
    const text = '门禁密码 482913，预算 50000 元';
    const view = composerView(text, localEntities(text, []), []);
    expect(view.numberLeft).toBe(true);
    expect(view.pieces.filter((p) => p.kind === 'number').map((p) => p.text)).toEqual(['482913']);
  });

  it('hides tapped words as private, joining neighbours, and shows them again', () => {
    const text = '暗号是青龙';
    let spans = toggleSpan([], { start: 3, end: 4 });
    spans = toggleSpan(spans, { start: 4, end: 5 });
    expect(spans).toEqual([{ start: 3, end: 5 }]);
    expect(markedTexts(text, spans)).toEqual(['青龙']);
    const view = composerView(text, localEntities(text, spans), spans);
    expect(view.chips).toEqual([{ key: '[PRIVATE_1]', original: '青龙', label: '私密1', type: 'PRIVATE', mine: true }]);
    expect(toggleSpan(spans, { start: 3, end: 4 })).toEqual([]);
    expect(unhideSpans('青龙和青龙', [{ start: 0, end: 2 }], { start: 3, end: 5 })).toEqual([]);
  });

  it('keeps hidden spans on their words while the draft is edited', () => {
    const spans = [
      { start: 0, end: 2 },
      { start: 5, end: 7 },
    ];
    expect(shiftSpans(spans, '青龙见，白虎好', '青龙明天见，白虎好')).toEqual([
      { start: 0, end: 2 },
      { start: 7, end: 9 },
    ]);
    // Editing inside a hidden word drops it: it is another word now.
    expect(shiftSpans(spans, '青龙见，白虎好', '青见，白虎好')).toEqual([{ start: 4, end: 6 }]);
  });

  it('sends the trimmed text with its spans moved to match', () => {
    expect(sendDetail('  暗号是青龙 \n', [{ start: 5, end: 7 }])).toEqual({ text: '暗号是青龙', private: [{ start: 3, end: 5 }] });
  });

  it('numbers the local preview as the server did for the conversation', () => {
    const text = '我叫李娜，张伟是我同事';
    // The server said: in this conversation 张伟 is [PERSON_1] and 李娜 [PERSON_2].
    const known = learnNumbering({}, '张伟和李娜', [
      { type: 'PERSON', start: 0, end: 2, placeholder: '[PERSON_1]' },
      { type: 'PERSON', start: 3, end: 5, placeholder: '[PERSON_2]' },
    ]);
    expect(renumber(known, text, localEntities(text, [])).map((e) => e.placeholder)).toEqual(['[PERSON_2]', '[PERSON_1]']);
    const more = '王芳、李娜、王芳';
    expect(renumber(known, more, localEntities(more, [])).map((e) => e.placeholder)).toEqual(['[PERSON_3]', '[PERSON_2]', '[PERSON_3]']);
    expect(renumber({}, text, localEntities(text, [])).map((e) => e.placeholder)).toEqual(['[PERSON_1]', '[PERSON_2]']);
  });
});
