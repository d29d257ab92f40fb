import { CueSet, cueBefore, labelBefore, wordAt } from '../context';
import type { DigitRun } from '../digits';
import { scan } from '../scan';
import type { TextIndex } from '../text-index';
import type { Span } from '../types';

/**
 * Every detector here reads the folded text (fold.ts: full-width forms and Chinese digits as ASCII) and
 * cuts its spans from the original, so `１３８…`, `幺三八…` and `138 1234 5678` are one shape.
 */

// ---------------------------------------------------------------------------------------- phones

const MOBILE = /^1[3-9]\d{9}$/;
/** 400/800 numbers are companies' hotlines: public, not personal. */
const HOTLINE = /^[48]00\d{7}$/;
const AREA3 = /^0(?:10|2\d)$/;
const AREA4 = /^0[3-9]\d\d$/;

/** Words that label a number as a phone: needed when the shape alone could be any number. */
const PHONE_CUES = new CueSet([
  '电话',
  '手机',
  '手机号',
  '座机',
  '固话',
  '联系方式',
  '致电',
  '拨打',
  '打',
  '热线',
  '号码',
  '传真',
  '来电',
  'tel',
  'Tel',
  'TEL',
  'phone',
  'Phone',
  'PHONE',
  'mobile',
  'Mobile',
  'mob',
  'Mob',
  'fax',
  'Fax',
]);

/** Labels of numbers that are not anyone's phone (shared with the backstop). */
export const CODE_CUES = new CueSet([
  '订单',
  '订单号',
  '订单编号',
  '单号',
  '快递单号',
  '运单',
  '运单号',
  '物流',
  '物流单号',
  '发票',
  '发票号',
  '发票号码',
  '发票代码',
  '保单',
  '保单号',
  '票号',
  '航班',
  '航班号',
  '车次',
  '邮编',
  '邮政编码',
  '股票代码',
  '证券代码',
  '型号',
  '货号',
  '款号',
  '批号',
  '批次',
  '序列号',
  '流水号',
  '交易号',
  '交易单号',
  '商户号',
  '工单',
  '工单号',
  '合同号',
  '合同编号',
  '案号',
  '专利号',
  '会议号',
  '会议ID',
  '房间号',
  '取件码',
  '验证码',
  '条码',
  '条形码',
  '版本',
  '版本号',
  'SKU',
  'sku',
  'ISBN',
  'ISSN',
  'isbn',
  'issn',
  '错误码',
  '错误代码',
  '状态码',
  '返回码',
  '校验值',
  '校验码',
  '哈希',
  'hash',
  'Hash',
  'MD5',
  'md5',
  '时间戳',
  'timestamp',
  'Timestamp',
  '商品编号',
  '商品ID',
  '商品',
  '车架号',
  '发动机号',
  'IMEI',
  'imei',
  'SN',
  'S/N',
  'version',
  'Version',
  // Couriers: what follows is a tracking number.
  '顺丰',
  '中通',
  '圆通',
  '韵达',
  '申通',
  '邮政',
  'EMS',
  '极兔',
  '德邦',
  '京东快递',
]);

/** Letters that may be glued to a phone number: `Tel13812345678`, `M13812345678`. */
const PHONE_PREFIXES = new Set(['tel', 'mob', 'mobile', 'phone', 'ph', 'cell', 'fax', 'm', 't', 'p', 'h', 'o', 'w', 'v', 'vx', 'wx']);

/** A Chinese landline with its leading 0: 010 / 02x + 8 digits, 0xxx + 7 or 8; local numbers start with 2–9. */
function cnLandline(d: string): boolean {
  if (/^0(?:10|2\d)[2-9]/.test(d)) return d.length === 11;
  if (/^0[3-9]\d\d[2-9]/.test(d)) return d.length === 11 || d.length === 12;
  return false;
}

/** Whether a phone label stands before a run: looked up once, and only for the shapes that need one. */
interface Cue {
  folded: string;
  at: number;
  /** Undefined until asked. */
  found?: boolean;
}

function phoneCued(cue: Cue | null): boolean {
  if (!cue) return false;
  cue.found ??= labelBefore(cue.folded, cue.at, PHONE_CUES) !== undefined;
  return cue.found;
}

/**
 * Do groups i..j of a run make one phone number? `plus`: written after a +; `cue`: null for groups in
 * the middle of a run (no label can be theirs); `bracketedCc`: the run opens with a bracketed code, (852).
 */
function isPhone(parts: string[], gaps: string[], i: number, j: number, plus: boolean, cue: Cue | null, bracketedCc = false): boolean {
  // Shapes that need a label must also be the whole run (852-9123 4567 is not the phone 852-9123).
  const whole = cue !== null && j === parts.length - 1;
  let d = '';
  let min = 99;
  let minRest = 99;
  let four = false;
  for (let k = i; k <= j; k++) {
    const len = parts[k]!.length;
    d += parts[k]!;
    if (len < min) min = len;
    if (k > i && len < minRest) minRest = len;
    if (len >= 4) four = true;
  }
  if (d.length < 7 || d.length > 17) return false;
  const m = j - i + 1;
  const first = parts[i]!;
  // (852) 9123 4567: a bracketed country code of Greater China counts as one written with a +.
  if (!plus && i === 0 && m > 1 && bracketedCc && /^(?:86|852|853|886)$/.test(first)) plus = true;
  // Digit by digit (1 3 8 …), possibly after a separate country code (+86 1 3 8 …).
  const singles = (m >= 7 && d.length === m) || (m >= 8 && d.length - first.length === m - 1);
  // Dots: 138.1234.5678, but never an IP address or a version (four groups, none longer than three digits).
  // (After a country code, only the national part counts: +86 138.1234.5678, 0086-138.1234.5678.)
  const cc = m > 1 && (plus || first === '86' || /^00[1-9]\d{1,2}$/.test(first)) ? 1 : 0;
  let dots = 0;
  let others = 0;
  for (let k = i + cc; k < j; k++) {
    if (gaps[k] === '.') dots++;
    else if (gaps[k]!.includes('.')) return false;
    else others++;
  }
  if (dots > 0 && (m - cc > 3 || others > 0 || !four)) return false;
  if (plus || (/^00[1-9]/.test(d) && (m === 1 || (first.length >= 4 && first.length <= 5)))) {
    // International: a country code and the national number, 8–15 digits in all (E.164).
    const n = plus ? d : d.slice(2);
    if (n.length < 8 || n.length > 15 || n.startsWith('0') || (!singles && m > 7)) return false;
    if (!n.startsWith('86')) return true;
    const national = n.slice(2);
    return MOBILE.test(national) || cnLandline(`0${national}`) || cnLandline(national);
  }
  if (HOTLINE.test(d)) return false;
  if (/^861[3-9]\d{9}$/.test(d)) return m === 1 || singles || (first === '86' && min >= 2);
  if (MOBILE.test(d)) return m === 1 || singles || (m <= 4 && min >= 2);
  if (d.startsWith('0')) {
    if (singles) return cnLandline(d);
    if (m === 1) return whole && cnLandline(d) && phoneCued(cue);
    const local = d.slice(first.length);
    const shapeOk = AREA3.test(first) ? local.length === 8 : AREA4.test(first) && (local.length === 7 || local.length === 8);
    return shapeOk && /^[2-9]/.test(local) && m <= 4 && minRest >= 3;
  }
  // A local number without its area code: only after a phone label.
  return whole && (d.length === 7 || d.length === 8) && /^[2-9]/.test(d) && m <= 2 && phoneCued(cue);
}

const EXTENSION = /^ ?(?:转|分机号?|ext\.?|Ext\.?|EXT\.?|x|X|#) ?:? ?\d{1,6}/;

function chunkOf(parts: string[], gaps: string[], i: number): boolean {
  return parts[i - 1]!.length < 5 && parts[i - 1]!.length === parts[i]!.length && gaps[i - 1] === (gaps[i] ?? gaps[i - 1]);
}

/** Letters glued in front: only a phone label (Tel, M, vx…) may be; anything else makes a code (SF…, ID…). */
function gluedToCode(folded: string, start: number): boolean {
  if (!wordAt(folded, start - 1)) return false;
  const word = /[A-Za-z]{1,6}$/.exec(folded.slice(Math.max(0, start - 6), start));
  return !word || !PHONE_PREFIXES.has(word[0].toLowerCase()) || wordAt(folded, start - word[0].length - 1);
}

function phonesInRun(run: DigitRun, folded: string, source: string, spans: Span[]): void {
  if (run.digits < 7) return;
  const n = run.groups.length;
  const parts: string[] = [];
  for (const [s, e] of run.groups) parts.push(folded.slice(s, e));
  const cue: Cue = { folded, at: run.start };
  const bracketed = folded[run.start] === '(' && run.gaps[0] !== undefined && run.gaps[0].startsWith(')');
  let after = -1;
  for (let i = 0; i < n; i++) {
    // A number starts a run, or follows another one after a space — not a chunk in the middle of one
    // longer number, written in equal chunks with equal separators (6222 0812 3456 7890 …, 1 3 9 …).
    if (i > 0 && (!/ |\(/.test(run.gaps[i - 1]!) || (after !== i - 1 && chunkOf(parts, run.gaps, i)))) continue;
    let digits = 0;
    let best = -1;
    for (let j = i; j < n && digits <= 16; j++) {
      digits += parts[j]!.length;
      if (!isPhone(parts, run.gaps, i, j, i === 0 && run.plus, i === 0 ? cue : null, bracketed)) continue;
      const next = run.gaps[j];
      // Followed by "-" or "." and more digits, the number goes on — unless that is a short extension.
      if (next === undefined || ((next.includes(' ') || next.startsWith(')')) && !(parts[j]!.length === 1 && parts[j + 1]!.length === 1)))
        best = j;
      else if (next === '-' && parts[j + 1]!.length <= 5 && (j + 2 >= n || run.gaps[j + 1]!.includes(' '))) best = j + 1;
    }
    if (best < 0) continue;
    if (i === 0 && (gluedToCode(folded, run.start) || labelBefore(folded, run.start, CODE_CUES) !== undefined)) continue;
    let start = i === 0 ? run.start : folded[run.groups[i]![0] - 1] === '(' ? run.groups[i]![0] - 1 : run.groups[i]![0];
    let end = run.groups[best]![1];
    // A bracket opened before the number and closed after it stays outside: (13912345678).
    if (folded[start] === '(' && !folded.slice(start, end).includes(')')) start++;
    if (best === n - 1) {
      const ext = EXTENSION.exec(folded.slice(end, end + 16));
      if (ext) end += ext[0].length;
    }
    if (wordAt(folded, end) || folded[end] === '@') continue;
    spans.push({ type: 'PHONE', start, end, text: source.slice(start, end) });
    after = best;
    i = best;
  }
}

/**
 * Phones: Chinese mobiles and landlines in any grouping (spaces, hyphens, dots, digit by digit,
 * brackets around the area code), with +86 / 0086 / (+86), extensions (转, 分机, ext., -), and any
 * number written with a + country code. Not: 400/800 hotlines, short service numbers, masked
 * fragments, numbers labelled as orders, tracking numbers and other codes.
 */
export function detectPhones(index: TextIndex): Span[] {
  const spans: Span[] = [];
  for (const run of index.digitRuns()) phonesInRun(run, index.folded, index.text, spans);
  return spans;
}

// ---------------------------------------------------------------------------------------- e-mail

/**
 * `[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}`, found from each @ instead of
 * tried at every position: the local part cannot hold an @, so a match is the run of local characters
 * just before an @ (not reaching back into the previous match) and the domain matched from that @.
 * Same spans as the global regex, without its quadratic retries on every word of code.
 */
const EMAIL_DOMAIN = /@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}/y;

function isLocalChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45;
}

export function detectEmails(index: TextIndex): Span[] {
  const { text, folded } = index;
  const spans: Span[] = [];
  let from = 0;
  for (let at = folded.indexOf('@'); at >= 0; at = folded.indexOf('@', at + 1)) {
    let start = at;
    while (start > from && isLocalChar(folded.charCodeAt(start - 1))) start--;
    if (start === at) continue;
    EMAIL_DOMAIN.lastIndex = at;
    const m = EMAIL_DOMAIN.exec(folded);
    if (!m) continue;
    const end = at + m[0].length;
    spans.push({ type: 'EMAIL', start, end, text: text.slice(start, end) });
    from = end;
    at = end - 1;
  }
  return spans;
}

// ---------------------------------------------------------------------------------- WeChat and QQ

/**
 * WeChat ids and QQ numbers are only taken when introduced by their cue words, in the many ways people
 * write them (微信 / 微信号 / vx / VX / wx / 威信 / v信 / 薇 / 加我 / +v / wechat; QQ / 扣扣 / 企鹅号 / Q号),
 * followed by a separator (：, :, a space, 是, 为, —, =, quotes) or nothing at all after a Chinese cue.
 */
const WECHAT_CUE = /微信号|微信|威信|薇信|[vV]信|[vVwW][xX]|weixin|wechat|WeChat|Wechat|WECHAT|加我|[加+][vV][xX]?|薇|[vV](?=:)/g;
const WECHAT_VALUE =
  /^ ?(?:号码|号|账号|帐号|ID|id|Id)?[ :="'“”‘’~(【[-]{0,4}(?:是|为)?[ :]{0,2}((?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}|[A-Za-z][-_A-Za-z0-9]{5,19})/;
/** Words that follow 微信 in a technical question, not an id. */
const NOT_WECHAT_ID =
  /^(?:openid|unionid|appid|appsecret|official|account|accounts|payment|sandbox|miniprogram|program|callback|webhook|login|server|client|message|service|support|develop|developer|platform|browser|android|iphone|windows|desktop|version|update|window)$/i;
const WXID = /wxid_[a-z0-9]{6,20}/gi;

const QQ_CUE = /QQ|qq|Qq|扣扣|企鹅号|企鹅|[Qq]号/g;
const QQ_VALUE = /^ ?(?:号码|号|账号|帐号)?[ :="'“”‘’~(【[-]{0,4}(?:是|为)?[ :]{0,2}([1-9]\d{4,10})/;

function cued(
  type: 'WECHAT_ID' | 'QQ',
  cue: RegExp,
  value: RegExp,
  folded: string,
  source: string,
  accept: (v: string, c: string, sep: string) => boolean,
): Span[] {
  const spans: Span[] = [];
  cue.lastIndex = 0;
  for (let m = cue.exec(folded); m; m = cue.exec(folded)) {
    if (/^[A-Za-z+]/.test(m[0]) && /[A-Za-z0-9]/.test(folded[m.index - 1] ?? '')) continue;
    const ascii = /^[A-Za-z+]+$/.test(m[0]);
    const after = m.index + m[0].length;
    const v = value.exec(folded.slice(after, after + 40));
    if (!v) continue;
    const id = v[1]!;
    const start = after + v[0].length - id.length;
    const end = start + id.length;
    const sep = folded.slice(after, start);
    // An ASCII cue glued to letters or hyphenated is part of a word (vxe-table, wechat-sdk): a separator must follow it.
    if (ascii && (sep === '' || sep === '-') && !/^\d/.test(id)) continue;
    if (/[-_A-Za-z0-9]/.test(folded[end] ?? '') || !accept(id, m[0], sep)) continue;
    spans.push({ type, start, end, text: source.slice(start, end) });
    cue.lastIndex = end;
  }
  return spans;
}

export function detectSocialIds(index: TextIndex): Span[] {
  const { text, folded } = index;
  const wechat = cued('WECHAT_ID', WECHAT_CUE, WECHAT_VALUE, folded, text, (id, cue, sep) => {
    if (/^[\d+]/.test(id)) return true;
    if (NOT_WECHAT_ID.test(id)) return false;
    // 薇 is also a given name: it must touch the id or be followed by a colon.
    if (cue === '薇' && !(sep === '' || sep.includes(':'))) return false;
    // 加我 alone (no WeChat word) is also how one introduces a name: the id must look like a handle.
    if (cue === '加我' && /^[A-Za-z]+$/.test(id)) return false;
    return true;
  });
  // A QQ number has five digits at least; every wxid_ holds its underscore.
  const qq = index.longestDigitRun >= 5 ? cued('QQ', QQ_CUE, QQ_VALUE, folded, text, () => true) : [];
  const wxid = folded.includes('_') ? scan('WECHAT_ID', WXID, folded, { source: text }) : [];
  return [...wechat, ...wxid, ...qq];
}

// ------------------------------------------------------------------------------------------- IPs

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
/** A router's default gateway on a private network (192.168.x.1, 10.x.x.1, 172.16–31.x.1) is everyone's. */
const DEFAULT_GATEWAY = /^(?:192\.168\.\d{1,3}|10\.\d{1,3}\.\d{1,3}|172\.(?:1[6-9]|2\d|3[01])\.\d{1,3})\.1$/;

/** A dotted decimal after these is a version (1.12.3.4 版本, Chrome/116.0.0.0), not an address. */
const VERSION_CUES = new CueSet([
  '版本',
  '版本号',
  '版',
  '固件',
  '内核',
  'version',
  'Version',
  'VERSION',
  'ver',
  'Ver',
  'v',
  'V',
  'build',
  'Build',
  'SDK',
  'sdk',
  'iOS',
  'Android',
]);
/** …and these make it an address whatever else is around. */
const IP_CUES = new CueSet([
  'IP',
  'ip',
  'Ip',
  'IP地址',
  '地址',
  '登录',
  '来源',
  '访问',
  'client',
  'Client',
  'from',
  'From',
  'host',
  'Host',
  'remote',
  'addr',
]);
/** Network plumbing: a gateway, mask or resolver is nobody's address. */
const NETWORK_CUES = new CueSet(['网关', 'gateway', 'Gateway', '掩码', 'netmask', 'mask', 'DNS', 'dns', 'nameserver']);

function dottedIsAddress(folded: string, start: number, end: number): boolean {
  if (labelBefore(folded, start, IP_CUES, 12)) return true;
  // A product token: Chrome/116.0.0.0, AppleWebKit/537.36 …
  if (folded[start - 1] === '/' && wordAt(folded, start - 2)) return false;
  if (labelBefore(folded, start, VERSION_CUES, 12) || labelBefore(folded, start, NETWORK_CUES, 12)) return false;
  return !/^ ?(?:版本|版|version)/.test(folded.slice(end, end + 8));
}

/**
 * Can IPV6 match anywhere? Each match holds two colons with at most four hex digits between them
 * (`(?::h{0,4}){2,}`). Without such a pair (prose, where a colon follows a label) the pattern, the
 * slowest of the contact ones, is not run.
 */
function mayHoldIpv6(folded: string): boolean {
  for (let at = folded.indexOf(':'); at >= 0; at = folded.indexOf(':', at + 1)) {
    for (let k = at + 1; k <= at + 5 && k < folded.length; k++) {
      const c = folded.charCodeAt(k);
      if (c === 58) return true;
      if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102))) break;
    }
  }
  return false;
}

export function detectIps(index: TextIndex): Span[] {
  const { text, folded } = index;
  const v4 = !index.hasDigit
    ? []
    : scan('IP', IPV4, folded, {
        source: text,
        accept: (v, start, end) =>
          v.split('.').every((o) => Number(o) <= 255 && !(o.length > 1 && o.startsWith('0'))) &&
          folded[start - 1] !== '.' &&
          folded[end] !== '.' &&
          !NOT_PERSONAL_V4.test(v) &&
          // A network address (…0, as in 10.0.0.0/8) or a broadcast one is no host's.
          !/\.(?:0|255)$/.test(v) &&
          !DEFAULT_GATEWAY.test(v) &&
          dottedIsAddress(folded, start, end) &&
          cueBefore(folded, start, NETWORK_CUES, 8) === undefined,
      });
  if (!mayHoldIpv6(folded)) return v4;
  const v6 = scan('IP', IPV6, folded, { source: text, accept: (v) => ipv6Ok(v) && v.length >= 3 });
  return [...v4, ...v6];
}
