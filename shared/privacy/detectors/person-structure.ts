import { COMPOUND_SURNAMES, GIVEN_NAME_CHARS, NOT_NAMES, PUBLIC_FIGURES, SURNAMES } from '../data/names';
import {
  ENGLISH_GIVEN_NAMES,
  KINSHIP,
  MINORITY_NAME_PARTS,
  MORE_GIVEN_CHARS,
  NOT_LATIN_NAMES,
  NOT_SPEAKERS,
  PINYIN_SURNAMES,
  RARE_SURNAMES,
  ROLE_NOUNS,
  SHORT_TITLES,
  WORDISH_SURNAMES,
} from '../data/names-more';
import { CharSet, PhraseSet } from '../phrases';
import { defineTrigger, firstChars, type TextIndex } from '../text-index';
import type { Span } from '../types';

/**
 * Names found by where they stand rather than by a cue word: people are written in predictable
 * places — the speaker of a pasted chat line (`张美丽：明天几点？`), an @mention, a table cell or a
 * roster line, an enumeration (`詹秋月、麦嘉俊`), a signature line, a quote, after a kinship word
 * (`我爸刘建国`), before a form of address (`李总`, `葛姐`, `小林`, `老严`), a romanized name
 * (`Kevin Zhang`, `Chen Yuting`), a transliterated one joined with `·` (`古丽娜尔·吐尔逊`).
 *
 * Each place carries its own strength: where the structure is strong (a chat speaker, an @mention, a
 * column headed 姓名) rare surnames and unusual given names are accepted; where it is weak (a list, a
 * line of its own) the candidate must look like a name by itself (a common surname and given-name
 * characters). Words that are never people (NOT_NAMES, NOT_SPEAKERS, kinship words, public figures)
 * are refused everywhere. Hand-written: no maintained library does this for Chinese (segmenters tag
 * names poorly on these shapes; see docs/privacy.md).
 */

const COMMON = new CharSet(SURNAMES);
const RARE = new CharSet(RARE_SURNAMES);
const WORDISH = new CharSet(WORDISH_SURNAMES);
const ROLES = new PhraseSet(ROLE_NOUNS);
const MINORITY = new PhraseSet(MINORITY_NAME_PARTS);
const GIVEN = new CharSet(GIVEN_NAME_CHARS + MORE_GIVEN_CHARS);
const COMPOUND = new PhraseSet(COMPOUND_SURNAMES);
const CJK = /[\u4e00-\u9fa5]/;
const CJK_RUN = /^[\u4e00-\u9fa5]+$/;
/** Characters that do not occur inside a name. */
const NEVER_IN_NAME = new CharSet('的了是吗呢吧啊呀么们这那哪你我他她它和与跟在有没不也都就还又很说要会能去来到给被把从对向让');
const KIN = new Set(KINSHIP);
const KIN_PHRASES = new PhraseSet(KINSHIP);
const TITLES = new PhraseSet(SHORT_TITLES);
const NOT_SPEAKER = new Set(NOT_SPEAKERS);
const PINYIN = new Set(PINYIN_SURNAMES);
const ENGLISH = new Set(ENGLISH_GIVEN_NAMES);
const NOT_LATIN = new Set(NOT_LATIN_NAMES);

/** Where the loops over the text can find something (the text index lists these positions). */
const KIN_OR_ROLE_START = defineTrigger(firstChars(KINSHIP, ROLE_NOUNS));
/** A surname before a title, or 小/老 before one (小林, 老严). */
const TITLED_START = defineTrigger([...SURNAMES, ...RARE_SURNAMES, '小', '老']);
const MINORITY_START = defineTrigger(firstChars(MINORITY_NAME_PARTS));

/** 小X / 老X that are ordinary words, not a form of address. */
const NOT_ADDRESS_FORMS = new Set(
  '小时 小米 小学 小区 小心 小孩 小伙 小组 小说 小吃 小麦 小康 小费 小额 小样 小白 小黄 小丑 小车 小项 小游 小商 小程 小牛 小于 小龙 小马 小金 小石 小山 小江 小华 小强 小贾 小乔 小文 小花 小熊 老师 老板 老公 老婆 老家 老人 老乡 老年 老虎 老鼠 老实 老大 老总 老式 老化 老街 老屋 老汉 老头 老太 老爷 老子 老外 老毛 老房 老车 老路 老方 老朋 老同 老城 老白 老高 老将 老成 老练 老祖 老牛 老马 老黄 老师傅 老宅 老区 老伴 老兄 老弟 老妹 老姐 老哥 老爸 老妈 老友 老鹰 老齐 老干 老龄 老农 老钱 老汤 老石 老乔 老于 老程 老周 老史'.split(
    ' ',
  ),
);
// 老周/老史 etc. are real forms of address too, but also "老周期"-style word starts: they are kept out to stay precise.

function surnameLength(text: string, i: number, rare: boolean): number {
  const compound = COMPOUND.startingAt(text, i);
  if (compound) return compound.length;
  if (COMMON.hasAt(text, i)) return 1;
  return rare && RARE.hasAt(text, i) ? 1 : 0;
}

function refused(token: string): boolean {
  return NOT_NAMES.has(token) || PUBLIC_FIGURES.has(token) || NOT_SPEAKER.has(token) || KIN.has(token);
}

/**
 * Does a whole token look like a Chinese name? `loose`: the place already says a person stands here,
 * so a rare surname and any given characters do; otherwise a common surname and given-name characters.
 */
export type Strength = boolean | 'medium';

export function looksLikeName(token: string, strength: Strength): boolean {
  // medium: any listed surname (rare or word-like too), with given-name characters.
  const loose = strength === true;
  const medium = strength === 'medium';
  if (refused(token)) return false;
  const dot = token.search(/[·‧•・]/);
  if (dot > 0) {
    // Transliterated and minority names: 古丽娜尔·吐尔逊, 阿卜杜拉·买买提.
    const parts = token.split(/[·‧•・]/);
    return parts.length <= 3 && parts.every((p) => p.length >= 1 && p.length <= 6 && CJK_RUN.test(p));
  }
  if (!CJK_RUN.test(token)) return false;
  if (minorityName(token)) return true;
  if (token.length < 2 || token.length > 4) return false;
  let s = surnameLength(token, 0, loose || medium);
  // A surname that is also a word (花, 那, 步…) only with given-name characters, where the place is strong.
  const wordish = s === 0 && (loose || medium) && WORDISH.hasAt(token, 0);
  if (wordish) s = 1;
  if (s === 0) return false;
  const given = token.slice(s);
  if (given.length < 1 || given.length > 2) return false;
  if ([...given].some((c) => NEVER_IN_NAME.has(c))) return false;
  return (loose && !wordish) || [...given].every((c) => GIVEN.has(c));
}

/** A name made of two or more pieces of minority names (扎西多吉, 乌云其木格), or one long piece (巴特尔). */
function minorityName(token: string): boolean {
  let at = 0;
  let pieces = 0;
  while (at < token.length) {
    const piece = MINORITY.startingAt(token, at);
    if (!piece) return false;
    at += piece.length;
    pieces += 1;
  }
  return pieces >= 2 || (pieces === 1 && token.length >= 3);
}

/** 小林 / 老严: a common surname after 小 or 老 (the whole form is hidden). */
function addressForm(token: string): boolean {
  return (
    token.length === 2 &&
    (token[0] === '小' || token[0] === '老') &&
    (COMMON.has(token[1]!) || RARE.has(token[1]!)) &&
    !NOT_ADDRESS_FORMS.has(token)
  );
}

/** A surname and a form of address (李总, 葛姐, 聂爷爷): the length of the surname part, or 0. */
function surnameWithTitle(token: string): number {
  if (!COMMON.hasAt(token, 0) && !RARE.hasAt(token, 0) && !COMPOUND.startingAt(token, 0)) return 0;
  const s = COMPOUND.startingAt(token, 0)?.length ?? 1;
  const title = TITLES.startingAt(token, s);
  return title && s + title.length === token.length && !NOT_NAMES.has(token) ? s : 0;
}

/** A romanized or English name: Kevin Zhang, Chen Yuting, Ng Ka Wai, Lin Pei-Shan, Hannah Schmidt. */
export function latinName(token: string, loose: boolean): boolean {
  // Every word must start with a capital: most tokens (Chinese ones) fail on their first character, before any split.
  const first = token.trim().charCodeAt(0);
  if (!(first >= 65 && first <= 90)) return false;
  const words = token.trim().split(/\s+/);
  if (words.length < 1 || words.length > 3) return false;
  if (!words.every((w) => /^[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?$/.test(w) && !NOT_LATIN.has(w))) return false;
  if (words.length === 1) return loose && ENGLISH.has(words[0]!);
  return words.some((w) => PINYIN.has(w)) || ENGLISH.has(words[0]!);
}

interface Line {
  start: number;
  text: string;
}

function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  // indexOf, not text[i] per character: that allocated a string for every Chinese character.
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', start)) {
    lines.push({ start, text: text.slice(start, i) });
    start = i + 1;
  }
  lines.push({ start, text: text.slice(start) });
  return lines;
}

const span = (start: number, value: string): Span => ({ type: 'PERSON', start, end: start + value.length, text: value });

/** A token that names a person (as a whole or in part): the spans to hide, or none. */
function personIn(token: string, at: number, loose: Strength): Span[] {
  if (looksLikeName(token, loose) || addressForm(token) || latinName(token, loose === true)) return [span(at, token)];
  const s = surnameWithTitle(token);
  if (s > 0) return [span(at, token.slice(0, s))];
  return [];
}

/** Where a line's leading timestamp or list marker ends ([10:40], 2024-05-01 08:03, 1., 3、, -, •). */
function skipLead(line: string): number {
  let p = 0;
  for (let guard = 0; guard < 3; guard++) {
    const rest = line.slice(p);
    const m =
      /^\s+/.exec(rest) ??
      /^[[【(（][^\]】)）\n]{1,24}[\]】)）]/.exec(rest) ??
      /^(?:\d{2,4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?\s*)?\d{1,2}[:：]\d{2}(?:[:：]\d{2})?/.exec(rest) ??
      /^(?:\d{1,3}[.、)）]|[-*•·]\s)/.exec(rest);
    if (!m || m[0].length === 0) break;
    p += m[0].length;
  }
  return p;
}

/** Chat-log speakers and `label：name` values. */
function speakerSpans(lines: Line[]): Span[] {
  const heads: Array<{ line: Line; at: number; head: string; colon: number }> = [];
  for (const line of lines) {
    const lead = skipLead(line.text);
    const rest = line.text.slice(lead);
    const colon = rest.search(/[:：]/);
    if (colon <= 0 || colon > 24) continue;
    let head = rest.slice(0, colon).replace(/\s+$/, '');
    // 梅雪芳（3栋）： — a note in brackets after the name.
    head = head.replace(/\s*[（(][^）)]{0,12}[）)]$/, '');
    if (!head || /[，。！？,.!?；;]/.test(head)) continue;
    heads.push({ line, at: line.start + lead, head, colon: line.start + lead + colon });
  }
  const counts = new Map<string, number>();
  for (const h of heads) counts.set(h.head, (counts.get(h.head) ?? 0) + 1);
  const chatLog = heads.filter((h) => !NOT_SPEAKER.has(h.head)).length >= 3;
  const spans: Span[] = [];
  for (const { line, at, head, colon } of heads) {
    const found = speakerName(head, at, chatLog && (counts.get(head) ?? 0) >= 2);
    spans.push(...found);
    if (found.length === 0) spans.push(...labelValueSpans(line, colon));
  }
  return spans;
}

/**
 * The value after a label, for every label on the line (护士长：古秀莲（…, 医师：邢  药师：闫志敏,
 * 学生姓名：梁丘沐阳  性别：男): a name standing alone. A label that names a role (ends in 人, 方, 师,
 * 长…) lets a rare surname through; other labels need a name that looks like one by itself.
 */
function labelValueSpans(line: Line, firstColon: number): Span[] {
  const spans: Span[] = [];
  const re = /([^\s:：，,；;。|]{1,10})[:：]\s*([^\s|\t,，、；;。！？!?（(【[：:\d_]{1,5})(?=$|[\s|\t,，、；;。！？!?（(【[：:\d])/g;
  re.lastIndex = Math.max(0, firstColon - line.start - 10);
  for (let m = re.exec(line.text); m; m = re.exec(line.text)) {
    const head = m[1]!.replace(/[（(][^）)]*[）)]$/, '');
    const value = m[2]!;
    if (FIELD_LABELS.has(head) || FIELD_LABELS.has(head.slice(-2))) continue;
    const at = line.start + m.index + m[0].length - value.length;
    const role =
      LABEL_END.test(head) ||
      KIN.has(head) ||
      ROLE_LABELS.has(head) ||
      ROLE_LABELS.has(head.slice(-2)) ||
      /姓名|名字|联系人|负责人/.test(head);
    if (value.length === 1) {
      // 医师：邢 — a surname alone after a role.
      if (role && (COMMON.has(value) || RARE.has(value)) && m[0].length < 16) spans.push(span(at, value));
      continue;
    }
    spans.push(...personIn(value, at, role ? true : 'medium'));
  }
  return spans;
}

/** Labels whose value is never a person (地址：, 时间：, 电话：…): the speaker list without the roles. */
const ROLE_LABELS = new Set([
  '我',
  '你',
  '他',
  '她',
  '群主',
  '管理员',
  '客服',
  '用户',
  '主持人',
  '老师',
  '班主任',
  '家长',
  '业主',
  '物业',
  '房东',
  '租客',
  '中介',
  '卖家',
  '买家',
  '商家',
  '店家',
  '司机',
  '乘客',
  '医生',
  '患者',
  '病人',
  '护士',
  '律师',
  '原告',
  '被告',
  '甲方',
  '乙方',
  '丙方',
  '领导',
  '老板',
  '同事',
  '组长',
  '经理',
  '作者',
]);
const FIELD_LABELS = new Set(NOT_SPEAKERS.filter((w) => !ROLE_LABELS.has(w)));

/** Form labels end with one of these (申请人, 转让方, 投诉事项, 公司名称, 教育背景…): a label, not a name. */
const LABEL_END = /[人方号码址间期额称型别态因果注明题容况式类价量数名单项目书表息求点由位级历籍龄程序件务格证据景向字司师次户]$/;

/** Roles written before a speaker's name (设计师小林, 中介谭, 物业-小何). */
const ROLE_BEFORE =
  /(?:设计师|工程师|中介|物业|客服|司机|师傅|卖家|买家|店长|老师|医生|护士|律师|助理|经理|主管|房东|同事|组长|班长|队长|业主|导游|快递|外卖|保安|前台|销售|会计|出纳|HR|hr)$/;

/** Given-name starts of Uyghur, Kazakh and other names written without a surname (阿依古丽, 买买提). */
const NO_SURNAME_START = /^[阿艾买古热吐努帕迪玛依巴扎尼穆哈库乌]/;

/** The person in a speaker's label: 邱晓燕, 设计师小林, 中介谭, 物业-小何, Kevin Zhang, 阿依古丽. */
function speakerName(head: string, at: number, repeatedSpeaker: boolean): Span[] {
  if (NOT_SPEAKER.has(head) || KIN.has(head)) return [];
  // A whole label that is a name; a loose shape must not end like a form label.
  if (looksLikeName(head, false) || (looksLikeName(head, true) && !LABEL_END.test(head))) return [span(at, head)];
  const whole = personIn(head, at, true).filter((s) => s.text !== head || !LABEL_END.test(head));
  if (whole.length) return whole;
  // A role before the name: 设计师小林, 物业-小何, 中介谭 (the suffix that is a name).
  const parts = head.split(/[-—－|/]/);
  const last = parts[parts.length - 1]!.trim();
  const lastAt = at + head.lastIndexOf(last);
  if (parts.length > 1 && last) {
    const found = personIn(last, lastAt, true);
    if (found.length) return found;
  }
  for (let cut = 2; cut < last.length; cut++) {
    if (!ROLE_BEFORE.test(last.slice(0, cut))) continue;
    const suffix = last.slice(cut);
    if (suffix.length > 4) continue;
    if (looksLikeName(suffix, true) || addressForm(suffix)) return [span(lastAt + cut, suffix)];
    if (suffix.length === 1 && COMMON.has(suffix)) return [span(lastAt + cut, suffix)];
  }
  // A speaker who talks more than once in a chat log, named without a surname (阿依古丽).
  if (
    repeatedSpeaker &&
    CJK_RUN.test(head) &&
    head.length >= 3 &&
    head.length <= 5 &&
    NO_SURNAME_START.test(head) &&
    ![...head].some((c) => NEVER_IN_NAME.has(c)) &&
    !LABEL_END.test(head)
  )
    return [span(at, head)];
  return [];
}

/** @mentions: @刘洋, @Kevin. */
function mentionSpans(text: string): Span[] {
  const spans: Span[] = [];
  if (text.indexOf('@') < 0 && text.indexOf('＠') < 0) return spans;
  const re = /[@＠]([A-Z][a-z]+(?: [A-Z][a-z]+)?|[\u4e00-\u9fa5·]{2,6})/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const value = m[1]!;
    const at = m.index + 1;
    if (/^[A-Z]/.test(value)) {
      if (!value.split(' ').some((w) => NOT_LATIN.has(w))) spans.push(span(at, value));
      continue;
    }
    // The longest prefix that is a name: @蒋文博你把… → 蒋文博.
    for (let len = Math.min(value.length, 5); len >= 2; len--) {
      const token = value.slice(0, len);
      if (refused(token) || [...token].some((c) => NEVER_IN_NAME.has(c))) continue;
      if (len <= 4 ? looksLikeName(token, true) || addressForm(token) : value.includes('·')) {
        spans.push(span(at, token));
        break;
      }
      if (len === 2) spans.push(span(at, token));
    }
  }
  return spans;
}

const NAME_HEADERS = /^(?:姓名|名字|联系人|负责人|值班人|员工|人员|成员|学生|患者|客户|收件人|name|Name|NAME|full ?name|Full ?Name)$/;

/** Table cells (| or tab separated), CSV with a name column, and whitespace-separated roster lines. */
function cellSpans(lines: Line[]): Span[] {
  const spans: Span[] = [];
  let nameColumn: { sep: string; index: number } | undefined;
  for (const line of lines) {
    const sep = line.text.includes('|') ? '|' : line.text.includes('\t') ? '\t' : /,.*,/.test(line.text) ? ',' : '';
    if (sep) {
      const cells = line.text.split(sep);
      const header = cells.findIndex((c) => NAME_HEADERS.test(c.trim()));
      if (header >= 0) {
        nameColumn = { sep, index: header };
        continue;
      }
      let offset = line.start;
      cells.forEach((cell, index) => {
        const value = cell.trim();
        const at = offset + cell.indexOf(value);
        offset += cell.length + sep.length;
        if (!value) return;
        const inNameColumn = nameColumn?.sep === sep && nameColumn.index === index;
        if (inNameColumn && CJK_RUN.test(value) && value.length >= 2 && value.length <= 5 && !refused(value)) spans.push(span(at, value));
        else if (sep !== ',' || inNameColumn) spans.push(...personIn(value, at, true));
        else if (latinName(value, false)) spans.push(span(at, value));
      });
      continue;
    }
    nameColumn = undefined;
    // A roster or signature line: tokens separated by whitespace (欧阳倩 皇甫俊杰 …, 郝梦洁 5号楼…, 总经理 蒯立新),
    // or a name first with its details after a comma or a bracket (晁浩宇，32岁…, 沐晨曦（家长…).
    const lead = skipLead(line.text);
    const body = line.text.slice(lead);
    const tokens = [...body.matchAll(/[^\s]+/g)].map((t) => {
      const cut = t[0].search(/[，,（(|｜。；;]/);
      return { value: cut > 0 ? t[0].slice(0, cut) : t[0].replace(/[|｜,，。)）]+$/, ''), index: t.index, whole: t[0] };
    });
    if (tokens.length === 0) continue;
    const details = tokens.length > 1 && looseRosterHead(body);
    let nameLine = false;
    if (tokens.length >= 3) {
      const short = tokens.filter((t) => t.value.length >= 2 && t.value.length <= 4 && CJK_RUN.test(t.value));
      const named = short.filter((t) => personIn(t.value, 0, false).length > 0).length;
      nameLine = short.length === tokens.length && named * 2 >= tokens.length;
    }
    tokens.forEach((t, k) => {
      const at = line.start + lead + t.index;
      if (!t.value || t.value.length > 6 || !/^[\u4e00-\u9fa5A-Z]/.test(t.value)) return;
      const first = k === 0;
      // The first token (a name with details after it), or any whitespace-separated token that is a name by itself.
      const loose = nameLine || (first && details) || (k > 0 && ROLE_BEFORE_TOKEN.test(tokens[k - 1]!.value));
      if (!first && !loose && t.value !== t.whole) return;
      if (loose && !personIn(t.value, at, false).length && LABEL_END.test(t.value)) return;
      spans.push(...personIn(t.value, at, loose));
    });
  }
  return spans;
}

/** A roster's role column before a name: 总经理 蒯立新, 监理 牛立峰, 主卧 伍嘉乐. */
const ROLE_BEFORE_TOKEN =
  /(?:经理|总监|主管|主任|监理|总工|工长|师傅|老师|医生|医师|护士|律师|会计|出纳|司机|领队|导游|队长|组长|班长|主卧|次卧|卧|瓷砖|油漆|水电|木工|泥工|保洁|保安|前台|联系人|负责人|对接人|家长|学生|员工)$/;

/** A line whose first token is followed by what describes a person: a number, a building, a contact, a role. */
function looseRosterHead(body: string): boolean {
  const rest = body.replace(/^\S+?(?=[\s，,（(]|$)/, '');
  return /\d{3}|\d\D+\d|\d{1,3}岁|栋|号楼|单元|室|微信|vx|VX|wx|WX|\+v|电话|手机|身份证|律师|经理|总监|主任|医生|老师|家长|[男女][，,）)]|部|组/.test(
    rest,
  );
}

/** Enumerations with 、 (詹秋月、麦嘉俊; 晏清、蓝沁、关若彤): a list of names is names, item by item. */
function enumerationSpans(text: string): Span[] {
  const spans: Span[] = [];
  if (!text.includes('、')) return spans;
  const re = /(?:[\u4e00-\u9fa5·]{1,6}、){1,}[\u4e00-\u9fa5·]{1,6}/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let at = m.index;
    const items = m[0].split('、');
    // The first item may carry what came before it on the line (夜班：詹秋月 is cut at the colon already).
    const found: Span[] = [];
    let named = 0;
    for (const item of items) {
      const token = trimItem(item);
      const offset = at + item.lastIndexOf(token);
      const strict = personIn(token, offset, false);
      if (strict.length) named += 1;
      found.push(...(strict.length ? strict : personIn(token, offset, true)));
      at += item.length + 1;
    }
    if (named * 2 >= items.length && named >= 1) spans.push(...found);
  }
  return spans;
}

/** An enumeration item without what surrounds the name: 大舅钮卫东一家 → 钮卫东, 二姨钮桂香 → 钮桂香. */
function trimItem(item: string): string {
  let token = item;
  const kin = KIN_PHRASES.startingAt(token, 0);
  if (kin && token.length > kin.length + 1) token = token.slice(kin.length);
  token = token.replace(/(?:一家|夫妇|全家|等人|等|们)$/, '');
  return token;
}

/** Names in quotes: 「唐小棠」, “纪承宇”. */
function quoteSpans(text: string): Span[] {
  const spans: Span[] = [];
  const re = /[「“"『‘']([\u4e00-\u9fa5·]{2,8})[」”"』’']/g;
  for (let m = re.exec(text); m; m = re.exec(text)) spans.push(...personIn(m[1]!, m.index + 1, 'medium'));
  return spans;
}

/** The name right after a kinship word: 我爸卢国栋上周…, 二舅臧德福正月…, 我闺蜜「唐小棠」. */
function kinshipSpans(index: TextIndex): Span[] {
  const { text } = index;
  const spans: Span[] = [];
  const { list, count } = index.positions(KIN_OR_ROLE_START);
  // Past the last kinship word or role that was followed by a surname.
  let next = 0;
  for (let k = 0; k < count; k++) {
    const i = list[k]!;
    if (i < next) continue;
    const kin = KIN_PHRASES.startingAt(text, i);
    const role = kin ? undefined : ROLES.startingAt(text, i);
    if (!kin && !role) continue;
    const start = i + (kin ?? role)!.length;
    const s = surnameLength(text, start, true) || (WORDISH.hasAt(text, start) ? 1 : 0);
    if (s === 0) continue;
    // Surname, then one or two given characters, ending where a name ends.
    let end = start + s;
    for (let k = 0; k < 2; k++) {
      const c = text[end] ?? '';
      if (!CJK.test(c) || NEVER_IN_NAME.has(c)) break;
      if (k === 1 && endsName(text, end)) break;
      end += 1;
    }
    // A kinship word is a strong sign; a role (人事, 运维…) needs a name that looks like one. The longest that does.
    for (let e = end; e - start - s >= 1; e--) {
      const token = text.slice(start, e);
      if (looksLikeName(token, kin !== undefined ? true : 'medium')) {
        spans.push(span(start, token));
        break;
      }
    }
    next = start;
  }
  return spans;
}

/** Words that begin right after a name (张伟今年…, 王芳说…): the second given character is not one of them. */
const AFTER_NAME = new PhraseSet([
  '上周',
  '上个',
  '去年',
  '今年',
  '明年',
  '昨天',
  '今天',
  '明天',
  '现在',
  '一直',
  '已经',
  '正月',
  '一家',
  '住院',
  '出差',
  '请假',
  '夫妇',
  '电话',
  '手机',
]);
function endsName(text: string, at: number): boolean {
  return (
    AFTER_NAME.startingAt(text, at) !== undefined || /[说在是的了和跟与也都就还又很要会能去来到给被把从对向让一上下]/.test(text[at] ?? '')
  );
}

/** Characters after which a word starts (找葛姐, 让老严, 明天霍总…). */
const WORD_START_AFTER = '找跟和与给问让叫请是被把向对带陪说约等及或到见天晚上的位个由边系维家员事友呢吧啊了';

/** Words that end in a surname character and often come before a title (历史老师 is not 史老师). */
const WORD_BEFORE_TITLE = new Set([
  '谢谢',
  '随车',
  '跟车',
  '法班',
  '文班',
  '乐班',
  '历史',
  '语文',
  '中文',
  '英文',
  '日文',
  '德文',
  '法文',
  '外文',
  '人文',
  '天文',
  '主任',
  '班主',
  '数学',
  '化学',
  '钢琴',
  '体育',
  '心理',
  '项目',
  '客户',
  '总监',
  '高管',
  '主管',
  '兼任',
  '担任',
  '主治',
  '技术',
  '安全',
]);

/** A surname and a form of address in running text: 霍总要来, 找葛姐, 聂爷爷, 老严开车, 小林说. */
function titleSpans(index: TextIndex): Span[] {
  const { text } = index;
  const spans: Span[] = [];
  const { list, count } = index.positions(TITLED_START);
  // Past the last 小X / 老X taken.
  let resume = 0;
  for (let k = 0; k < count; k++) {
    const i = list[k]!;
    if (i < resume) continue;
    // Cheap tests first, on the character code: this runs at every surname, 小 and 老 of the prompt.
    const code = text.charCodeAt(i);
    const form = code === 0x5c0f /* 小 */ || code === 0x8001; /* 老 */
    if (form ? !COMMON.hasAt(text, i + 1) && !RARE.hasAt(text, i + 1) : !COMMON.hasAt(text, i) && !RARE.hasAt(text, i)) continue;
    if (!form && !TITLES.startingAt(text, i + 1)) continue;
    const c = text[i]!;
    const prev = text[i - 1] ?? '';
    const wordStart = !CJK.test(prev) || WORD_START_AFTER.includes(prev);
    if (form) {
      const form = text.slice(i, i + 2);
      const next = text[i + 2] ?? '';
      if (
        addressForm(form) &&
        (wordStart || prev === '的') &&
        (!CJK.test(next) || /[开帮打发叫问找约多你您]/.test(next) || endsName(text, i + 2) || TITLES.startingAt(text, i + 2))
      ) {
        spans.push(span(i, form));
        resume = i + 2;
      }
      continue;
    }
    if (!COMMON.hasAt(text, i) && !RARE.hasAt(text, i)) continue;
    const title = TITLES.startingAt(text, i + 1);
    if (!title) continue;
    // Two-character titles (老师, 师傅, 女士…) mark a surname wherever it stands, unless the character
    // before makes it part of a word (历史老师, 语文老师); one-character ones (哥, 总…) need a word start.
    if (title.length >= 2 ? WORD_BEFORE_TITLE.has(text.slice(i - 1, i + 1)) : !wordStart) continue;
    if (!COMMON.hasAt(text, i) && title.length < 2 && title !== '哥' && title !== '姐') continue;
    const token = text.slice(i, i + 1 + title.length);
    if (NOT_NAMES.has(token) || NOT_NAMES.has(text.slice(i, i + 2))) continue;
    // 总 as a title only when it does not start a word of its own (总结, 总共, 总是…).
    if (title === '总' && /^[结共是算体部额价数量计和之归会得觉监裁经]/.test(text[i + 2] ?? '')) continue;
    // One-character forms (哥, 姐, 叔, 姨…) must end there: 葛姐，, 樊哥，.
    if (title.length === 1 && !'总哥姐'.includes(title) && CJK.test(text[i + 2] ?? '') && !endsName(text, i + 2)) continue;
    spans.push(span(i, c));
  }
  return spans;
}

/** Romanized names in running text (Kevin Zhang, Chen Yuting, Dear Mr. Wu, Jason Wu (吴家声)). */
/** Every pattern below starts with a capital followed by a letter (Kevin, ZHUGE/…, Surname:…). */
const LATIN_START = /[A-Z][A-Za-z]/;

function latinSpans(text: string): Span[] {
  const spans: Span[] = [];
  if (!LATIN_START.test(text)) return spans;
  const re = /[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?(?: [A-Z][a-z]+(?:-[A-Z]?[a-z]+)?){1,2}/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (/[A-Za-z]/.test(text[m.index - 1] ?? '')) continue;
    const words = m[0].split(' ');
    // Trim words that are not part of a name on either side ("Dear Kevin Zhang", "Hannah Schmidt Procurement").
    while (words.length && NOT_LATIN.has(words[0]!)) words.shift();
    while (words.length && NOT_LATIN.has(words[words.length - 1]!)) words.pop();
    const value = words.join(' ');
    if (words.length >= 2 && latinName(value, false)) spans.push(span(m.index + m[0].indexOf(value), value));
  }
  // Passport style: ZHUGE/YUTONG, and HE Zixuan (an upper-case pinyin surname before the given name).
  const passport = /(?:^|[^A-Za-z])([A-Z]{2,12}\/[A-Z]{2,12}(?: [A-Z]{2,12})?)(?![A-Za-z])/g;
  for (let m = passport.exec(text); m; m = passport.exec(text)) spans.push(span(m.index + m[0].length - m[1]!.length, m[1]!));
  const upper = /(?:^|[^A-Za-z])([A-Z]{2,10} [A-Z][a-z]+(?:-?[A-Z]?[a-z]+)?)(?![A-Za-z])/g;
  for (let m = upper.exec(text); m; m = upper.exec(text)) {
    const [surname] = m[1]!.split(' ');
    const cased = surname![0] + surname!.slice(1).toLowerCase();
    if (PINYIN.has(cased)) spans.push(span(m.index + m[0].length - m[1]!.length, m[1]!));
  }
  // Form fields in English: Surname: QUE, Given names: JIAHAO, Name: Chen Yuting.
  const field =
    /(?:Surname|Given names?|First name|Last name|Family name|Full name|Name)\s*[:：]\s*([A-Z][A-Za-z]+(?:[ -][A-Z][A-Za-z]+){0,2})/g;
  for (let m = field.exec(text); m; m = field.exec(text)) {
    if (!NOT_LATIN.has(m[1]!)) spans.push(span(m.index + m[0].length - m[1]!.length, m[1]!));
  }
  // An English given name standing in Chinese text: 我媳妇儿Cindy（…, “Sophia”, “Tina老师”.
  const single = /[A-Z][a-z]{2,}/g;
  for (let m = single.exec(text); m; m = single.exec(text)) {
    const before = text[m.index - 1] ?? '';
    const after = text[m.index + m[0].length] ?? '';
    const chinese = (c: string) => CJK.test(c) || /[，。、：；！？“”「」（）]/.test(c);
    if (ENGLISH.has(m[0]) && chinese(before) && (chinese(after) || after === '')) spans.push(span(m.index, m[0]));
  }
  const honorific = /\b(?:Mr|Mrs|Ms|Miss|Dr|Prof)\.?\s+([A-Z][a-z]+)/g;
  for (let m = honorific.exec(text); m; m = honorific.exec(text)) spans.push(span(m.index + m[0].length - m[1]!.length, m[1]!));
  // A Chinese name in brackets after a romanized one: Jason Wu (吴家声).
  const bracketed = /[A-Z][a-z]+ [A-Z][a-z]+\s*[（(]([\u4e00-\u9fa5]{2,4})[）)]/g;
  for (let m = bracketed.exec(text); m; m = bracketed.exec(text)) {
    if (looksLikeName(m[1]!, true)) spans.push(span(m.index + m[0].length - m[1]!.length - 1, m[1]!));
  }
  return spans;
}

/** Minority names without a surname anywhere in the text: 扎西多吉, 乌云其木格, 热依拉艾山. */
function minoritySpans(index: TextIndex): Span[] {
  const { text } = index;
  const spans: Span[] = [];
  const { list, count } = index.positions(MINORITY_START);
  // Past the last name taken.
  let next = 0;
  for (let k = 0; k < count; k++) {
    const i = list[k]!;
    if (i < next) continue;
    if (!MINORITY.startingAt(text, i) || (i > 0 && MINORITY.endingAt(text, i))) continue;
    let end = i;
    for (let piece = MINORITY.startingAt(text, end); piece; piece = MINORITY.startingAt(text, end)) end += piece.length;
    const token = text.slice(i, end);
    if (minorityName(token) && !refused(token)) {
      spans.push(span(i, token));
      next = end;
    }
  }
  return spans;
}

/** A surname on its own after 姓: 我姓文, 理赔专员姓马, 跟我姓“褚”. */
function surnameOnlySpans(text: string): Span[] {
  const spans: Span[] = [];
  const re = /姓[“"「]?([\u4e00-\u9fa5]{1,2})[”"」]?/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const value = m[1]!;
    const one = value[0]!;
    if (!COMMON.has(one) && !RARE.has(one) && !WORDISH.has(one) && !COMPOUND.startingAt(value, 0)) continue;
    const surname = COMPOUND.startingAt(value, 0) ?? one;
    const end = m.index + m[0].indexOf(value) + surname.length;
    const next = text[end] ?? '';
    // 姓名, 姓氏 are words; a surname stands alone when what follows is not part of a name.
    if (/[名氏]/.test(one) || (CJK.test(next) && !/[，。、的是吗呢吧啊”"」也就还]/.test(next))) continue;
    spans.push(span(end - surname.length, surname));
  }
  return spans;
}

/**
 * A name between delimiters followed by a person's details (投保人是我，卓秀梅，身份证…; 黄士豪（台湾）台湾身份证;
 * 巩俊豪（身份证号…): the details say a person was just named.
 */
function detailsAfterSpans(text: string): Span[] {
  const spans: Span[] = [];
  // Find the details first (rare), then look back for the name before them.
  const details =
    /[，,（(]\s*(?:[\u4e00-\u9fa5]{0,4}身份证|电话|手机|联系方式|微信|男[，,）)]|女[，,）)]|\d{1,3}岁|生于|出生|户籍|住址|家住|护照|台湾|香港|澳门)/g;
  for (let m = details.exec(text); m; m = details.exec(text)) {
    const from = Math.max(0, m.index - 5);
    const before = (
      from === 0 ? /(?:^|[\s，,：:、；;（(“「])([\u4e00-\u9fa5]{2,4})$/ : /[\s，,：:、；;（(“「]([\u4e00-\u9fa5]{2,4})$/
    ).exec(text.slice(from, m.index));
    if (!before) continue;
    const at = m.index - before[1]!.length;
    spans.push(...personIn(before[1]!, at, true).filter((s) => !LABEL_END.test(s.text)));
  }
  return spans;
}

/** Names in logs and code: receiver=庄晓彤, name=牛嘉乐, ('昌文博', …). */
function fieldSpans(text: string): Span[] {
  const spans: Span[] = [];
  const re =
    /(?:name|Name|receiver|sender|consignee|contact|realname|realName|user_name|userName|nickname|姓名|收件人)\s*[=:]\s*["']?([\u4e00-\u9fa5·]{2,6})/g;
  for (let m = re.exec(text); m; m = re.exec(text)) spans.push(...personIn(m[1]!, m.index + m[0].length - m[1]!.length, true));
  return spans;
}

/** Transliterated names with a middle dot anywhere in the text: 古丽娜尔·吐尔逊. */
function dottedSpans(text: string): Span[] {
  const spans: Span[] = [];
  if (!/[·‧•・]/.test(text)) return spans;
  const re = /[\u4e00-\u9fa5]{2,6}[·‧•・][\u4e00-\u9fa5]{2,6}/g;
  for (let m = re.exec(text); m; m = re.exec(text)) if (looksLikeName(m[0], true)) spans.push(span(m.index, m[0]));
  return spans;
}

/** The two-character given name of a full name (覃海鹰 → 海鹰), found again when used alone. */
export function givenNameOf(name: string): string | undefined {
  const s = surnameLength(name, 0, true);
  const given = name.slice(s);
  return s > 0 && given.length === 2 && CJK_RUN.test(given) && !NOT_NAMES.has(given) && !refused(given) ? given : undefined;
}

/** Each way of finding a name by its place, by name (the evaluation reports which one found what). */
export const PLACE_DETECTORS: Record<string, (index: TextIndex, lines: Line[]) => Span[]> = {
  speaker: (_i, lines) => speakerSpans(lines),
  mention: (index) => mentionSpans(index.text),
  cell: (_i, lines) => cellSpans(lines),
  enumeration: (index) => enumerationSpans(index.text),
  quote: (index) => quoteSpans(index.text),
  kinship: (index) => kinshipSpans(index),
  title: (index) => titleSpans(index),
  latin: (index) => latinSpans(index.text),
  dotted: (index) => dottedSpans(index.text),
  minority: (index) => minoritySpans(index),
  surname: (index) => surnameOnlySpans(index.text),
  details: (index) => detailsAfterSpans(index.text),
  field: (index) => fieldSpans(index.text),
};

const PLACES = Object.values(PLACE_DETECTORS);

export function detectPersonsByPlace(index: TextIndex): Span[] {
  const lines = linesOf(index.text);
  const spans: Span[] = [];
  for (const d of PLACES) for (const s of d(index, lines)) spans.push(s);
  return spans;
}
