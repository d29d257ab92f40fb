/** Check digits of Chinese identifiers: the validation that tells an identifier from a random number. */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** 居民身份证 (GB 11643): ISO 7064 MOD 11-2 over the first 17 digits. */
export function idCardChecksumOk(id18: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id18)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id18[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11] === id18[17];
}

export function idCardCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

/** Province-level codes that begin a real 身份证 (11 北京 … 65 新疆, 71 台湾, 81 香港, 82 澳门, 83 台湾居民居住证). */
const PROVINCE_CODES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
  '83',
]);

export function validProvinceCode(code: string): boolean {
  return PROVINCE_CODES.has(code);
}

export function validDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= days;
}

/** Luhn (ISO/IEC 7812) over a string of digits. */
export function luhnOk(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

export function luhnCheckDigit(withoutCheck: string): string {
  for (let d = 0; d <= 9; d++) if (luhnOk(withoutCheck + d)) return String(d);
  return '0';
}

/** 统一社会信用代码 (GB 32100-2015): 18 characters, check character mod 31. */
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function usccCheckChar(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARS.indexOf(first17[i]!);
    if (v < 0) return null;
    sum += v * USCC_WEIGHTS[i]!;
  }
  return USCC_CHARS[(31 - (sum % 31)) % 31]!;
}

export function usccOk(code: string): boolean {
  return code.length === 18 && usccCheckChar(code.slice(0, 17)) === code[17];
}

/**
 * 香港身份证: one or two letters, six digits and a check character (0–9 or A) over weights 9…2, a space
 * standing for the missing first letter (letters are 10–35, the space 36); the total is ≡ 0 mod 11.
 */
export function hkidCheckChar(body: string): string | null {
  if (!/^[A-Z]{1,2}\d{6}$/.test(body)) return null;
  const padded = body.length === 7 ? ` ${body}` : body;
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = padded[i]!;
    const v = c === ' ' ? 36 : c >= 'A' ? c.charCodeAt(0) - 55 : Number(c);
    sum += v * (9 - i);
  }
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? 'A' : String(check);
}

/** 台湾身份证 (and the new resident certificates): a letter worth two digits, then nine digits, weighted sum ≡ 0 mod 10. */
const TW_LETTERS = 'ABCDEFGHJKLMNPQRSTUVXYWZIO';

export function taiwanIdOk(id: string): boolean {
  if (!/^[A-Z][1289]\d{8}$/.test(id)) return false;
  const v = TW_LETTERS.indexOf(id[0]!) + 10;
  let sum = Math.floor(v / 10) + (v % 10) * 9;
  for (let i = 1; i < 9; i++) sum += Number(id[i]) * (9 - i);
  sum += Number(id[9]);
  return sum % 10 === 0;
}
