/**
 * components/markdown rendered with miniprogram-simulate: every construct on screen, raw HTML as text,
 * the streaming cursor, copy code (复制) and copy link (tap; never opened), and the cost of a render.
 */
import * as path from 'node:path';
import simulate = require('miniprogram-simulate');
import { wxm } from './support/wx';

const root = path.resolve(__dirname, '../../miniprogram');
const id = simulate.load(path.join(root, 'components/markdown/index'), { rootPath: root, compiler: 'simulate' });

type Comp = ReturnType<typeof simulate.render>;
const flush = () => new Promise((r) => setTimeout(r, 0));

function mount(props: { text?: string; streaming?: boolean }): Comp {
  const comp = simulate.render(id, props);
  comp.attach(document.createElement('parent-wrapper'));
  return comp;
}
type Found = ReturnType<Comp['querySelectorAll']>[number] & { dom: HTMLElement };
const all = (comp: Comp, selector: string) => comp.querySelectorAll(selector) as Found[];
const textOf = (comp: Comp) => (comp.dom as HTMLElement).textContent ?? '';

const RICH = [
  '# 标题',
  '',
  '正文 **粗** *斜* ~~删~~ `行内码` [官网](https://a.cn/x) 13812345678',
  '',
  '1. 一',
  '2. 二',
  '   - 甲',
  '',
  '> 引用',
  '',
  '| 名 | 价 |',
  '| -- | --: |',
  '| 故宫 | 60 |',
  '',
  '```python',
  'print("hi")',
  '```',
  '',
  '---',
  '',
  '<script>alert(1)</script> <img src=x onerror=alert(1)> [坏](javascript:alert(1))',
].join('\n');

beforeEach(() => {
  wxm.setClipboardData.mockClear();
  wxm.showToast.mockClear();
});

describe('markdown component', () => {
  it('renders every construct', async () => {
    const comp = mount({ text: RICH });
    await flush();
    expect(all(comp, '.md-h1')).toHaveLength(1);
    expect(all(comp, '.b')[0]!.dom.textContent).toBe('粗');
    expect(all(comp, '.i')[0]!.dom.textContent).toBe('斜');
    expect(all(comp, '.del')[0]!.dom.textContent).toBe('删');
    expect(all(comp, '.code')[0]!.dom.textContent).toBe('行内码');
    expect(all(comp, '.a').map((a) => a.dom.textContent)).toEqual(['官网']);
    expect(all(comp, '.md-g--l').map((g) => g.dom.textContent)).toEqual(['1.', '2.', '', '•']);
    expect(all(comp, '.md-g--q')).toHaveLength(1);
    expect(all(comp, '.md-th').map((c) => c.dom.textContent?.trim())).toEqual(['名', '价']);
    expect(all(comp, '.md-td.md-al-right').map((c) => c.dom.textContent?.trim())).toEqual(['价', '60']);
    expect(all(comp, '.md-code__lang')[0]!.dom.textContent).toBe('python');
    expect(all(comp, '.md-code__text')[0]!.dom.textContent).toBe('print("hi")');
    expect(all(comp, '.md-code__copy')[0]!.dom.textContent).toBe('复制');
    expect(all(comp, '.md-hr')).toHaveLength(1);
    expect(all(comp, '.md-cursor')).toHaveLength(0);
  });

  it('shows raw HTML from the model as text and creates no element from it', async () => {
    const comp = mount({ text: RICH });
    await flush();
    const dom = comp.dom as HTMLElement;
    expect(textOf(comp)).toContain('<script>alert(1)</script>');
    expect(textOf(comp)).toContain('<img src=x onerror=alert(1)>');
    expect(dom.querySelector('script, img, a, iframe, [onerror]')).toBeNull();
    expect(dom.querySelector('wx-rich-text, rich-text')).toBeNull();
    // The javascript: link is its text, not a link.
    expect(all(comp, '.a').some((a) => a.dom.textContent === '坏')).toBe(false);
  });

  it('tapping a link copies its URL and says so; nothing is opened', async () => {
    const comp = mount({ text: '见 [官网](https://a.cn/x?y=1)。' });
    await flush();
    all(comp, '.a')[0]!.dispatchEvent('tap');
    await flush();
    expect(wxm.setClipboardData).toHaveBeenCalledWith(expect.objectContaining({ data: 'https://a.cn/x?y=1' }));
    expect(wxm.showToast).toHaveBeenCalledWith({ title: '链接已复制', icon: 'none' });
    expect(wxm.navigateTo).not.toHaveBeenCalled();
    // Plain text is not a link.
    all(comp, '.md-r')[0]!.dispatchEvent('tap');
    expect(wxm.setClipboardData).toHaveBeenCalledTimes(1);
  });

  it('复制 copies the code block as written', async () => {
    const code = 'def f(x):\n\treturn x * 2  # 两倍\n';
    const comp = mount({ text: `前\n\n\`\`\`py\n${code}\`\`\`\n\n\`\`\`\nsecond\n\`\`\`` });
    await flush();
    all(comp, '.md-code__copy')[1]!.dispatchEvent('tap');
    await flush();
    expect(wxm.setClipboardData).toHaveBeenLastCalledWith(expect.objectContaining({ data: 'second' }));
    all(comp, '.md-code__copy')[0]!.dispatchEvent('tap');
    await flush();
    expect(wxm.setClipboardData).toHaveBeenLastCalledWith(expect.objectContaining({ data: 'def f(x):\n    return x * 2  # 两倍' }));
    expect(wxm.showToast).toHaveBeenLastCalledWith({ title: '代码已复制', icon: 'none' });
  });

  it('a failed copy says so', async () => {
    wxm.setClipboardData.mockImplementationOnce((o: unknown) => (o as { fail?: () => void }).fail?.());
    const comp = mount({ text: '```\nx\n```' });
    await flush();
    all(comp, '.md-code__copy')[0]!.dispatchEvent('tap');
    await flush();
    expect(wxm.showToast).toHaveBeenCalledWith({ title: '复制失败', icon: 'none' });
  });

  it('while streaming: a cursor at the end, half-written Markdown drawn calmly, the cursor gone when done', async () => {
    const comp = mount({ text: '', streaming: true });
    await flush();
    expect(all(comp, '.md-cursor')).toHaveLength(1);
    const steps = [
      '好的，**重',
      '好的，**重点**\n\n```js\nconst a',
      '好的，**重点**\n\n```js\nconst a = 1;\n``',
      '好的，**重点**\n\n| a | b |\n| -',
    ];
    for (const text of steps) {
      comp.setData({ text });
      await flush();
      expect(all(comp, '.md-cursor')).toHaveLength(1);
      expect(textOf(comp)).not.toContain('**');
      expect(textOf(comp)).not.toContain('``');
      expect(textOf(comp)).not.toContain('| a');
    }
    comp.setData({ text: '好的，**重点**\n\n| a | b |\n| - | - |\n| 1 | 2 |\n', streaming: false });
    await flush();
    expect(all(comp, '.md-cursor')).toHaveLength(0);
    expect(all(comp, '.md-th')).toHaveLength(2);
  });

  it('a streamed update re-renders only the rows that changed', async () => {
    const comp = mount({ text: '# 标题\n\n第一段。\n\n第二段', streaming: true });
    await flush();
    const heading = all(comp, '.md-h')[0]!.dom;
    const setData = jest.spyOn(comp.instance, 'setData');
    comp.setData({ text: '# 标题\n\n第一段。\n\n第二段继续' });
    await flush();
    const patches = setData.mock.calls.map((c) => Object.keys(c[0] as object)).filter((k) => k.some((x) => x.startsWith('rows')));
    expect(patches).toEqual([['rows[2]']]);
    expect(all(comp, '.md-h')[0]!.dom).toBe(heading);
  });

  it('renders a 4,000-character answer, and 40 streamed updates of it', async () => {
    let text = '';
    while (text.length < 4000) text += RICH + '\n\n';
    text = text.slice(0, 4000);
    let started = performance.now();
    const comp = mount({ text });
    await flush();
    const whole = performance.now() - started;
    expect(all(comp, '.md-code').length).toBeGreaterThan(3);
    const streamed = mount({ text: '', streaming: true });
    started = performance.now();
    for (let at = 100; at < text.length + 100; at += 100) streamed.setData({ text: text.slice(0, at) });
    await flush();
    const updates = performance.now() - started;
    console.info(
      `markdown component (miniprogram-simulate, jsdom): 4,000 chars rendered in ${whole.toFixed(0)} ms; 40 streamed updates ${updates.toFixed(0)} ms (${(updates / 40).toFixed(0)} ms each; j-component re-renders its whole tree on each setData)`,
    );
    expect(textOf(streamed)).toBe(textOf(comp));
  }, 60_000);
});
