import { scan } from '../scan';
import type { Span } from '../types';

/** Mobile numbers: optional +86 / 0086 / 86, then 1[3-9]x xxxx xxxx with optional spaces or dashes. */
const MOBILE = /(?:(?:\+|00)?86[ -]?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}/g;
/** Landlines: an area code (010, 02x, 0xxx; in brackets or not), 7–8 digits, optional extension. */
const LANDLINE = /(?:\(0\d{2,3}\)|（0\d{2,3}）|0\d{2,3})[ -]?\d{7,8}(?:\s?(?:转|分机|ext\.?|-)\s?\d{1,6})?/g;

export function detectPhones(text: string): Span[] {
  const landlines = scan('PHONE', LANDLINE, text, {
    accept: (v, start) => {
      const m = /^(?:[(（](0\d{2,3})[)）]|(0\d{2,3}))([ -]?)(\d{7,8})/.exec(v);
      if (!m) return false;
      const area = m[1] ?? m[2]!;
      const local = m[4]!;
      // 3-digit area codes (010, 02x) go with 8-digit numbers; 4-digit ones (03xx–09xx) with 7 or 8.
      const shapeOk =
        area.length === 3
          ? /^0(?:10|2\d)$/.test(area) && local.length === 8
          : /^0[3-9]/.test(area) && (local.length === 7 || local.length === 8);
      if (!shapeOk) return false;
      // Without brackets or a separator it is just a long number unless a phone cue comes before it.
      const marked = m[1] !== undefined || m[3] !== '';
      return (
        marked || /(?:电话|座机|手机|联系|致电|拨打|tel|Tel|TEL|热线|号码)[^，。,.]{0,6}$/.test(text.slice(Math.max(0, start - 12), start))
      );
    },
  });
  return [...scan('PHONE', MOBILE, text), ...landlines];
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}/g;

export function detectEmails(text: string): Span[] {
  return scan('EMAIL', EMAIL, text, { boundaries: false });
}

/** WeChat ids and QQ numbers are only taken when introduced by their cue words. */
const WECHAT = /(?:微信号|微信|weixin|wechat|vx|wx|威信|薇信)(?:号|id|ID)?\s*(?:是|为|:|：)?\s*([A-Za-z][-_A-Za-z0-9]{5,19}|1[3-9]\d{9})/gi;
const QQ = /(?:QQ|qq|扣扣|企鹅)(?:号码|号)?\s*(?:是|为|:|：|\s)?\s*([1-9]\d{4,10})/g;

export function detectSocialIds(text: string): Span[] {
  return [...scan('WECHAT_ID', WECHAT, text, { group: 1 }), ...scan('QQ', QQ, text, { group: 1 })];
}

const IPV4 = /(?:\d{1,3}\.){3}\d{1,3}/g;
const IPV6 = /(?:[0-9A-Fa-f]{1,4}|:)(?::[0-9A-Fa-f]{0,4}){2,7}/g;

function ipv6Ok(v: string): boolean {
  if (!v.includes('::') && v.split(':').length !== 8) return false;
  if ((v.match(/::/g) ?? []).length > 1) return false;
  const groups = v.split(':').filter(Boolean);
  // Times like 12:30:45 are not addresses: require a hex letter or a "::".
  return (
    groups.length >= 2 &&
    groups.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g)) &&
    (v.includes('::') || /[A-Fa-f]/.test(v)) &&
    !/^\d{1,2}:\d{2}(?::\d{2})?$/.test(v)
  );
}

/** Addresses that identify nobody: loopback, unspecified, netmasks, well-known public resolvers. */
const NOT_PERSONAL_V4 = /^(?:127\.|0\.0\.0\.0$|255\.|8\.8\.8\.8$|8\.8\.4\.4$|1\.1\.1\.1$|114\.114\.114\.114$|223\.5\.5\.5$|223\.6\.6\.6$)/;

export function detectIps(text: string): Span[] {
  const v4 = scan('IP', IPV4, text, {
    accept: (v, start, end) =>
      v.split('.').every((o) => Number(o) <= 255 && !(o.length > 1 && o.startsWith('0'))) &&
      text[start - 1] !== '.' &&
      text[end] !== '.' &&
      !NOT_PERSONAL_V4.test(v),
  });
  const v6 = scan('IP', IPV6, text, { accept: (v) => ipv6Ok(v) && v.length >= 3 });
  return [...v4, ...v6];
}
