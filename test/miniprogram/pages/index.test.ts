import { renderPage } from '../support/page';

describe('home page', () => {
  it('renders the product promise in Chinese', () => {
    const { root } = renderPage('pages/index/index');
    const text = root.dom!.textContent ?? '';
    expect(text).toContain('桥');
    expect(text).toContain('个人信息不出境');
    expect(root.querySelectorAll('.list__item')).toHaveLength(3);
  });
});
