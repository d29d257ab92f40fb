import * as path from 'node:path';
import { ENTITY_TYPES } from '../../shared/contracts/privacy';
import {
  PLACEHOLDER_LABELS,
  chipText,
  legendOf,
  placeholderLabel,
  readablePlaceholders,
  sentSegments,
} from '../../miniprogram/components/sent-view/labels';
import { simulate } from './support/page';
import { settle } from './support/fake-api';

const root = path.resolve(__dirname, '../../miniprogram');
let id: string | undefined;
type Comp = ReturnType<typeof simulate.render>;

function renderSentView(props: Record<string, unknown>) {
  id ??= simulate.load(path.join(root, 'components/sent-view/index'), { rootPath: root, compiler: 'simulate' });
  const comp = simulate.render(id, props);
  const events = jest.spyOn(comp.instance as unknown as { triggerEvent(n: string, d: unknown): void }, 'triggerEvent');
  comp.attach(document.createElement('parent-wrapper'));
  return { comp, events };
}
const texts = (comp: Comp, sel: string) => comp.querySelectorAll(sel).map((c) => c.dom!.textContent);

describe('placeholder labels', () => {
  it('has a readable label for every type the anonymizer emits', () => {
    for (const type of ENTITY_TYPES) expect(PLACEHOLDER_LABELS[type]).toBeTruthy();
    expect(new Set(ENTITY_TYPES.map(placeholderLabel)).size).toBe(ENTITY_TYPES.length);
    expect(placeholderLabel('PERSON')).toBe('某人');
    expect(placeholderLabel('phone')).toBe('手机号');
    expect(placeholderLabel('SOMETHING_NEW')).toBe('隐私信息');
    expect(chipText('ID_CARD', 2)).toBe('身份证号2');
  });

  it('makes titles and lists readable', () => {
    expect(readablePlaceholders('[PERSON_1]的[WECHAT_ID_2]和[PHONE_1]')).toBe('某人1的微信号2和手机号1');
    expect(readablePlaceholders('[NOT A PLACEHOLDER]')).toBe('[NOT A PLACEHOLDER]');
  });

  it('cuts the sent text into text and chips, and keeps closing punctuation with its chip', () => {
    expect(sentSegments('我叫[PERSON_1]。你好')).toEqual([
      { text: '我叫' },
      { text: '[PERSON_1]', type: 'PERSON', chip: '某人1', after: '。' },
      { text: '你好' },
    ]);
    const segs = sentSegments('[PERSON_1]和[PERSON_2]，[PERSON_1]的[PHONE_1]');
    expect(legendOf(segs)).toEqual([
      { type: 'PERSON', label: '某人', count: 2 },
      { type: 'PHONE', label: '手机号', count: 1 },
    ]);
  });
});

describe('sent-view', () => {
  it('renders nothing while hidden', () => {
    const { comp } = renderSentView({ show: false, sent: '我叫[PERSON_1]' });
    expect(comp.dom!.textContent).toBe('');
  });

  it('shows every placeholder type as a chip with its label, and a legend of the types that appear', async () => {
    const sent = ENTITY_TYPES.map((t, i) => `第${i + 1}项[${t}_1]`).join('，');
    const { comp } = renderSentView({ show: true, sent });
    await settle();
    const text = comp.dom!.textContent!;
    expect(text).toContain('实际发送的内容');
    expect(text).not.toMatch(/\[[A-Z_]+_\d+\]/);
    expect(texts(comp, '.sent .chip')).toEqual(ENTITY_TYPES.map((t) => chipText(t, 1)));
    expect(texts(comp, '.legend__item .chip')).toEqual(ENTITY_TYPES.map(placeholderLabel));
    expect(texts(comp, '.legend__text')).toEqual(ENTITY_TYPES.map(() => '1 处'));
  });

  it('says when nothing was hidden', async () => {
    const { comp } = renderSentView({ show: true, sent: '帮我写一封请假邮件' });
    await settle();
    expect(comp.dom!.textContent).toContain('帮我写一封请假邮件');
    expect(comp.dom!.textContent).toContain('没有需要隐去的内容');
    expect(comp.querySelector('.legend__title')).toBeUndefined();
  });

  it('follows a new sent text', async () => {
    const { comp } = renderSentView({ show: true, sent: '[PERSON_1]' });
    comp.setData({ sent: '[EMAIL_3]' });
    await settle();
    expect(texts(comp, '.sent .chip')).toEqual(['邮箱3']);
  });

  it('closes from the mask and from 关闭, not from a tap inside the panel', async () => {
    const { comp, events } = renderSentView({ show: true, sent: '[PERSON_1]' });
    comp.querySelector('.sent')!.dispatchEvent('tap');
    await settle();
    expect(events).not.toHaveBeenCalledWith('close', {});
    comp.querySelector('.sheet__close')!.dispatchEvent('tap');
    await settle();
    comp.querySelector('.sheet__mask')!.dispatchEvent('tap');
    await settle();
    expect(events.mock.calls.filter(([n]) => n === 'close')).toHaveLength(2);
  });
});
