import { validDate } from '../checksums';
import { CueSet, labelBefore, wordAt } from '../context';
import type { TextIndex } from '../text-index';
import type { Span } from '../types';
import { CODE_CUES } from './contact';

/**
 * The fail-closed backstop: after every detector has run, a run of 7 or more digits that none of them
 * claimed is hidden as NUMBER (hyphens, brackets and the spaces of a chunked or digit-by-digit number
 * are part of it; full-width and Chinese digits are folded) — unless it is clearly not about a person:
 *
 * - a date, or a number that starts with one (20240611…: order, invoice and case numbers are
 *   date-stamped), a year range;
 * - an amount or a quantity (¥, $, 元, 万, a unit after it; a decimal point; a round 0000 ending);
 * - a dotted number (versions, IPs the IP detector left, section numbers);
 * - a code: glued to letters (SF1234567890, u_1234567), a value in code or a log (`mch_id=…`, `"ts": …`),
 *   a literal after an operator (`= 2147483648`, `i < 10000000`);
 * - labelled as an order, tracking, invoice, policy, ticket, flight, model, SKU … number (the label
 *   right before it, or before the previous number of the same list);
 * - a 400/800 hotline.
 */

/** Before an amount: a currency sign or word. */
const MONEY_BEFORE = new CueSet([
  '¥',
  '￥',
  '$',
  '€',
  '£',
  'HK$',
  'US$',
  'RMB',
  'CNY',
  'USD',
  'HKD',
  'EUR',
  '人民币',
  '金额',
  '价格',
  '售价',
  '总价',
  '单价',
  '合计',
  '总计',
  '余额',
  '工资',
  '月薪',
  '年薪',
  '收入',
  '报价',
  '费用',
  '预算',
  '营收',
  '营业额',
  '利润',
  '销售额',
  '借款',
  '贷款',
  '赔偿',
  '罚款',
  'GMV',
  'amount',
  'Amount',
  'price',
  'Price',
  'total',
  'Total',
  // Quantities.
  '人口',
  '播放',
  '播放量',
  '阅读',
  '阅读量',
  '浏览量',
  '粉丝',
  '销量',
  '数量',
  '总数',
  '约',
  '大约',
  '超过',
  '共',
  '第',
]);

/** After an amount or a quantity: a currency or a unit. */
const UNITS = new CueSet([
  '元',
  '块',
  '万',
  '亿',
  '千',
  '百',
  '多',
  '余',
  '美元',
  '港元',
  '港币',
  '欧元',
  '日元',
  '英镑',
  '韩元',
  '澳元',
  '人民币',
  'RMB',
  'CNY',
  'USD',
  'HKD',
  'EUR',
  '个',
  '人',
  '次',
  '件',
  '条',
  '台',
  '只',
  '张',
  '份',
  '本',
  '位',
  '名',
  '家',
  '户',
  '间',
  '套',
  '辆',
  '吨',
  '斤',
  '克',
  '公斤',
  '千克',
  '米',
  '公里',
  '平',
  '平方',
  '亩',
  '字',
  '字节',
  '行',
  '页',
  '秒',
  '分钟',
  '小时',
  '天',
  '年',
  '股',
  '手',
  '点',
  '倍',
  '度',
  '分',
  '积分',
  '像素',
  '帧',
  '步',
  '卡',
  '毫升',
  '升',
  '瓦',
  '%',
  '‰',
  'w',
  'W',
  'k',
  'K',
  'kg',
  'km',
  'm',
  'cm',
  'mm',
  'ms',
  's',
  'px',
  'KB',
  'MB',
  'GB',
  'TB',
  'kb',
  'mb',
  'B',
  'bytes',
  'ml',
  'mAh',
  'Hz',
  'times',
  'users',
  'views',
]);

const HOTLINE = /^[48]00\d{7}$/;
const YEAR = /^(?:19|20)\d\d$/;
/** A value in code, a log or markup: `key=`, `"key": "`, `key: `, `<key><![CDATA[`. */
const KEYED = /([A-Za-z_][A-Za-z0-9_.-]*)(?:["']?\s*[:=]\s*["']?|>\s*<!\[CDATA\[|>)\s*$/;
/** Keys whose values are personal after all: these stay hidden. */
const PERSONAL_KEY = /phone|mobile|tel|qq|wechat|weixin|card|idno|id_?num|passport|account|acct|contact|cert/i;
/** Separators in a list of numbers under one label (票号：…、…). */
const LIST_SEPARATOR = /^[\s、,/&和及或]{1,3}$/;

/**
 * Two groups a space apart are one number when it is written in chunks (852 9123 4567, 6222 0212 …:
 * three digits or more each) or digit by digit (every group of the run a single digit) — not a list of
 * small numbers (1 2 3 … 10, 03 07 12 19 25).
 */
function chunked(a: [number, number], b: [number, number], singles: boolean): boolean {
  return singles || (a[1] - a[0] >= 3 && b[1] - b[0] >= 3);
}

function startsWithDate(d: string): boolean {
  return d.length >= 8 && /^(?:19|20)\d{6}/.test(d) && validDate(Number(d.slice(0, 4)), Number(d.slice(4, 6)), Number(d.slice(6, 8)));
}

function isMoneyOrQuantity(folded: string, start: number, end: number): boolean {
  if (labelBefore(folded, start, MONEY_BEFORE, 8)) return true;
  const after = folded[end] === ' ' ? end + 1 : end;
  const unit = UNITS.startingAt(folded, after);
  // A unit is a word of its own: 1234567 m, not 1234567 mobile.
  return unit !== undefined && !(/^[A-Za-z]/.test(unit) && wordAt(folded, after + unit.length));
}

/** Before a literal in code or a formula (`i < 10000000`, `= 2147483648`, `[1234567`), and after one. */
const OPERATOR_BEFORE = /[=<>+*/%^[{|&!]\s*$/;
const OPERATOR_AFTER = /^\s*[;)\]},*/%^|&]/;

function isCode(text: string, folded: string, start: number, end: number): boolean {
  if (wordAt(folded, start - 1) || wordAt(folded, end)) return true;
  // PO#12345678, /item/12345678, thread-1234567: glued to a word by a #, a slash, a hyphen or a bracket.
  if (/[#/\-(]/.test(text[start - 1] ?? '') && wordAt(text, start - 2)) return true;
  // ASCII operators only (the original text: a Chinese comma or bracket is prose, not code).
  if (OPERATOR_BEFORE.test(text.slice(Math.max(0, start - 4), start)) || OPERATOR_AFTER.test(text.slice(end, end + 3))) return true;
  const keyed = KEYED.exec(folded.slice(Math.max(0, start - 40), start));
  return keyed !== null && !PERSONAL_KEY.test(keyed[1]!);
}

export function detectNumbers(index: TextIndex, claimed: Span[]): Span[] {
  const { text, folded } = index;
  // `claimed` is sorted and does not overlap; runs come in order too: one pointer walks both.
  let c = 0;
  const free = (s: number, e: number) => {
    while (c < claimed.length && claimed[c]!.end <= s) c++;
    return c >= claimed.length || claimed[c]!.start >= e;
  };
  const spans: Span[] = [];
  let cueEnd = -1;
  for (const run of index.digitRuns()) {
    if (run.digits < 7 || run.gaps.join('').includes('.')) continue;
    // Split the run where a detector claimed a group, and at a space between long groups (two numbers).
    let singles = true;
    for (const [s0, e0] of run.groups) singles &&= e0 - s0 === 1;
    const segments: Array<Array<[number, number]>> = [];
    let current: Array<[number, number]> = [];
    for (let k = 0; k < run.groups.length; k++) {
      const g = run.groups[k]!;
      const isFree = free(g[0], g[1]);
      const prev = current[current.length - 1];
      const joined = prev !== undefined && (/[-()]/.test(run.gaps[k - 1]!) || chunked(prev, g, singles));
      if (!isFree || !joined) {
        if (current.length) segments.push(current);
        current = [];
      }
      if (isFree) current.push(g);
    }
    if (current.length) segments.push(current);
    for (const seg of segments) {
      // From the run's own start when it leads: its + or bracket goes with it.
      const start = seg[0] === run.groups[0] ? run.start : seg[0]![0];
      let end = seg[seg.length - 1]![1];
      let d = '';
      for (const [s, e] of seg) d += folded.slice(s, e);
      // An identity number whose check failed keeps its X (17 digits and X): the X is not a code's letters.
      if (d.length === 17 && /[Xx]/.test(folded[end] ?? '') && !wordAt(folded, end + 1) && end === run.end) end++;
      if (d.length < 7) continue;
      const first = folded.slice(seg[0]![0], seg[0]![1]);
      // A hotline, a date or a dated serial, a year range, a round quantity (12000000, 1700000000).
      if (HOTLINE.test(d) || startsWithDate(d) || (seg.length > 1 && YEAR.test(first)) || /0000$/.test(d)) continue;
      if (isCode(text, folded, start, end) || isMoneyOrQuantity(folded, start, end)) continue;
      if (labelBefore(folded, start, CODE_CUES, 12) || (cueEnd >= 0 && LIST_SEPARATOR.test(folded.slice(cueEnd, start)))) {
        cueEnd = end;
        continue;
      }
      spans.push({ type: 'NUMBER', start, end, text: text.slice(start, end) });
    }
  }
  return spans;
}
