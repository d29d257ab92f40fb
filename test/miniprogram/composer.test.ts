import * as path from 'node:path';
import { simulate } from './support/page';
import { err, fakeApi, settle } from './support/fake-api';

const root = path.resolve(__dirname, '../../miniprogram');
let id: string | undefined;

function renderComposer(props: Record<string, unknown> = {}) {
  id ??= simulate.load(path.join(root, 'components/composer/index'), { rootPath: root, compiler: 'simulate' });
  const comp = simulate.render(id, props);
  comp.attach(document.createElement('parent-wrapper'));
  return comp;
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('composer', () => {
  it('is empty with 发送 disabled and no preview', () => {
    fakeApi({});
    const comp = renderComposer();
    expect(comp.dom!.textContent).toContain('发送');
    expect(comp.dom!.textContent).not.toContain('将隐去');
    expect(comp.querySelector('.composer__send')!.dom!.className).toContain('composer__send--off');
  });

  it('counts what will be hidden and sends the text', async () => {
    fakeApi({ 'privacy.preview': err('INTERNAL') });
    const comp = renderComposer();
    const events = jest.spyOn(comp.instance as unknown as { triggerEvent(n: string, d: unknown): void }, 'triggerEvent');
    comp.querySelector('.composer__input')!.dispatchEvent('input', { detail: { value: '我叫张伟，手机13812345678' } });
    await settle();
    expect(comp.dom!.textContent).toContain('将隐去 2 处');
    comp.querySelector('.composer__send')!.dispatchEvent('tap');
    await settle();
    expect(events).toHaveBeenLastCalledWith('send', { text: '我叫张伟，手机13812345678', private: [] });
    await wait(350);
    expect(comp.dom!.textContent).toContain('将隐去 2 处');
  });
});
