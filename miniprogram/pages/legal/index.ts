import { LEGAL_UPDATED, LEGAL_VERSION, legalDoc, type LegalBlock, type LegalSection } from './texts';

type KeyedSection = { heading: string; blocks: Array<LegalBlock & { key: number }> };

/** Each block gets its index as its wx:key. */
const keyed = (sections: LegalSection[]): KeyedSection[] =>
  sections.map((s) => ({ heading: s.heading, blocks: s.blocks.map((b, key) => ({ ...b, key })) }));

/** 隐私政策 / 用户协议, full text: `pages/legal/index?doc=privacy|terms` (texts in texts.ts). */
Page({
  data: {
    state: 'ready' as 'ready' | 'error',
    title: '',
    summary: '',
    version: LEGAL_VERSION,
    updated: LEGAL_UPDATED,
    sections: [] as KeyedSection[],
    other: '' as '' | 'privacy' | 'terms',
    otherTitle: '',
  },

  onLoad(query: Record<string, string | undefined>) {
    const doc = legalDoc(query.doc);
    if (!doc) {
      this.setData({ state: 'error' });
      return;
    }
    const other = doc.id === 'privacy' ? 'terms' : 'privacy';
    this.setData({ title: doc.title, summary: doc.summary, sections: keyed(doc.sections), other, otherTitle: legalDoc(other)!.title });
    wx.setNavigationBarTitle({ title: doc.title });
  },

  onOther() {
    wx.redirectTo({ url: `/pages/legal/index?doc=${this.data.other}` });
  },

  onBack() {
    wx.navigateBack({ fail: () => wx.switchTab({ url: '/pages/me/index' }) });
  },
});
