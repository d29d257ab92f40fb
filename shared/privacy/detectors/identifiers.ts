import { idCardChecksumOk, luhnOk, usccOk, validDate, validProvinceCode } from '../checksums';
import { scan } from '../scan';
import type { Span } from '../types';

/** 居民身份证: 18 digits (groups may be spaced or dashed, lower-case x allowed) with date and check; 15-digit legacy form. */
const ID18 = /\d{6}[ -]?\d{4}[ -]?\d{4}[ -]?\d{3}[\dXx]/g;
const ID15 = /\d{15}/g;

export function detectIdCards(text: string): Span[] {
  const long = scan('ID_CARD', ID18, text, {
    accept: (value) => {
      const id = value.replace(/[ -]/g, '').toUpperCase();
      const y = Number(id.slice(6, 10));
      return (
        validProvinceCode(id.slice(0, 2)) &&
        y >= 1900 &&
        y <= 2099 &&
        validDate(y, Number(id.slice(10, 12)), Number(id.slice(12, 14))) &&
        idCardChecksumOk(id)
      );
    },
  });
  // The 15-digit form has no check digit: province code and a valid 19yy date must both hold.
  const legacy = scan('ID_CARD', ID15, text, {
    accept: (id) =>
      validProvinceCode(id.slice(0, 2)) && validDate(1900 + Number(id.slice(6, 8)), Number(id.slice(8, 10)), Number(id.slice(10, 12))),
  });
  return [...long, ...legacy];
}

/** Bank cards: 13–19 digits, optionally in groups, an issuer prefix (UnionPay 62, Visa, Mastercard, Amex, JCB…) and a valid Luhn digit. */
const CARD = /\d{4}(?:[ -]?\d{2,4}){2,4}(?:[ -]?\d{1,3})?/g;

export function detectBankCards(text: string): Span[] {
  return scan('BANK_CARD', CARD, text, {
    accept: (value) => {
      const digits = value.replace(/[ -]/g, '');
      return digits.length >= 13 && digits.length <= 19 && /^(?:62|60|65|4|5[1-5]|2[2-7]|3[47]|35|9)/.test(digits) && luhnOk(digits);
    },
  });
}

/** 统一社会信用代码: 18 characters of the GB 32100 alphabet with the mod-31 check character. */
const USCC = /[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}/g;

export function detectUscc(text: string): Span[] {
  return scan('USCC', USCC, text, { accept: (v) => /[A-Z]/.test(v) && usccOk(v) });
}

/**
 * Passports and travel permits. The shapes of Chinese passports (E/G + 8 digits, E + letter + 7 digits)
 * are specific enough alone; other documents (港澳通行证 C…, 台湾通行证 T…, foreign passports) need a cue.
 */
const PASSPORT_ALONE = /(?:[EG]\d{8}|E[A-HJ-NP-Z]\d{7})/g;
const PERMIT_CUED =
  /(?:护照|passport|通行证|港澳通行证|台湾通行证|台胞证|回乡证|证件号)(?:号码|号)?\s*(?:是|为|:|：)?\s*([A-Z]{1,2}\d{6,9})/gi;

export function detectPassports(text: string): Span[] {
  return [...scan('PASSPORT', PASSPORT_ALONE, text), ...scan('PASSPORT', PERMIT_CUED, text, { group: 1 })];
}
