import {
  ADDRESS_CUES,
  DIVISION_WORDS,
  ESTATE_WORDS,
  ETHNIC_GROUPS,
  RESIDENTIAL_WORDS,
  ROAD_WORDS,
  STOP_CHARS,
  TOWNSHIP_WORDS,
  TRADITIONAL,
  UNIT_LEVELS,
  VILLAGE_WORDS,
} from '../data/address-words';
import { DIVISION_NAMES } from '../data/divisions.generated';
import { PhraseSet } from '../phrases';
import { defineTrigger, firstChars, type TextIndex } from '../text-index';
import type { Span } from '../types';

/**
 * Street-level addresses, Chinese and English. A city alone is not personal (上海的天气 stays
 * answerable), nor is a venue named as a place (万达广场3楼): an ADDRESS needs what locates a home or
 * an office — a street number (高新南路312号, 人民路88弄), a building and unit or room
 * (6栋3单元702, 5号楼1203室, C座1906, 12-3-401), a village and its group (李家村5组, 某乡某村) —
 * or, after a cue word (地址、住在、寄到…) or below a known division, a little less.
 *
 * One pass finds every address word (区, 路, 号, 栋…); neighbouring words chain into a run when only
 * address characters lie between them (names, numbers, a space, a line break after a division).
 * Each run starts at its first place name and ends at its last number, and is kept if its parts
 * are specific enough.
 */

type Kind = 'division' | 'township' | 'village' | 'road' | 'estate' | 'unit' | 'chain' | 'other';

interface Part {
  /** Where the address word (or the 12-3-401 chain) starts, and ends. */
  at: number;
  end: number;
  word: string;
  kind: Kind;
  /** Where the number in front of the word starts (= at when there is none). */
  num: number;
  /** The number is Arabic (or letters with digits: T5, W6), letters only (B座), or Chinese (七组). */
  digits: 'arabic' | 'letter' | 'chinese' | '';
  /** 第3单元: a counted thing (a lesson, a team), not a place. */
  ordinal: boolean;
}

const KIND = new Map<string, Kind>();
for (const w of ESTATE_WORDS) KIND.set(w, 'estate');
for (const w of ROAD_WORDS) KIND.set(w, 'road');
for (const w of DIVISION_WORDS) KIND.set(w, 'division');
for (const w of TOWNSHIP_WORDS) KIND.set(w, 'township');
for (const w of VILLAGE_WORDS) KIND.set(w, 'village');
const NUMBERED = new Set([...Object.keys(UNIT_LEVELS), '组', '队', '社', '弄', '巷', '段']);
const RESIDENTIAL = new Set(RESIDENTIAL_WORDS);
const BUILDINGS = new Set([...RESIDENTIAL_WORDS, '大厦', '大楼', '写字楼']);
const SIMPLIFIED = new Map(Object.entries(TRADITIONAL));
const WORDS = [...new Set([...KIND.keys(), ...NUMBERED, ...SIMPLIFIED.keys()])].sort((a, b) => b.length - a.length);
/**
 * Every address word, indexed by its first character: a bit test at most characters instead of a
 * regex alternation of 120 words tried at every position (it was the address detector's largest cost).
 */
const PART_WORDS = new PhraseSet(WORDS);
/** Where a part can start: an address word, or the digit of a 12-3-401 chain (the text index lists these positions). */
const PART_START = defineTrigger([...firstChars(WORDS), ...'0123456789']);

const isAsciiDigit = (c: number) => c >= 48 && c <= 57;
/** How many ASCII digits start at `i`. */
function digitsAt(text: string, i: number): number {
  let k = i;
  while (isAsciiDigit(text.charCodeAt(k))) k++;
  return k - i;
}

/**
 * The part starting at `i`, as the regex `\d{1,3}-\d{1,2}-\d{3,4}|<words, longest first>` would match
 * there: the 12-3-401 form (building-unit-room) before any word, else the longest address word.
 */
function partWordAt(text: string, i: number): string | undefined {
  if (!isAsciiDigit(text.charCodeAt(i))) return PART_WORDS.startingAt(text, i);
  // No word starts with a digit. Each group is a whole run of digits (a longer run cannot backtrack to a hyphen).
  const a = digitsAt(text, i);
  if (a > 3 || text.charCodeAt(i + a) !== 45) return undefined;
  const j = i + a + 1;
  const b = digitsAt(text, j);
  if (b < 1 || b > 2 || text.charCodeAt(j + b) !== 45) return undefined;
  const k = j + b + 1;
  const c = Math.min(digitsAt(text, k), 4);
  return c >= 3 ? text.slice(i, k + c) : undefined;
}

const isDigit = (c: number) => (c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19);
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isHan = (c: number) => (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf);
const isSpace = (c: number) => c === 32 || c === 9 || c === 0x3000;
const isNewline = (c: number) => c === 10 || c === 13;
/** Only spaces (or nothing) in [from, to)? */
function blank(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (!isSpace(text.charCodeAt(k)) && !isNewline(text.charCodeAt(k))) return false;
  return true;
}
function hasSpace(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (isSpace(text.charCodeAt(k)) || isNewline(text.charCodeAt(k))) return true;
  return false;
}

// ---- the gazetteer, and the short forms people write ------------------------------------------

const ETHNIC = new RegExp(`^(.+?)(?:(?:${ETHNIC_GROUPS})族?)+自治(州|县|旗|区)$`);
const FULL = new Set(DIVISION_NAMES.filter((n) => !/直辖|的/.test(n)));
const SHORT = new Set<string>();
for (const n of FULL) {
  // 凉山彝族自治州 → 凉山州, 凉山; 广西壮族自治区 → 广西; 内蒙古自治区 → 内蒙古.
  const autonomous = ETHNIC.exec(n);
  if (autonomous && autonomous[1]!.length >= 2) {
    if (autonomous[2] !== '区') SHORT.add(autonomous[1]! + autonomous[2]!);
    SHORT.add(autonomous[1]!);
  }
  const stem = n.replace(/(?:自治区|新区|地区|省|市|区|县)$/, '');
  if (stem !== n && stem.length >= 2) SHORT.add(stem); // 广州, 朝阳, 浦东, 喀什, 广东
}
/**
 * The longest division name starting or ending at a position. Thousands of names share a last
 * character (…区), so they are indexed by their first two and last two characters.
 */
const DIVISIONS = (() => {
  const byHead = new Map<string, string[]>();
  const byTail = new Map<string, string[]>();
  // A hash of each name's first two and last two characters: most pairs of a text start or end no
  // name, and this answers them without cutting a two-character key out of the text.
  const pair = (a: number, b: number) => (a * 31 + b) & 0xffff;
  const heads = new Uint8Array(65536);
  const tails = new Uint8Array(65536);
  const longestFirst = [...new Set([...FULL, ...SHORT])].filter((n) => n.length >= 2).sort((a, b) => b.length - a.length);
  for (const n of longestFirst) {
    byHead.set(n.slice(0, 2), [...(byHead.get(n.slice(0, 2)) ?? []), n]);
    byTail.set(n.slice(-2), [...(byTail.get(n.slice(-2)) ?? []), n]);
    heads[pair(n.charCodeAt(0), n.charCodeAt(1))] = 1;
    tails[pair(n.charCodeAt(n.length - 2), n.charCodeAt(n.length - 1))] = 1;
  }
  return {
    startingAt(text: string, i: number): string | undefined {
      const c = text.charCodeAt(i);
      if (!isHan(c) || i + 1 >= text.length || heads[pair(c, text.charCodeAt(i + 1))] === 0) return undefined;
      const names = byHead.get(text.slice(i, i + 2));
      if (names) for (const n of names) if (text.startsWith(n, i)) return n;
      return undefined;
    },
    endingAt(text: string, i: number): string | undefined {
      const c = text.charCodeAt(i - 1);
      if (i < 2 || !isHan(c) || tails[pair(text.charCodeAt(i - 2), c)] === 0) return undefined;
      const names = byTail.get(text.slice(i - 2, i));
      if (names) for (const n of names) if (n.length <= i && text.startsWith(n, i - n.length)) return n;
      return undefined;
    },
  };
})();
const CUES = new PhraseSet(ADDRESS_CUES, { small: true });

// ---- characters -------------------------------------------------------------------------------

const STOP = new Set([...STOP_CHARS].map((c) => c.charCodeAt(0)));
const CHINESE_DIGITS = '一二三四五六七八九十百零〇两';

/** Is `ch` (a character, or nothing past either end of the text) one of `chars`? */
const oneOf = (chars: string, ch: string | undefined) => ch !== undefined && ch !== '' && chars.includes(ch);
/**
 * `oneOf(chars, text[i])` on the code: `text[i]` allocates a string for every Chinese character, and
 * these tests run at every address word of a prompt. False outside the text.
 */
function oneOfAt(chars: string, text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  for (let k = 0; k < chars.length; k++) if (chars.charCodeAt(k) === c) return true;
  return false;
}
const isAlnumOrWideDigit = (c: number) => isDigit(c) || isLetter(c);
/** A character that can be part of an address name or number. */
function isAddressChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (isHan(c)) return !STOP.has(c) || DIVISIONS.startingAt(text, i) !== undefined; // 从化区, 那曲市
  return isDigit(c) || isLetter(c) || c === 35 /* # */ || c === 45 /* - */ || c === 0xb7; /* · */
}

/** The most parts one address has (a long one: 省 市 区 街道 路 号 小区 期 栋 单元 室 has 11). */
const MAX_PARTS = 24;
/** The most characters a name before an address word may have (高新南 + 路: 4). */
const MAX_NAME = 12;

function numberBefore(text: string, word: number): Pick<Part, 'num' | 'digits' | 'ordinal'> {
  // 926 号, 3 栋: one space between a number and its word.
  const at = text.charCodeAt(word - 1) === 32 && isAlnumOrWideDigit(text.charCodeAt(word - 2)) ? word - 1 : word;
  let i = at;
  let digits: Part['digits'] = '';
  while (i > 0 && at - i < 6 && isDigit(text.charCodeAt(i - 1))) i--;
  // 88-1号, 1-3号
  while (i > 1 && i < at && at - i < 10 && text.charCodeAt(i - 1) === 45 && isDigit(text.charCodeAt(i - 2)))
    for (i -= 1; i > 0 && isDigit(text.charCodeAt(i - 1));) i--;
  if (i < at) digits = 'arabic';
  const beforeLetters = i;
  while (i > 0 && beforeLetters - i < 2 && isLetter(text.charCodeAt(i - 1))) i--;
  if (isLetter(text.charCodeAt(i - 1))) i = beforeLetters; // part of a word, not a building letter
  if (!digits && i < at) digits = 'letter';
  if (!digits) {
    while (i > 0 && at - i < 4 && oneOfAt(CHINESE_DIGITS, text, i - 1)) i--;
    if (i < at) digits = 'chinese';
  }
  return { num: i, digits, ordinal: text.charCodeAt(i - 1) === 0x7b2c /* 第 */ };
}

function partAt(text: string, at: number, found: string): Part | null {
  const word = SIMPLIFIED.get(found) ?? found;
  const end = at + word.length;
  if (isDigit(word.charCodeAt(0))) {
    // 12-3-401, but not inside a longer number, a date or a phone number.
    const before = text.charCodeAt(at - 1);
    if (isDigit(before) || before === 45 || before === 46 || isDigit(text.charCodeAt(end)) || text.charCodeAt(end) === 45) return null;
    if (oneOfAt('码号', text, at - 1)) return null; // 取件码3-2-1705 is a pickup code
    return { at, end, word, kind: 'chain', num: at, digits: 'arabic', ordinal: false };
  }
  const n = numberBefore(text, at);
  const next = text.charCodeAt(end);
  const numbered = NUMBERED.has(word);
  let kind = KIND.get(word) ?? 'other';
  if (n.digits === 'arabic' && kind === 'road' && !numbered) return null; // 5路 (a bus), not a road
  if (word === '门' && oneOfAt('口外前内卫票', text, end)) return null; // 门口
  if (n.digits && numbered) {
    if (
      word === '号' &&
      (text.charCodeAt(n.num - 1) === 0x6708 /* 月 */ ||
        oneOfAt('线口站机位台车桌床柜窗码', text, end) ||
        (next === 0x95e8 /* 门 */ && !oneOfAt('口外前内', text, end + 1)))
    )
      return null; // 3月8号, 2号线, 5号门 (a gate; but 5号门口 is at No. 5)
    return { at, end, word, kind: 'unit', num: n.num, digits: n.digits, ordinal: n.ordinal };
  }
  if (kind === 'estate' && FULL.has(DIVISIONS.endingAt(text, end) ?? '')) kind = 'division'; // 绿园区, not an estate's 园区
  return { at, end, word, kind, num: at, digits: '', ordinal: false };
}

/**
 * Can the text between two parts belong to one address? Names and numbers, a space or two; a line
 * break after a division (…石岐街道⏎孙文中路8号), or before the numbered part of an estate or road (翠湖小区⏎3栋).
 */
function joins(text: string, prev: Part, next: Part): boolean {
  const from = prev.end;
  const to = next.at;
  if (to - from > MAX_NAME) return false;
  const lineBreak =
    prev.kind === 'division' || prev.kind === 'township' || (next.kind === 'unit' && (prev.kind === 'estate' || prev.kind === 'road'));
  let spaces = 0;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (isSpace(c)) {
      if (++spaces > 2) return false;
    } else if (isNewline(c)) {
      if (k - from > 1 || !lineBreak || (next.kind === 'unit' && !/^[\r\n \t]*$/.test(text.slice(from, next.num)))) return false;
    } else if (!isAddressChar(text, k)) return false;
    else spaces = 0;
  }
  return true;
}

/** The start of the name in front of a run's first part: back over address characters. */
function nameStart(text: string, p: Part): number {
  let i = p.num;
  while (i > 0 && p.num - i < MAX_NAME && isAddressChar(text, i - 1)) i--;
  return i;
}

const COUNTRY = /(?:中华人民共和国|中国)[ \t]?$/;
const LEADING_NOISE = /^(?:老家|目前|现在|已经|一直)/;
/** A room or floor number written without its word, after a building, unit or estate: …3栋1202, …广场L3. */
const TAIL = /^[ \t]?(?:[A-Za-z]{0,2}[0-9０-９]{1,5}[A-Za-z]?(?:-[0-9０-９]{1,5})?)(?:室|房|号|户)?/;
const NOT_AFTER_TAIL = /^[0-9０-９A-Za-z元块个人次年月日天岁届级班条项期分秒米平万千百斤%.]/;
/** After a cue and a district, an estate written without an estate word, then a room: 望京SOHO T3 1506. */
const CUE_TAIL = /^[ \t]?[\u4e00-\u9fa5A-Za-z0-9-]{1,12}(?:[ \t][A-Za-z0-9-]{1,6}){0,2}?[ \t]?\d{3,5}(?:室|房|号)?/;
const DIGIT = /[0-9０-９]/g;

/** The cue word just before `start` (地址：, 住在, 寄到…), if any. */
function cueBefore(text: string, start: number): string | undefined {
  let j = start;
  while (j > 0 && /[\s：:=，,]/.test(text[j - 1]!)) j--;
  const cue = CUES.endingAt(text, j) ?? (oneOfAt('是为', text, j - 1) ? CUES.endingAt(text, j - 1) : undefined);
  // 住 alone: 住宿, 住院, 住房 are not 住 + a place.
  return cue === '住' && j === start && oneOfAt('宿院房户址所持读校', text, start) ? undefined : cue;
}

const RANK: Record<Kind, number> = { division: 5, township: 4, village: 3, road: 3, estate: 2, other: 0, unit: 0, chain: 0 };
const named = (p: Part) => p.kind !== 'unit' && p.kind !== 'chain';
const isRoad = (p: Part) => p.kind === 'road' || (p.kind === 'unit' && (p.word === '巷' || p.word === '弄' || p.word === '段'));
const LEVELS = new Map(Object.entries(UNIT_LEVELS));
const levelOf = (p: Part) => (p.kind === 'chain' ? 4 : (LEVELS.get(p.word) ?? 0));
const COUNTY = new Set(['县', '旗', '自治县', '自治旗']);
const STREET_NUMBER = new Set(['号', '弄', '号院', '号楼', '巷']);

/** Where a run's address starts: its first known division, else its first name (without 目前, 我家…). */
function startOf(text: string, parts: Part[], runStart: number): { start: number; division: 'full' | 'short' | '' } {
  let start = runStart;
  let division: 'full' | 'short' | '' = '';
  for (let i = runStart; i < Math.min(parts[0]!.end, runStart + 14); i++) {
    const d = DIVISIONS.startingAt(text, i);
    // A short form (广州, 朝阳) must be followed by more name; inside a name (华大名苑: 大名) only by another division.
    if (
      d &&
      (FULL.has(d) ||
        (isHan(text.charCodeAt(i + d.length)) && (i === runStart || FULL.has(DIVISIONS.startingAt(text, i + d.length) ?? ''))))
    ) {
      start = i;
      division = FULL.has(d) ? 'full' : 'short';
      break;
    }
  }
  // 深圳南山 南山区…, 江苏省 苏州市 …: divisions written before a space.
  for (let k = start; ;) {
    let j = k;
    while (j > 0 && k - j < 2 && isSpace(text.charCodeAt(j - 1))) j--;
    const first = j;
    for (let d = DIVISIONS.endingAt(text, j); d; d = DIVISIONS.endingAt(text, j)) j -= d.length;
    if (j === first) break;
    start = k = j;
    division = 'full';
  }
  if (division)
    start -= COUNTRY.exec(text.slice(Math.max(0, start - 9), start))?.[0].length ?? 0; // 中国广东省…
  else {
    start += LEADING_NOISE.exec(text.slice(start, start + 4))?.[0].length ?? 0;
    if (text.charCodeAt(start) === 0x5bb6 /* 家 */ && oneOfAt('我你他她', text, start - 1)) start += 1; // 我家3栋…
  }
  return { start, division };
}

/**
 * How specific a run is. `strong`: an address by itself (a street number, a building with its unit
 * or room, a village with its group). `medium`: an address below a division or after a cue (3栋,
 * 1203室, 阳光小区). `village`, `road`: after a cue (家住李家村, 寄到人民路).
 */
function evidence(text: string, used: Part[], start: number) {
  let strong = false;
  let medium = false;
  let village = false;
  let road = false;
  let county = false;
  let townships = 0;
  let prev: Part | null = null;
  let prevName = 0;
  let realRoad = false;
  // A named home or office building (…大厦, …花园) before: 16楼1602室 there is an office, not a venue's meeting room.
  let building = false;
  // Any named estate (…小城, …花园) or a street number before: 12号楼2单元 there is not a count.
  let estate = false;
  let streetNumber = false;
  /** The end of the township part the current names follow, or -1. */
  let township = -1;
  for (const p of used) {
    const before = prev;
    const name = p.at - (before ? before.end : start);
    const adjacent = prev !== null && blank(text, prev.end, p.num);
    const counted = p.kind === 'unit' && !p.ordinal;
    if (counted && prev) {
      // 高新南路312号, 人民路88弄, 三巷8号, 江南大道中128号
      if (
        STREET_NUMBER.has(p.word) &&
        isRoad(prev) &&
        (prev.kind === 'unit' || realRoad) &&
        /^[东西南北中東]?[甲乙丙丁附]?\s*$/.test(text.slice(prev.end, p.num))
      ) {
        strong = streetNumber = true;
      }
    }
    if (counted && prev && adjacent) {
      const a = levelOf(prev);
      const b = levelOf(p);
      if ((prev.kind === 'unit' || prev.kind === 'chain') && !prev.ordinal && b > a && b !== 3) {
        // 5号楼1203室, 2单元703室: a room in a building. 3栋2单元 alone may be a count; 5层502室 a venue's meeting room.
        if (b === 4 && (a === 1 || a === 2 || (a === 3 && building))) strong = true;
        else if (b === 2 && a === 1 && (estate || streetNumber))
          strong = true; // 金地格林小城12号楼2单元
        else medium = true;
      }
      // 美映樓1203室, 星海公寓1502室: a room of a named home or office building.
      if ((BUILDINGS.has(prev.word) || prev.word === '楼') && prev.kind === 'estate' && oneOf('室房户', p.word) && p.digits === 'arabic')
        strong = true;
      // 李家村5组, 红星村4组9号, 下厝社15号
      if ((prev.kind === 'village' || (prev.kind === 'unit' && oneOf('组队社', prev.word))) && oneOf('组队社号', p.word)) strong = true;
    }
    if (counted && (p.digits === 'arabic' || p.digits === 'letter')) {
      // A building, unit or room; a house number only inside an estate (碧桂园十里银滩12号).
      const level = levelOf(p);
      if (level === 1 || level === 2 || (level === 4 && (p.word !== '号' || estate))) medium = true;
    }
    if (counted && (p.word === '组' || p.word === '队')) medium = true;
    if (p.kind === 'chain') {
      // 12-3-401 after an estate's name, or as a room (…室); alone it may be a pickup code.
      medium = true;
      if (
        name >= 2 ||
        prev?.kind === 'estate' ||
        prev?.kind === 'village' ||
        (prev && adjacent && prev.kind === 'unit') ||
        oneOfAt('室房', text, p.end)
      ) {
        strong = true;
      }
    }
    // 绿城科村 after a township: the village's name may hold estate words.
    if (township >= 0 && p.at - township <= 8 && p.at - township > 0 && !hasSpace(text, township, p.at)) {
      if (p.kind === 'village' && !oneOf('组队社', p.word)) strong = true; // 柳河镇李家村, 某乡某村, 某街道某社区
    }
    if (p.kind === 'township') township = p.end;
    else if (p.kind !== 'estate' && p.kind !== 'other') township = -1;
    if (p.kind === 'village' && before && name >= 1 && !hasSpace(text, before.end, p.at)) {
      // 石门村下厝社
      if ((before.word === '村' || before.word === '嘎查') && prevName >= 2 && oneOf('组社屯队', p.word)) strong = true;
    }
    if (p.kind === 'village' && name >= 2 && !oneOf('组队社', p.word)) village = true;
    if (p.kind === 'estate' && name >= 2 && RESIDENTIAL.has(p.word)) medium = true;
    if (p.kind === 'estate' && name >= 2 && BUILDINGS.has(p.word)) building = true;
    if (p.kind === 'estate' && name >= 2) estate = true;
    // A road needs a name: 人民路, 东街, 天府三街; not 马路, 一路, 道路.
    const namedBefore = before !== null && before.kind !== 'unit' && before.kind !== 'chain';
    realRoad =
      p.kind === 'road' &&
      (name >= 2 ||
        (name === 1 &&
          (oneOfAt('东西南北中前后東', text, p.at - 1) ||
            (namedBefore && (oneOfAt(CHINESE_DIGITS, text, p.at - 1) || before.kind === 'estate' || before.kind === 'road')))));
    if (realRoad) road = true;
    if (p.kind === 'township') townships += 1;
    if (p.kind === 'division' && COUNTY.has(p.word)) county = true;
    prevName = name;
    prev = p;
  }
  return { strong, medium, village, road, county, townships };
}

function judge(text: string, parts: Part[], runStart: number): Span | null {
  if (parts.every((p) => p.kind === 'other')) return null; // 型号, 会议室: nothing of an address
  const { start, division } = startOf(text, parts, runStart);
  const used = parts.filter((p) => p.at >= start);
  // Trailing words without a number are not part of it (…号门口), unless they name the number (…8号商铺).
  while (used.length > 1 && used[used.length - 1]!.kind === 'other' && used[used.length - 2]!.end !== used[used.length - 1]!.at) used.pop();
  const last = used[used.length - 1];
  if (!last) return null;
  const e = evidence(text, used, start);
  let end = last.end;
  if (last.kind === 'estate' || last.kind === 'chain' || (last.kind === 'unit' && levelOf(last) < 4)) {
    const tail = TAIL.exec(text.slice(end, end + 12));
    if (tail && !NOT_AFTER_TAIL.test(text.slice(end + tail[0].length, end + tail[0].length + 1))) {
      const digits = tail[0].match(DIGIT)?.length ?? 0;
      const level = last.kind === 'unit' && !last.ordinal ? levelOf(last) : 0;
      if ((level === 1 || level === 2) && digits >= 3) e.strong = true;
      if (level >= 1) e.medium = true;
      if (last.kind === 'estate' && (digits >= 3 || /^[ \t]?[A-Za-z]/.test(tail[0]))) e.medium = true;
      end += tail[0].length;
    }
  }
  const cue = cueBefore(text, start);
  // A short form (朝阳, 龙华, 东方) is also a common word: it counts as a division only before another division or a road.
  const below =
    division === 'full' || (division === 'short' && used.some((p) => p.kind === 'division' || p.kind === 'township' || p.kind === 'road'));
  const homeCue = cue !== undefined && cue !== '位于';
  // 所在地区：广东省 深圳市 南山区 — a form's address field down to the district.
  const field = cue !== undefined && /(?:地址|住址|地区|住所)$/.test(cue) && used.length >= 3 && used.every((p) => p.kind === 'division');
  let ok =
    e.strong ||
    field ||
    ((below || cue !== undefined) && e.medium) ||
    (e.village && (homeCue || e.townships > 0 || e.county)) ||
    (homeCue && (e.road || (e.townships > 0 && used.length >= 2)));
  if (!ok && homeCue && division === 'full' && (last.kind === 'division' || last.kind === 'township')) {
    const tail = CUE_TAIL.exec(text.slice(end, end + 30));
    if (tail && !NOT_AFTER_TAIL.test(text.slice(end + tail[0].length, end + tail[0].length + 1))) {
      let stop = false;
      for (let k = end; k < end + tail[0].length; k++) if (isHan(text.charCodeAt(k)) && !isAddressChar(text, k)) stop = true;
      if (!stop) {
        end += tail[0].length;
        ok = true;
      }
    }
  }
  if (!ok || end - start < (cue === undefined ? 4 : 3)) return null; // 家住靠山屯
  return { type: 'ADDRESS', start, end, text: text.slice(start, end) };
}

function detectChinese(index: TextIndex): Span[] {
  const { text } = index;
  const spans: Span[] = [];
  let run: Part[] = [];
  let runStart = 0;
  const flush = () => {
    if (run.length) {
      const span = judge(text, run, runStart);
      if (span) spans.push(span);
    }
    run = [];
  };
  const { list, count } = index.positions(PART_START);
  // The next part starts after this one, as a global regex goes on.
  let next = 0;
  for (let k = 0; k < count; k++) {
    const i = list[k]!;
    if (i < next) continue;
    const found = partWordAt(text, i);
    if (found === undefined) continue;
    const p = partAt(text, i, found);
    next = i + found.length;
    if (!p) {
      flush();
      continue;
    }
    const last = run[run.length - 1];
    if (last && run.length < MAX_PARTS && joins(text, last, p)) {
      // Two words in a row (红旗村, 三市镇, 城关镇城东村): a one-character word is a name's first or last character.
      if (last.end === p.at && named(last) && named(p)) {
        const before = run[run.length - 2];
        const lastName = last.at - (before ? before.end : runStart);
        // 中关村大街, 东二道街, 花园路, 盛利城村: a road or a place is often named after the smaller place before it;
        // 红旗村: 旗 ends a one-character name, so it is inside the name 红旗 — unless it ends a division (平江县城关镇).
        const inName = p.kind === 'road' || RANK[p.kind] >= RANK[last.kind] || (last.word.length === 1 && lastName < 2);
        if (inName && !FULL.has(DIVISIONS.endingAt(text, last.end) ?? '')) run.pop();
        // 城关镇城东村: 镇 ends the name 城关, so 城 starts the next name.
        else if (p.word.length === 1) continue;
      }
      run.push(p);
      continue;
    }
    flush();
    run = [p];
    runStart = nameStart(text, p);
  }
  flush();
  return spans;
}

// ---- English ----------------------------------------------------------------------------------

const EN_UNIT =
  '(?:(?:Room|Rm|Flat|Apt|Apartment|Suite|Ste|Unit|Building|Bldg|Block|Blk|Tower|Floor|Fl|Level|House)\\.? ?#?(?:\\d[0-9A-Za-z-]{0,6}|[A-Z]\\b)|\\d{1,3}(?:st|nd|rd|th)? Floor|\\d{1,3}/F|No\\.? ?\\d{1,4} Building)';
/** Times Square, Pacific Place: a named building before the street. */
const EN_BUILDING = '(?:[A-Z][a-z]+ ){1,3}(?:Square|Plaza|Tower|Towers|Building|Centre|Center|Mansion|Gardens?|Estate|Court|Place|House)';
const EN_STREET =
  '(?:Lane \\d{1,5},? (?:[A-Z][a-z]+ ){1,3}(?:Road|Rd|Street|St)\\b\\.?|(?:No\\.? ?)?\\d{1,5}[A-Za-z]?(?:-\\d{1,5})?,? (?:(?:[A-Z][a-z]+|\\d{1,3}(?:st|nd|rd|th)) ){1,4}(?:Road|Rd|Street|St|Avenue|Ave|Boulevard|Blvd|Lane|Ln|Drive|Dr|Highway|Hwy|Parkway|Pkwy|Way|Alley|Place|Pl|Court|Ct|Square|Sq|Terrace|Crescent|Hutong|Lu|Jie|Dajie|Dadao|Nong)\\b\\.?(?: (?:East|West|North|South|Middle|Central|[NSEW]|\\([NSEW]\\))\\b)?)';
/** Pudong, Haidian District, Beijing 100084, NY 10118, China. */
const EN_PLACE = '(?:[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}(?: \\d{6})?|[A-Z]{2} \\d{5}|\\d{6}|P\\.? ?R\\.? ?China)(?![A-Za-z0-9])';
/**
 * Room 1203, 88 Century Ave, Pudong, Shanghai: units, a numbered street, places. Or, with no street,
 * two units and a place (Flat 12B, Tower 3, Taikoo Shing, Hong Kong).
 */
const ENGLISH = new RegExp(
  `\\b(?:(?:(?:${EN_UNIT}|${EN_BUILDING}),? ){0,4}${EN_STREET}(?:, ?(?:${EN_UNIT}|${EN_PLACE})){0,5}|${EN_UNIT}(?:, ?${EN_UNIT}){1,3}(?:, ?${EN_PLACE}){1,4})`,
  'g',
);

function detectEnglish(text: string): Span[] {
  const spans: Span[] = [];
  ENGLISH.lastIndex = 0;
  for (let m = ENGLISH.exec(text); m; m = ENGLISH.exec(text)) {
    spans.push({ type: 'ADDRESS', start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return spans;
}

const HAS_ASCII_DIGIT = /\d/;
/**
 * Every English address holds a capitalized word (Room, Flat, Floor, a street type, Lane…) or a /F:
 * without one the long pattern above cannot match, and Chinese prompts skip it.
 */
const HAS_ENGLISH_WORD = /[A-Z][a-z]|\/F/;

export function detectAddresses(index: TextIndex): Span[] {
  const { text } = index;
  const spans = detectChinese(index);
  if (HAS_ASCII_DIGIT.test(text) && HAS_ENGLISH_WORD.test(text)) spans.push(...detectEnglish(text));
  return spans;
}
