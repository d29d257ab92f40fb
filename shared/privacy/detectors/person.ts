import { COMPOUND_SURNAMES, GIVEN_NAME_CHARS, NOT_NAMES, PUBLIC_FIGURES, SURNAMES } from '../data/names';
import { MORE_GIVEN_CHARS, NOT_LATIN_NAMES } from '../data/names-more';
import { CharSet, PhraseSet } from '../phrases';
import { defineTrigger, firstChars, type TextIndex } from '../text-index';
import type { Span } from '../types';

const NOT_LATIN = new Set(NOT_LATIN_NAMES);

/**
 * Chinese names have no checksum, so PERSON is found from context:
 * 1. a cue word (我叫、姓名、联系人、收件人、患者…) followed by a name;
 * 2. a surname followed by a title (王先生、张伟老师、李工);
 * 3. without a cue, a surname + common given-name characters in a sentence position where people
 *    appear (跟张伟说、李娜的电话、同事王芳) — never public figures or ordinary words;
 * 4. romanized names after "my name is" / "Name:" / Mr.
 * Names found once are also redacted wherever they appear again (the session does that).
 */

const SURNAME_SET = new CharSet(SURNAMES);
const GIVEN_SET = new CharSet(GIVEN_NAME_CHARS);
/** Every character seen in given names: what may follow a surname right after a cue. */
const ANY_GIVEN = new CharSet(GIVEN_NAME_CHARS + MORE_GIVEN_CHARS);
const CJK = /[\u4e00-\u9fa5]/;
/** The same test on a character code (NaN past either end of the text is not CJK). */
const isCjk = (c: number) => c >= 0x4e00 && c <= 0x9fa5;
/** Characters that start a phrase, not a name (被告是一家公司). */
const NOT_A_SURNAME = new CharSet('一二三四五六七八九十这那某本该每各其此个位名家我你他她它的在有无不没');

/** Characters that never belong to a name: particles, pronouns, punctuation, digits. */
const STOP = new CharSet('的了是吗呢吧啊呀么们这那哪你我他她它，。！？、；：,.!?;:（）()【】[]《》“”"\' \n\t0123456789');

/** Words that end a name when they follow it (张伟今年…, 王芳明天…, 李娜说…). */
// prettier-ignore
const FOLLOW_WORDS = ['今年', '今天', '明天', '明年', '昨天', '现在', '目前', '已经', '一直', '正在', '需要', '想要', '打算', '电话', '手机', '身份证', '住在', '家住', '来自', '先生', '女士', '小姐', '老师', '医生', '和', '跟', '与', '给', '在', '说', '问', '要', '想', '也', '都', '就', '还', '又', '很', '不', '没', '有', '会', '能', '可以', '让', '把', '被', '从', '对', '因为', '所以', '但', '如果', '去', '来', '到', '住', '写', '发', '打', '帮', '请', '签', '借', '欠', '买', '卖', '年', '岁', '号', '同学', '同事'];

const FOLLOW = new PhraseSet(FOLLOW_WORDS);
const endsName = (text: string, p: number) => FOLLOW.startingAt(text, p) !== undefined;

/** A cue that introduces a name: strong ones need no check of what follows. */
// prettier-ignore
const STRONG_CUES = ['他叫', '她叫', '名叫', '户名', '中文名叫', '中文名是', '中文名', '英文名', '全名', '本名', '原名', '我叫', '我的名字是', '我的名字叫', '名字是', '名字叫', '姓名', '联系人', '收件人', '收货人', '寄件人', '患者', '病人', '申请人', '当事人', '委托人', '被告人', '被告', '原告', '法定代表人', '法人代表', '负责人', '经办人', '候选人', '求职者', '持卡人', '开户人', '户主', '签名', '署名', '叫做', '乘机人', '乘车人', '乘客', '旅客', '入住人', '预订人', '订票人', '驾驶人', '出借人', '借款人', '担保人', '投保人', '被保险人', '受益人', '承租人', '出租人', '监护人', '代理人', '推荐人', '介绍人', '面试官', '司机叫', '被执行人'];
// prettier-ignore
const WEAK_CUES = ['我是', '本人', '客户', '用户', '会员', '顾客', '租户', '住户', '车主', '机主', '学生', '员工', '业主', '租客', '房东', '同事', '同学', '朋友', '老公', '老婆', '丈夫', '妻子', '儿子', '女儿', '爸爸', '妈妈', '父亲', '母亲', '哥哥', '姐姐', '弟弟', '妹妹', '领导', '上司', '老板', '孩子', '宝宝', '家属', '室友', '邻居', 'HR', '医生', '新郎', '新娘', '班主任', '校长', '主任', '队长', '组长', '经理', '总监', '董事长', '总经理', '店长', '教练', '导师', '护士', '律师', '会计', '对象', '男朋友', '女朋友', '未婚夫', '未婚妻'];
// prettier-ignore
const CONTEXT_BEFORE = ['和', '跟', '与', '给', '找', '帮', '让', '请', '问', '告诉', '通知', '联系', '转告', '叫', '替', '陪', '及', '、', '上次', '昨天', '今天', '刚才', '之前', '后来', '当时', '那天', '这次', '听说', '记得', '发现', '认识', '遇到', '看到', '把', '被', '向', '对'];
// prettier-ignore
const CONTEXT_AFTER = ['说', '问', '的电话', '的手机', '的身份证', '的地址', '的微信', '的邮箱', '的银行卡', '今年', '是我', '在', '要', '想', '打', '发', '来', '去', '住', '也', '都', '已经', '还', '让', '把', '被', '对', '向', '跟', '和', '，', '。', '、', '：', '！', '？', ','];
const TITLES = [
  '师兄',
  '师姐',
  '学长',
  '学姐',
  '先生',
  '女士',
  '小姐',
  '老师',
  '医生',
  '大夫',
  '律师',
  '经理',
  '总监',
  '主任',
  '教授',
  '同学',
  '阿姨',
  '叔叔',
  '师傅',
  '老板',
  '总',
  '工',
];

const COMPOUND = new PhraseSet(COMPOUND_SURNAMES);

/** Where a cue can start, and where a surname (single or compound) can: the text index lists these positions. */
const CUE_START = defineTrigger(firstChars(STRONG_CUES, WEAK_CUES));
const SURNAME_START = defineTrigger([...SURNAMES, ...firstChars(COMPOUND_SURNAMES)]);

function surnameAt(text: string, i: number): number {
  const compound = COMPOUND.startingAt(text, i);
  if (compound) return compound.length;
  return SURNAME_SET.hasAt(text, i) ? 1 : 0;
}

/** The name starting at i: a surname and up to two given characters, cut at the first stop character. */
function nameAt(text: string, i: number, opts: { requireSurname: boolean; givenOnly: boolean }): string | null {
  let s = surnameAt(text, i);
  if (s === 0) {
    if (opts.requireSurname) return null;
    s = 1; // a rare surname after a strong cue
  }
  let end = i + s;
  for (let k = 0; k < 2; k++) {
    // Character codes, not text[end]: this runs at every surname character of the prompt.
    if (!isCjk(text.charCodeAt(end)) || STOP.hasAt(text, end) || (k > 0 || opts.givenOnly ? endsName(text, end) : false)) break;
    if (opts.givenOnly && !GIVEN_SET.hasAt(text, end)) break;
    end += 1;
  }
  if (end - i - s < 1 || !isCjk(text.charCodeAt(i))) return null;
  return text.slice(i, end);
}

const SEPARATORS = ['写的是', '填的是', '名字是', '名字叫', '叫做', '是', '为', '叫', ':', '：', ' ', '"', '“', '「'];

function skipSeparators(text: string, i: number): number {
  let j = i;
  for (let guard = 0; guard < 3; guard++) {
    const sep = SEPARATORS.find((s) => text.startsWith(s, j));
    if (!sep) break;
    j += sep.length;
  }
  return j;
}

const STRONG = new PhraseSet(STRONG_CUES);
const WEAK = new PhraseSet(WEAK_CUES);
const BEFORE = new PhraseSet(CONTEXT_BEFORE);
const AFTER = new PhraseSet(CONTEXT_AFTER);
const TITLE_SET = new PhraseSet(TITLES);

function cueSpans(index: TextIndex): Span[] {
  const { text } = index;
  const spans: Span[] = [];
  const { list, count } = index.positions(CUE_START);
  for (let k = 0; k < count; k++) {
    const at = list[k]!;
    const strongCue = STRONG.startingAt(text, at);
    const cue = strongCue ?? WEAK.startingAt(text, at);
    if (!cue) continue;
    const strong = strongCue !== undefined;
    const start = skipSeparators(text, at + cue.length);
    // A rare surname is only trusted after an explicit separator (姓名：阿依古丽), not before a verb (房东不退…).
    const separated = start > at + cue.length;
    let name = nameAt(text, start, { requireSurname: !(strong && separated), givenOnly: false });
    if (name && !SURNAME_SET.has(name[0]!) && surnameAt(text, start) === 0 && NOT_A_SURNAME.has(name[0]!)) name = null;
    if (!name && strong) {
      // A surname we do not list, right after the cue: trusted when the name then clearly ends (乘机人萧梦瑶，).
      const guess = nameAt(text, start, { requireSurname: false, givenOnly: false });
      if (
        guess &&
        guess.length >= 2 &&
        !NOT_A_SURNAME.has(guess[0]!) &&
        (STOP.has(text[start + guess.length] ?? '。') || endsName(text, start + guess.length))
      )
        name = guess;
    }
    if (!name || NOT_NAMES.has(name) || PUBLIC_FIGURES.has(name)) continue;
    // Right after a cue, without a separator, a verb or a noun can stand where a name would (被告归还…,
    // 候选人信息, 申请人支付): what follows the surname must be made of given-name characters.
    if (!separated && [...name.slice(surnameAt(name, 0) || 1)].some((c) => !ANY_GIVEN.has(c))) continue;
    if (!strong) {
      // Weak cues (我是, 同事…) also precede ordinary words: the name must end where a name ends.
      const next = text[start + name.length] ?? '';
      if (
        next &&
        CJK.test(next) &&
        !STOP.has(next) &&
        !endsName(text, start + name.length) &&
        !TITLE_SET.startingAt(text, start + name.length)
      )
        continue;
      if (PUBLIC_FIGURES.has(name)) continue;
    }
    spans.push({ type: 'PERSON', start, end: start + name.length, text: name });
  }
  return spans;
}

function titleSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const title of TITLES) {
    for (let at = text.indexOf(title); at >= 0; at = text.indexOf(title, at + 1)) {
      // Try the longest name first: 张伟老师, then 张老师.
      for (let len = 4; len >= 1; len--) {
        const start = at - len;
        if (start < 0) continue;
        const candidate = text.slice(start, at);
        const s = surnameAt(text, start);
        if (s === 0 || s > len || ![...candidate].every((c) => CJK.test(c) && !STOP.has(c))) continue;
        if ([...candidate.slice(s)].some((c) => !GIVEN_SET.has(c) || '和与跟及或'.includes(c)) || NOT_NAMES.has(candidate.slice(s)))
          continue;
        if (NOT_NAMES.has(candidate) || NOT_NAMES.has(candidate + title) || PUBLIC_FIGURES.has(candidate)) continue;
        // 总/工 as titles only after a bare surname (王总, 李工), never inside words (总结, 工作).
        if ((title === '总' || title === '工') && (len !== s || (CJK.test(text[at + 1] ?? '') && !STOP.has(text[at + 1]!)))) continue;
        // The previous character must not make the surname part of a word (高中老师 is a teacher, not 高中).
        if (start > 0 && NOT_NAMES.has(text.slice(start - 1, start + 1))) continue;
        spans.push({ type: 'PERSON', start, end: at, text: candidate });
        break;
      }
    }
  }
  return spans;
}

/** What says the name before it is a person's (张伟说, 李娜的电话): matched in place, at the name's end. */
const CUED_AFTER =
  /(?:说|问|告诉|借了|借我|欠我|找我|约我|让我|帮我|给我|打电话|发消息|的电话|的手机|的身份证|的地址|的微信|的邮箱|的银行卡|今年|是我)/y;

function cuedAt(sticky: RegExp, text: string, at: number): boolean {
  sticky.lastIndex = at;
  return sticky.test(text);
}

function listedName(text: string, i: number, end: number): boolean {
  const prev = text[i - 1] ?? '';
  const next = text[end] ?? '';
  return (prev === '、' && /^[、，,。；;！？]?$/.test(next)) || (next === '、' && (i === 0 || /[：:、，,\s]/.test(prev)));
}

/** How contextSpans reads a name (one object, not one per surname of the prompt). */
const GIVEN_ONLY = { requireSurname: true, givenOnly: true };

function contextSpans(index: TextIndex): Span[] {
  const { text } = index;
  const spans: Span[] = [];
  const { list, count } = index.positions(SURNAME_START);
  // The first position after the last name found: names do not overlap.
  let resume = 0;
  for (let k = 0; k < count; k++) {
    const i = list[k]!;
    if (i < resume) continue;
    const s = surnameAt(text, i);
    if (s === 0) continue;
    const name = nameAt(text, i, GIVEN_ONLY);
    if (!name || name.length < 2 || NOT_NAMES.has(name) || PUBLIC_FIGURES.has(name)) continue;
    const end = i + name.length;
    // Names in a list: 张伟、李娜、王芳 (an enumeration comma on one side, a delimiter on the other).
    // The 、 is looked for on the codes first: cutting the two characters out allocated at every name.
    const listed = (text.charCodeAt(i - 1) === 0x3001 || text.charCodeAt(end) === 0x3001) && listedName(text, i, end);
    if (listed) {
      spans.push({ type: 'PERSON', start: i, end, text: name });
      resume = end;
      continue;
    }
    // A person's place in the sentence: a strong hint on one side, and nothing that glues the name into a word.
    // Each hint is looked up only when the ones before it leave the answer open (this runs at every name-like pair).
    const cuedBefore = BEFORE.endingAt(text, i) !== undefined || WEAK.endingAt(text, i) !== undefined;
    const placed =
      (cuedBefore && (AFTER.startingAt(text, end) !== undefined || end === text.length || isCjk(text.charCodeAt(end)))) ||
      ((cuedBefore || i === 0 || !isCjk(text.charCodeAt(i - 1)) || STOP.hasAt(text, i - 1)) && cuedAt(CUED_AFTER, text, end));
    if (placed) {
      spans.push({ type: 'PERSON', start: i, end: i + name.length, text: name });
      resume = end;
    }
  }
  return spans;
}

/** Names inside code and data: name: "张伟", "realName":"李娜", 姓名=王芳. */
const FIELD =
  /["']?(?:name|userName|username|realName|real_name|fullName|full_name|nickname|contact|姓名|联系人)["']?\s*[:=]\s*["'“]([\u4e00-\u9fa5·]{2,5})["'”]/g;

function fieldSpans(text: string): Span[] {
  const spans: Span[] = [];
  FIELD.lastIndex = 0;
  for (let m = FIELD.exec(text); m; m = FIELD.exec(text)) {
    const name = m[1]!;
    const start = m.index + m[0].lastIndexOf(name);
    spans.push({ type: 'PERSON', start, end: start + name.length, text: name });
  }
  return spans;
}

const ROMAN =
  /(?:[Mm]y name is|[Nn]ame\s*[:：]|NAME\s*[:：]|I am|I'm|Mrs?\.?|Ms\.?|Miss|Dr\.?|Dear)\s+([A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})/g;

/** The name ROMAN captures starts with a capital and a small letter: without one anywhere, nothing to look for. */
const CAPITALIZED = /[A-Z][a-z]/;

function romanSpans(text: string): Span[] {
  const spans: Span[] = [];
  if (!CAPITALIZED.test(text)) return spans;
  ROMAN.lastIndex = 0;
  for (let m = ROMAN.exec(text); m; m = ROMAN.exec(text)) {
    const name = m[1]!;
    if (!/^[A-Z]/.test(name) || NOT_LATIN.has(name.split(/[ -]/)[0]!)) continue;
    const start = m.index + m[0].length - name.length;
    spans.push({ type: 'PERSON', start, end: start + name.length, text: name });
  }
  return spans;
}

export function detectPersons(index: TextIndex): Span[] {
  const { text } = index;
  const spans = cueSpans(index);
  for (const more of [titleSpans(text), contextSpans(index), fieldSpans(text), romanSpans(text)]) for (const s of more) spans.push(s);
  return spans;
}
