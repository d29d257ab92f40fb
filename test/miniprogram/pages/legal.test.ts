import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderPage } from '../support/page';
import { settle } from '../support/fake-api';
import { wxm } from '../support/wx';
import { LEGAL_DOCS, LEGAL_VERSION, legalDoc, RETENTION_DAYS, type LegalDoc } from '../../../miniprogram/pages/legal/texts';
import { CONSENT_VERSION } from '../../../shared/contracts/chat';
import { loadConfig } from '../../../shared/platform/config';
import { providersFromEnv } from '../../../shared/llm/config';
import { defaultModels } from '../../../shared/llm/model-entry';

const wxExtra = wx as unknown as { setNavigationBarTitle: jest.Mock; navigateBack: jest.Mock };
wxExtra.setNavigationBarTitle = jest.fn();
wxExtra.navigateBack = jest.fn();

const fullText = (doc: LegalDoc) =>
  [doc.title, doc.summary, ...doc.sections.flatMap((s) => [s.heading, ...s.blocks.flatMap((b) => ('p' in b ? [b.p] : b.list))])].join('\n');

afterEach(() => jest.clearAllMocks());

describe('legal texts', () => {
  it('carry the consent version, and the retention the functions use by default', () => {
    expect(LEGAL_VERSION).toBe(CONSENT_VERSION);
    expect(RETENTION_DAYS).toBe(loadConfig({}).retentionDays);
    expect(fullText(LEGAL_DOCS.privacy)).toContain(`${RETENTION_DAYS} 天后`);
  });

  it('name what is collected, where it is stored and what leaves the country', () => {
    const text = fullText(LEGAL_DOCS.privacy);
    for (const fact of [
      'openid',
      '占位符对照表',
      '微信支付交易单号',
      '中国境内',
      '云开发（CloudBase）',
      '只保存在你手机上',
      'HMAC-SHA256',
      '不发送',
    ])
      expect(text).toContain(fact);
    // The providers the functions can be configured with (shared/llm/config.ts), by company.
    const providers = providersFromEnv({ LLM_API_KEY: 'k', ANTHROPIC_API_KEY: 'k' }, (() => undefined) as never);
    expect([...providers.keys()].sort()).toEqual(['anthropic', 'default']);
    expect(text).toContain('OpenAI, L.L.C.');
    expect(text).toContain('Anthropic PBC');
    // Every default model is overseas: the policy says only the cross-border consent opens them.
    expect(defaultModels({ ANTHROPIC_API_KEY: 'k' }).every((m) => m.crossBorder)).toBe(true);
  });

  it('state the rights with the entries that exist, minors and contact', () => {
    const text = fullText(LEGAL_DOCS.privacy);
    for (const fact of ['导出我的数据', '删除我的数据', '撤回同意', '14 周岁', '联系客服']) expect(text).toContain(fact);
  });

  it('the terms cover the prepaid balance, refunds and AI-generated content', () => {
    const text = fullText(LEGAL_DOCS.terms);
    for (const fact of ['不能提现', '冻结', '回答失败不扣费', '赠送金额', '内容由AI生成', '14 周岁', '中华人民共和国法律'])
      expect(text).toContain(fact);
  });

  it('looks documents up by id only', () => {
    expect(legalDoc('privacy')!.title).toBe('隐私政策');
    expect(legalDoc('terms')!.title).toBe('用户协议');
    expect(legalDoc('x')).toBeNull();
    expect(legalDoc(undefined)).toBeNull();
  });
});

describe('legal page', () => {
  it('renders the privacy policy with every heading, its version and date', async () => {
    const { root } = renderPage('pages/legal/index', { doc: 'privacy' });
    await settle();
    const text = root.dom!.textContent!;
    for (const s of LEGAL_DOCS.privacy.sections) expect(text).toContain(s.heading);
    expect(text).toContain(`版本 ${LEGAL_VERSION}`);
    expect(root.querySelectorAll('.doc__item').length).toBeGreaterThan(10);
    expect(wxExtra.setNavigationBarTitle).toHaveBeenCalledWith({ title: '隐私政策' });
    root.querySelector('.doc__other')!.dispatchEvent('tap');
    await settle();
    expect(wxm.redirectTo).toHaveBeenCalledWith({ url: '/pages/legal/index?doc=terms' });
  });

  it('renders the terms', async () => {
    const { root } = renderPage('pages/legal/index', { doc: 'terms' });
    await settle();
    for (const s of LEGAL_DOCS.terms.sections) expect(root.dom!.textContent).toContain(s.heading);
    expect(wxExtra.setNavigationBarTitle).toHaveBeenCalledWith({ title: '用户协议' });
    expect(root.dom!.textContent).toContain('阅读《隐私政策》');
  });

  it('an unknown document is an error with a way back', async () => {
    const { root } = renderPage('pages/legal/index', { doc: 'nope' });
    await settle();
    expect(root.dom!.textContent).toContain('找不到这份文件');
    root.querySelector('.state__action')!.dispatchEvent('tap');
    await settle();
    expect(wxExtra.navigateBack).toHaveBeenCalled();
  });

  it('wraps long lines without splitting words', () => {
    const wxss = fs.readFileSync(path.resolve(__dirname, '../../../miniprogram/pages/legal/index.wxss'), 'utf8');
    expect(wxss).not.toContain('break-all');
    expect(wxss).toContain('overflow-wrap: break-word');
  });
});
