import { hkidCheckChar, idCardChecksumOk, luhnOk, taiwanIdOk, usccOk, validDate, validProvinceCode } from '../checksums';
import { CueSet, cueBefore, labelBefore } from '../context';
import { pickSlices } from '../digits';
import { scan } from '../scan';
import type { TextIndex } from '../text-index';
import type { Span } from '../types';

/** Every detector here reads the folded text (fold.ts) and cuts its spans from the original. */

/** Labels of internal reference numbers that happen to share an identifier's shape (工号 E20210387). */
const REFERENCE_CUES = new CueSet([
  '工号',
  '员工号',
  '员工编号',
  '编号',
  '学号',
  '订单',
  '订单号',
  '单号',
  '运单号',
  '快递单号',
  '型号',
  '货号',
  '款号',
  '批号',
  'SKU',
  '序列号',
  '流水号',
]);

// --------------------------------------------------------------------------------- 居民身份证

/**
 * 18 digits (or 17 and an X, lower case too) in any grouping — 110105 19491231 002X, dashes, digit by
 * digit — with a province code, a date and the check character; the 15-digit legacy form unseparated.
 */
const ID15 = /\d{15}/g;

function mainlandOk(id: string): boolean {
  const y = Number(id.slice(6, 10));
  return (
    validProvinceCode(id.slice(0, 2)) &&
    y >= 1900 &&
    y <= 2099 &&
    validDate(y, Number(id.slice(10, 12)), Number(id.slice(12, 14))) &&
    idCardChecksumOk(id)
  );
}

function mainland(index: TextIndex): Span[] {
  const { text, folded } = index;
  const spans: Span[] = [];
  for (const run of index.digitRuns()) {
    if (run.digits < 17) continue;
    const slices = pickSlices(run, folded, 18, (d, _i, j) => {
      if (d.length === 18) return mainlandOk(d) ? 0 : -1;
      // The X touches the last digit, or stands after the same separator (… 0 0 2 X).
      const end = run.groups[j]![1];
      const gap = /[ -]/.test(folded[end] ?? '') ? 1 : 0;
      const x = folded[end + gap];
      return d.length === 17 && (x === 'X' || x === 'x') && j === run.groups.length - 1 && mainlandOk(`${d}X`) ? 1 + gap : -1;
    });
    for (const [start, end] of slices) spans.push({ type: 'ID_CARD', start, end, text: text.slice(start, end) });
  }
  // The 15-digit form has no check digit: province code and a valid 19yy date must both hold, it must
  // stand alone (not the tail of 240612-…) and not be labelled as an order or other reference.
  if (index.longestDigitRun < 15) return spans;
  const legacy = scan('ID_CARD', ID15, folded, {
    source: text,
    accept: (id, start, end) =>
      validProvinceCode(id.slice(0, 2)) &&
      validDate(1900 + Number(id.slice(6, 8)), Number(id.slice(8, 10)), Number(id.slice(10, 12))) &&
      !/\d[-.]$/.test(folded.slice(Math.max(0, start - 2), start)) &&
      !/^[-.]\d/.test(folded.slice(end, end + 2)) &&
      labelBefore(folded, start, REFERENCE_CUES, 12) === undefined,
  });
  return [...spans, ...legacy];
}

// ------------------------------------------------------------------ Hong Kong, Macau, Taiwan

const TW_CUES = new CueSet([
  '台湾身份证',
  '台湾居民身份证',
  '台湾身分证',
  '身分证',
  '身分證',
  '身份證',
  '国民身分证',
  '台湾身份证号',
  '台湾身份证号码',
]);
const HK_CUES = new CueSet([
  '身份證',
  '香港身份證',
  '香港身份证',
  '香港居民身份证',
  '身份证',
  '身份证号',
  '身份证号码',
  'HKID',
  'HK ID',
  'HKIC',
  '香港',
  'ID',
  'ID No.',
]);
const MACAU_CUES = new CueSet(['澳门身份证', '澳门居民身份证', '澳门', 'BIR', '澳门身份证号', '澳门身份证号码']);

/** 香港身份证 A123456(7) / AB987654(3), brackets full-width (folded) or absent; the check character must hold. */
const HKID = /[A-Z]{1,2}\d{6} ?(?:\([0-9A]\)|[0-9A])/g;
/** 澳门身份证 1234567(8) or 1/234567/8: those shapes alone, or eight digits after an 澳门 cue. */
const MACAU = /[1578]\d{6} ?(?:\(\d\)|\/\d|\d)|[1578]\/\d{6}\/\d/g;
/** 台湾身份证 A123456789: a letter, 1/2 (or 8/9 on resident certificates), eight digits, weighted check. */
const TAIWAN = /[A-Z][1289]\d{8}/g;

function regional(index: TextIndex): Span[] {
  const { text, folded } = index;
  // Each shape holds six digits in a row at least (a Taiwan ID nine), and the HK and Taiwan ones a capital.
  if (index.longestDigitRun < 6) return [];
  const hk = !index.hasCapital
    ? []
    : scan('ID_CARD', HKID, folded, {
        source: text,
        accept: (v, start) => {
          const m = /^([A-Z]{1,2}\d{6}) ?\(?([0-9A])\)?$/.exec(v)!;
          // The check character, and brackets or a cue; with a cue, a mistyped check character still counts.
          const cued = labelBefore(folded, start, HK_CUES, 10) !== undefined;
          return (hkidCheckChar(m[1]!) === m[2] && v.includes('(')) || cued;
        },
      });
  const macau = scan('ID_CARD', MACAU, folded, {
    source: text,
    accept: (v, start) => v.includes('(') || /^\d\//.test(v) || labelBefore(folded, start, MACAU_CUES, 10) !== undefined,
  });
  const taiwan =
    !index.hasCapital || index.longestDigitRun < 9
      ? []
      : scan('ID_CARD', TAIWAN, folded, {
          source: text,
          accept: (v, start) =>
            labelBefore(folded, start, TW_CUES, 10) !== undefined ||
            (taiwanIdOk(v) && labelBefore(folded, start, REFERENCE_CUES) === undefined),
        });
  return [...hk, ...macau, ...taiwan];
}

export function detectIdCards(index: TextIndex): Span[] {
  return [...mainland(index), ...regional(index)];
}

// ------------------------------------------------------------------------------- bank cards

/** 13–19 digits in any grouping (spaces or hyphens), an issuer prefix (UnionPay 62, Visa, Mastercard, Amex, JCB…) and a valid Luhn digit. */
const ISSUER = /^(?:62|60|65|4|5[1-5]|2[2-7]|3[47]|35|9)/;

export function detectBankCards(index: TextIndex): Span[] {
  const { text, folded } = index;
  const spans: Span[] = [];
  for (const run of index.digitRuns()) {
    if (run.digits < 13) continue;
    const slices = pickSlices(run, folded, 19, (d) => (d.length >= 13 && ISSUER.test(d) && luhnOk(d) ? 0 : -1));
    for (const [start, end] of slices) spans.push({ type: 'BANK_CARD', start, end, text: text.slice(start, end) });
  }
  return spans;
}

// ----------------------------------------------------------------------- 统一社会信用代码

/** 18 characters of the GB 32100 alphabet with the mod-31 check character. */
const USCC = /[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}/g;
const USCC_CUES = new CueSet([
  '统一社会信用代码',
  '社会信用代码',
  '信用代码',
  '税号',
  '纳税人识别号',
  '纳税识别号',
  '识别号',
  '注册号',
  'USCC',
  'Credit Code',
  'credit code',
  'Tax ID',
  'tax ID',
]);
/**
 * The registering authority and the kind of organisation (GB 32100 annex: 1 机构编制, 5 民政, 9 工商
 * with 1 企业, 2 个体工商户, 3 农民专业合作社 …) followed by a real province code.
 */
const USCC_STRUCTURE = /^(?:1[1-39]|2[19]|3[1-59]|4[19]|5[1-39]|6[129]|7[129]|8[19]|9[1-3])/;

/** After its label, any 18 letters and digits are taken for the code, even with a mistyped check character. */
const USCC_LABEL = /统一社会信用代码|社会信用代码|信用代码|纳税人识别号|纳税识别号|税号/g;
const USCC_LABELLED = /^(?:是|为)?[ :]{0,3}(?:是|为)?([0-9A-Z]{18})/;

function labelledUscc(text: string, folded: string): Span[] {
  const spans: Span[] = [];
  USCC_LABEL.lastIndex = 0;
  for (let m = USCC_LABEL.exec(folded); m; m = USCC_LABEL.exec(folded)) {
    const after = m.index + m[0].length;
    const v = USCC_LABELLED.exec(folded.slice(after, after + 24));
    if (!v || /[0-9A-Za-z]/.test(folded[after + v[0].length] ?? '') || v[1]!.replace(/\D/g, '').length < 8) continue;
    const start = after + v[0].length - 18;
    spans.push({ type: 'USCC', start, end: start + 18, text: text.slice(start, start + 18) });
  }
  return spans;
}

export function detectUscc(index: TextIndex): Span[] {
  // A labelled code has eight digits at least, a checked one six in a row.
  if (!index.hasDigit) return [];
  const labelled = labelledUscc(index.text, index.folded);
  return index.longestDigitRun < 6 ? labelled : [...labelled, ...checkedUscc(index.text, index.folded)];
}

function checkedUscc(text: string, folded: string): Span[] {
  return scan('USCC', USCC, folded, {
    source: text,
    accept: (v, start) => {
      if (!usccOk(v)) return false;
      if (/[A-Z]/.test(v)) return true;
      // All digits: a random 18-digit number passes mod 31 once in 31 — it also needs a label or the structure.
      return cueBefore(folded, start, USCC_CUES, 14) !== undefined || (USCC_STRUCTURE.test(v) && validProvinceCode(v.slice(2, 4)));
    },
  });
}

// ------------------------------------------------------------------ passports and permits

/**
 * Chinese passports (E/G + 8 digits, E + letter + 7 digits) are specific enough alone, unless labelled
 * as something else (工号 E20210387). Other documents need their cue: 港澳通行证 (C/W…), 回乡证 /
 * 港澳居民来往内地通行证 (H/M + 8 or 10 digits), 台胞证 / 台湾居民来往大陆通行证 (8 or 10 digits),
 * 台湾通行证 (T…), foreign passports (after 护照 / passport: 6–10 letters and digits).
 */
const PASSPORT_ALONE = /(?:[EG]\d{8}|E[A-HJ-NP-Z]\d{7})/g;
const PERMIT_CUE = /护照|[Pp]assport|PASSPORT|通行证|台胞证|回乡证|旅行证|证件号/g;
const PERMIT_VALUE =
  /^ ?(?:的)?(?:证件)?(?:号码|号|编号|No\.?|NO\.?|no\.?|[Nn]umber)?(?:是|为)?[ :#=]{0,3}(?:是|为)?[ :]{0,2}([A-Z]{1,2}\d{6,10}(?: ?\([A-Z0-9]\))?|\d{8,10}(?: ?\([A-Z0-9]\))?|[A-Z0-9]{6,10})/;

function permits(text: string, folded: string): Span[] {
  const spans: Span[] = [];
  PERMIT_CUE.lastIndex = 0;
  for (let m = PERMIT_CUE.exec(folded); m; m = PERMIT_CUE.exec(folded)) {
    const after = m.index + m[0].length;
    const v = PERMIT_VALUE.exec(folded.slice(after, after + 30));
    if (!v) continue;
    const value = v[1]!;
    const start = after + v[0].length - value.length;
    const end = start + value.length;
    // Standing alone, and a document number: five digits at least (C01X00T47, K12345678, 12345678).
    if (/[A-Za-z0-9]/.test(folded[end] ?? '') || value.replace(/\D/g, '').length < 5) continue;
    spans.push({ type: 'PASSPORT', start, end, text: text.slice(start, end) });
    PERMIT_CUE.lastIndex = end;
  }
  return spans;
}

export function detectPassports(index: TextIndex): Span[] {
  const { text, folded } = index;
  // A document number has five digits at least; one standing alone a capital and seven digits in a row.
  if (!index.hasDigit) return [];
  const alone =
    !index.hasCapital || index.longestDigitRun < 7
      ? []
      : scan('PASSPORT', PASSPORT_ALONE, folded, {
          source: text,
          accept: (_v, start) => labelBefore(folded, start, REFERENCE_CUES) === undefined,
        });
  return [...alone, ...permits(text, folded)];
}
