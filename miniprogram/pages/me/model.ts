import { formatRelative } from '../../utils/dates';

/**
 * 我的: the local profile, the consent row, the version. There is no profile on the server: the
 * nickname and avatar the user picks stay on the phone (wx.setStorageSync; the avatar file saved with
 * the file system manager), and are never sent anywhere.
 */
export interface LocalProfile {
  nickname: string;
  /** A saved file path (wxfile://…) or, if saving failed, WeChat's temporary path. */
  avatar: string;
}

export const PROFILE_KEY = 'qiao.profile';
export const NICKNAME_MAX = 20;

export function readProfile(): LocalProfile {
  try {
    const raw = wx.getStorageSync(PROFILE_KEY) as Partial<LocalProfile> | '';
    if (raw && typeof raw === 'object') {
      return { nickname: typeof raw.nickname === 'string' ? raw.nickname : '', avatar: typeof raw.avatar === 'string' ? raw.avatar : '' };
    }
  } catch {
    // Storage unreadable: start with an empty profile.
  }
  return { nickname: '', avatar: '' };
}

export function writeProfile(profile: LocalProfile): void {
  wx.setStorageSync(PROFILE_KEY, profile);
}

/** What `<input type="nickname">` gave, trimmed and cut to the length shown. */
export function cleanNickname(raw: unknown): string {
  return Array.from(String(raw ?? '').trim())
    .slice(0, NICKNAME_MAX)
    .join('');
}

/** The letter in the avatar circle before a picture is chosen. */
export function avatarInitial(nickname: string): string {
  return Array.from(nickname.trim())[0] ?? '桥';
}

export interface ConsentStatusView {
  currentVersion: string;
  accepted: boolean;
  crossBorder: boolean;
  acceptedAt?: string;
  crossBorderAt?: string;
  withdrawnAt?: string;
}

export interface ConsentRow {
  value: string;
  sub: string;
  /** Tapping the row: withdraw (after a confirmation) or open the consent page. */
  action: 'withdraw' | 'grant';
}

export function consentRow(c: ConsentStatusView): ConsentRow {
  if (c.accepted && c.crossBorder) return { value: '已同意', sub: '含个人信息出境，轻触可撤回', action: 'withdraw' };
  if (c.accepted) return { value: '仅隐私政策', sub: '未同意出境，海外模型不可用', action: 'grant' };
  if (c.withdrawnAt) return { value: '已撤回', sub: `撤回于 ${formatRelative(c.withdrawnAt)}`, action: 'grant' };
  return { value: '未同意', sub: '开始对话前需要你的同意', action: 'grant' };
}

export const WITHDRAW_CONFIRM = {
  title: '撤回同意',
  content: '撤回后不再向境外发送你的对话，也不能开始新的对话，直到你重新同意。钱包和订单不受影响。',
  confirmText: '撤回',
};

/** package.json's version: shown where WeChat does not know one (the developer and trial versions). */
export const APP_VERSION = '0.1.0';

const ENV_LABELS: Record<string, string> = { develop: '开发版', trial: '体验版' };

export function appVersion(): string {
  try {
    const mp = wx.getAccountInfoSync().miniProgram;
    const label = ENV_LABELS[mp.envVersion] ?? '';
    const version = mp.version || APP_VERSION;
    return label ? `${version}（${label}）` : version;
  } catch {
    return APP_VERSION;
  }
}

/** Sharing from 我的 shares the app, never anything of the user's. */
export const SHARE_APP = { title: '桥 · AI 问答', path: '/pages/chat/index' };
