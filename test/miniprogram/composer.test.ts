import * as path from 'node:path';
import { simulate } from './support/page';
import { err, fakeApi, ok, settle } from './support/fake-api';
import { wxm } from './support/wx';
import type { TransportOutcome } from '../../miniprogram/api/transport';

const root = path.resolve(__dirname, '../../miniprogram');
let id: string | undefined;

type Comp = ReturnType<typeof simulate.render>;
type Events = jest.SpyInstance<void, [string, unknown]>;

const rendered: Comp[] = [];
afterEach(() => {
  // A composer left attached would ask the next test's fake server.
  for (const c of rendered.splice(0)) (c as unknown as { detach(): void }).detach();
});

function renderComposer(props: Record<string, unknown> = {}): { comp: Comp; events: Events } {
  id ??= simulate.load(path.join(root, 'components/composer/index'), { rootPath: root, compiler: 'simulate' });
  const comp = simulate.render(id, props);
  rendered.push(comp);
  const events = jest.spyOn(comp.instance as unknown as { triggerEvent(n: string, d: unknown): void }, 'triggerEvent');
  comp.attach(document.createElement('parent-wrapper'));
  return { comp, events };
}

/** Past the server preview's debounce. */
const pause = () => new Promise((r) => setTimeout(r, 350));
const text = (comp: Comp) => comp.dom!.textContent!;
const $ = (comp: Comp, sel: string) => comp.querySelector(sel)!;
const type = async (comp: Comp, value: string) => {
  $(comp, '.composer__input').dispatchEvent('input', { detail: { value } });
  await settle();
};
const tap = async (comp: Comp, sel: string) => {
  $(comp, sel).dispatchEvent('tap');
  await settle();
};
const tapWord = async (comp: Comp, word: string) => {
  const piece = comp.querySelectorAll('.piece').find((p) => p.dom!.textContent === word);
  if (!piece) throw new Error(`no piece ${word}`);
  piece.dispatchEvent('tap');
  await settle();
};
const sends = (events: Events) => events.mock.calls.filter(([n]) => n === 'send').map(([, d]) => d);

describe('composer', () => {
  it('starts empty: 发送 is off, nothing to preview, a tap sends nothing', async () => {
    fakeApi({});
    const { comp, events } = renderComposer();
    expect(text(comp)).toContain('发送');
    expect(text(comp)).not.toContain('将隐去');
    expect($(comp, '.privacy')).toBeUndefined();
    expect($(comp, '.composer__send').dom!.className).toContain('composer__send--off');
    await tap(comp, '.composer__send');
    expect(sends(events)).toEqual([]);
  });

  it('sets up the textarea for a fixed composer on iOS', () => {
    fakeApi({});
    const { comp } = renderComposer();
    expect(comp.instance.data).toMatchObject({ autoHeight: true });
    const wxml = require('node:fs').readFileSync(path.join(root, 'components/composer/index.wxml'), 'utf8') as string;
    for (const attr of ['fixed="{{true}}"', 'adjust-position="{{true}}"', 'cursor-spacing=', 'confirm-type="send"', 'auto-height='])
      expect(wxml).toContain(attr);
  });

  it('while typing with nothing to hide: no count, a quiet way to hide words by hand, and input events', async () => {
    fakeApi({ 'privacy.preview': ok({ redacted: '帮我写一封请假邮件', entities: [] }) });
    const { comp, events } = renderComposer();
    await type(comp, '帮我写一封请假邮件');
    expect(text(comp)).not.toContain('将隐去');
    expect(text(comp)).toContain('手动隐去文字');
    expect(events).toHaveBeenCalledWith('input', { value: '帮我写一封请假邮件' });
    expect($(comp, '.composer__send').dom!.className).not.toContain('composer__send--off');
  });

  it('collapses the preview to one line and expands it to chips 原文 → 类型', async () => {
    fakeApi({ 'privacy.preview': err('INTERNAL') });
    const { comp } = renderComposer();
    await type(comp, '我叫张伟，手机13812345678，住北京市海淀区中关村大街1号');
    expect(text(comp)).toContain('将隐去 3 处');
    expect($(comp, '.chips')).toBeUndefined();
    await tap(comp, '.privacy__bar');
    const chips = comp.querySelectorAll('.chip').map((c) => c.dom!.textContent);
    expect(chips).toEqual(['张伟→某人1', '13812345678→手机号1', '北京市海淀区中关村大街1号→地址1']);
    // The draft as it will be sent: placeholders in place of what is hidden.
    expect($(comp, '.draft').dom!.textContent).toBe('我叫某人1，手机手机号1，住地址1');
    expect(text(comp)).toContain('收起');
    await tap(comp, '.privacy__bar');
    expect($(comp, '.chips')).toBeUndefined();
  });

  it('hides a tapped word too, sends it as a private span, and shows it again on a second tap', async () => {
    const calls = fakeApi({ 'privacy.preview': err('INTERNAL') });
    const { comp, events } = renderComposer();
    await type(comp, '张伟说暗号是青龙');
    expect(text(comp)).toContain('将隐去 1 处');
    await tap(comp, '.privacy__bar');
    await tapWord(comp, '青');
    await tapWord(comp, '龙');
    expect(text(comp)).toContain('将隐去 2 处');
    expect(comp.querySelectorAll('.chip').map((c) => c.dom!.textContent)).toEqual(['张伟→某人1', '青龙→私密1']);
    // The server is asked with the words the user marked.
    await pause();
    expect(calls.filter((c) => c.action === 'privacy.preview').pop()!.payload).toEqual({ text: '张伟说暗号是青龙', private: ['青龙'] });
    await tap(comp, '.composer__send');
    expect(sends(events)).toEqual([{ text: '张伟说暗号是青龙', private: [{ start: 6, end: 8 }] }]);
    // A tap on 私密1 shows 青龙 again.
    await tapWord(comp, '私密1');
    expect(text(comp)).toContain('将隐去 1 处');
    await tap(comp, '.composer__send');
    expect(sends(events).pop()).toEqual({ text: '张伟说暗号是青龙', private: [] });
  });

  it('hides at most 20 words by hand, as chat.send accepts', async () => {
    fakeApi({ 'privacy.preview': err('INTERNAL') });
    const letters = 'abcdefghijklmnopqrstu';
    const { comp } = renderComposer({ value: letters.split('').join(' ') });
    await settle();
    await tap(comp, '.privacy__bar');
    for (const w of letters) await tapWord(comp, w);
    expect(text(comp)).toContain('将隐去 20 处');
    expect(wxm.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '最多手动隐去 20 处' }));
  });

  it('an automatically hidden item cannot be shown by a tap', async () => {
    fakeApi({ 'privacy.preview': err('INTERNAL') });
    const { comp } = renderComposer({ value: '我叫张伟' });
    await settle();
    await tap(comp, '.privacy__bar');
    await tapWord(comp, '某人1');
    expect(wxm.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '这项会自动隐去' }));
    expect(text(comp)).toContain('将隐去 1 处');
  });

  it('says when a number was left visible, and hides it on a tap', async () => {
    fakeApi({ 'privacy.preview': err('INTERNAL') });
    const { comp, events } = renderComposer();
    await type(comp, '我叫张伟，门禁密码是 482913');
    expect(text(comp)).toContain('有数字未隐去');
    await tap(comp, '.privacy__bar');
    expect(text(comp)).toContain('这串数字未隐去，点按可隐去');
    expect($(comp, '.piece--number').dom!.textContent).toBe('482913');
    await tapWord(comp, '482913');
    expect(text(comp)).not.toContain('这串数字未隐去');
    expect(text(comp)).toContain('将隐去 2 处');
    await tap(comp, '.composer__send');
    expect(sends(events)).toEqual([{ text: '我叫张伟，门禁密码是 482913', private: [{ start: 11, end: 17 }] }]);
  });

  it('shows a lone visible number even when nothing else is hidden', async () => {
    fakeApi({ 'privacy.preview': err('INTERNAL') });
    const { comp } = renderComposer({ value: '订单号 20261122123456 到了吗' });
    await settle();
    expect(text(comp)).toContain('有一串数字未隐去');
    expect(text(comp)).not.toContain('将隐去');
  });

  it('while an answer is written: 停止 sends stop, never send; the keyboard does not stop it', async () => {
    fakeApi({ 'privacy.preview': err('INTERNAL') });
    const { comp, events } = renderComposer({ sending: true, value: '下一个问题' });
    await settle();
    expect($(comp, '.composer__send').dom!.textContent).toBe('停止');
    await tap(comp, '.composer__send');
    expect(events).toHaveBeenCalledWith('stop', {});
    $(comp, '.composer__input').dispatchEvent('confirm', { detail: { value: '下一个问题' } });
    await settle();
    expect(events.mock.calls.filter(([n]) => n === 'stop')).toHaveLength(1);
    expect(sends(events)).toEqual([]);
    comp.setData({ sending: false });
    await settle();
    expect($(comp, '.composer__send').dom!.textContent).toBe('发送');
    $(comp, '.composer__input').dispatchEvent('confirm', { detail: { value: '下一个问题' } });
    await settle();
    expect(sends(events)).toEqual([{ text: '下一个问题', private: [] }]);
  });

  it('sends nothing while disabled', async () => {
    fakeApi({});
    const { comp, events } = renderComposer({ disabled: true, value: '你好' });
    await settle();
    expect($(comp, '.composer__send').dom!.className).toContain('composer__send--off');
    await tap(comp, '.composer__send');
    expect(sends(events)).toEqual([]);
  });

  it("numbers as the conversation does once the server answers, and asks with the conversation's id", async () => {
    const calls = fakeApi({
      'privacy.preview': ok({
        redacted: '我叫[PERSON_2]，[PERSON_1]是我同事',
        entities: [
          { type: 'PERSON', start: 2, end: 4, placeholder: '[PERSON_2]' },
          { type: 'PERSON', start: 5, end: 7, placeholder: '[PERSON_1]' },
        ],
      }),
    });
    const { comp } = renderComposer({ conversationId: 'conv-0001' });
    await type(comp, '我叫李娜，张伟是我同事');
    await tap(comp, '.privacy__bar');
    // At once, the app's own preview: numbered from 1.
    expect(comp.querySelectorAll('.chip').map((c) => c.dom!.textContent)).toEqual(['李娜→某人1', '张伟→某人2']);
    expect(calls.filter((c) => c.action === 'privacy.preview')).toHaveLength(0);
    await pause();
    await settle();
    expect(calls.filter((c) => c.action === 'privacy.preview').map((c) => c.payload)).toEqual([
      { text: '我叫李娜，张伟是我同事', conversationId: 'conv-0001' },
    ]);
    expect(comp.querySelectorAll('.chip').map((c) => c.dom!.textContent)).toEqual(['李娜→某人2', '张伟→某人1']);
    // The next keystroke keeps the server's numbers while the server is asked again.
    await type(comp, '我叫李娜，张伟是我同事吗');
    expect(comp.querySelectorAll('.chip').map((c) => c.dom!.textContent)).toEqual(['李娜→某人2', '张伟→某人1']);
  });

  it('keeps the local preview, and says nothing, when the server preview fails', async () => {
    fakeApi({ 'privacy.preview': { kind: 'network', message: 'offline' } });
    const { comp } = renderComposer({ conversationId: 'conv-0001' });
    await type(comp, '我叫张伟');
    await pause();
    await settle();
    expect(text(comp)).toContain('将隐去 1 处');
    expect(text(comp)).not.toMatch(/失败|错误|网络/);
  });

  it('drops a server answer for an older draft', async () => {
    let answer: (v: TransportOutcome) => void = () => undefined;
    fakeApi({ 'privacy.preview': () => new Promise((r) => (answer = r)) });
    const { comp } = renderComposer();
    await type(comp, '我叫张伟');
    await pause();
    await type(comp, '你好');
    answer(ok({ redacted: '我叫[PERSON_7]', entities: [{ type: 'PERSON', start: 2, end: 4, placeholder: '[PERSON_7]' }] }));
    await settle();
    expect(text(comp)).not.toContain('将隐去');
  });

  it('takes the draft from the page, and clears it (and the hidden words) when the page sets it to empty', async () => {
    fakeApi({ 'privacy.preview': err('INTERNAL') });
    const { comp } = renderComposer({ value: '我叫张伟，帮我查快递' });
    await settle();
    expect(comp.instance.data).toMatchObject({ draft: '我叫张伟，帮我查快递' });
    expect(text(comp)).toContain('将隐去 1 处');
    await tap(comp, '.privacy__bar');
    await tapWord(comp, '快');
    comp.setData({ value: '' });
    await settle();
    expect(comp.instance.data).toMatchObject({ draft: '', expanded: false });
    // Typed (draft not set while typing), then cleared by the page: the textarea is told.
    await type(comp, '新的问题');
    const drafts: string[] = [];
    const setData = comp.instance.setData.bind(comp.instance);
    jest.spyOn(comp.instance, 'setData').mockImplementation((...args: unknown[]) => {
      const d = args[0] as Record<string, unknown>;
      if ('draft' in d) drafts.push(String(d.draft));
      setData(d);
    });
    comp.setData({ value: '' });
    await settle();
    expect(drafts).toEqual(['新的问题', '']);
    expect(text(comp)).not.toContain('将隐去');
    await type(comp, '快递到了吗');
    expect(text(comp)).not.toContain('将隐去');
  });

  it('previews a long draft at the pause in typing, not at each keystroke', async () => {
    fakeApi({ 'privacy.preview': err('INTERNAL') });
    const { comp } = renderComposer();
    await type(comp, `我叫张伟。${'很长的背景。'.repeat(200)}`);
    expect(text(comp)).not.toContain('将隐去');
    await pause();
    expect(text(comp)).toContain('将隐去 1 处');
  });

  it('stops growing past five lines', async () => {
    fakeApi({});
    const { comp } = renderComposer();
    $(comp, '.composer__input').dispatchEvent('linechange', { detail: { lineCount: 6 } });
    await settle();
    expect(comp.instance.data).toMatchObject({ autoHeight: false });
    $(comp, '.composer__input').dispatchEvent('linechange', { detail: { lineCount: 2 } });
    await settle();
    expect(comp.instance.data).toMatchObject({ autoHeight: true });
  });
});
