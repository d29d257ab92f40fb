import { api } from '../../api/index';
import { formatRelative } from '../../utils/dates';

/** 隐私: consent status and withdrawal, export my data, delete my data (after confirming). */
Page({
  data: {
    state: 'loading' as 'loading' | 'ready' | 'error',
    errorText: '',
    accepted: false,
    crossBorder: false,
    sinceText: '',
    busy: '',
    notice: '',
  },

  onShow() {
    void this.load();
  },

  async load() {
    const res = await api()['consent.get']({});
    if (!res.ok) {
      this.setData({ state: 'error', errorText: res.message });
      return;
    }
    const d = res.data;
    this.setData({
      state: 'ready',
      accepted: d.accepted,
      crossBorder: d.crossBorder,
      sinceText: d.crossBorderAt
        ? `同意于 ${formatRelative(d.crossBorderAt)}`
        : d.withdrawnAt
          ? `撤回于 ${formatRelative(d.withdrawnAt)}`
          : '',
    });
  },

  onGrant() {
    wx.navigateTo({ url: '/pages/consent/index' });
  },

  onWithdraw() {
    wx.showModal({
      title: '撤回同意',
      content: '撤回后，对话将不再发往境外模型；钱包和订单不受影响。',
      confirmText: '撤回',
      success: async (r) => {
        if (!r.confirm) return;
        const res = await api()['consent.withdraw']({});
        this.setData({ notice: res.ok ? '已撤回' : res.message });
        await this.load();
      },
    });
  },

  async onExport() {
    this.setData({ busy: 'export', notice: '' });
    const res = await api()['privacy.export']({});
    this.setData({ busy: '' });
    if (!res.ok) {
      this.setData({ notice: res.message });
      return;
    }
    wx.setClipboardData({
      data: JSON.stringify(res.data, null, 2),
      success: () => this.setData({ notice: '你的数据（JSON）已复制到剪贴板' }),
    });
  },

  onDelete() {
    wx.showModal({
      title: '删除我的数据',
      content: '将永久删除全部对话和同意记录，无法恢复。余额、账单和订单依法保留。',
      confirmText: '删除',
      confirmColor: '#FA5151',
      success: async (r) => {
        if (!r.confirm) return;
        this.setData({ busy: 'delete' });
        const res = await api()['privacy.delete']({});
        this.setData({ busy: '', notice: res.ok ? `已删除 ${res.data.conversations} 个对话、${res.data.messages} 条消息` : res.message });
        await this.load();
      },
    });
  },

  onRetry() {
    this.setData({ state: 'loading' });
    void this.load();
  },
});
