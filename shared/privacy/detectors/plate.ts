import { scan } from '../scan';
import type { TextIndex } from '../text-index';
import type { Span } from '../types';

/**
 * Licence plates: a province abbreviation, the issuing letter, an optional middle dot or space, then
 * 5 characters (6 for new-energy plates, which start or end with D/F), with at least one digit so
 * that words are not taken; 挂/学/警/港/澳 endings too.
 */
const PLATE =
  /[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][·•・ ]?(?:[DF][A-HJ-NP-Z0-9]\d{4}|\d{5}[DF]|[A-HJ-NP-Z0-9]{4}[A-HJ-NP-Z0-9挂学警港澳])/g;

export function detectPlates(index: TextIndex): Span[] {
  const { text } = index;
  // The issuing letter is a capital and a plate holds a digit: without both in the folded text (which
  // keeps every ASCII character of the text), none in the text either.
  if (!index.hasCapital || !index.hasDigit) return [];
  return scan('PLATE', PLATE, text, {
    boundaries: false,
    accept: (v, _s, end) => /\d/.test(v) && !/[0-9A-Za-z]/.test(text[end] ?? ''),
  });
}
