import fc from 'fast-check';
import { idCardCheckChar, luhnCheckDigit, usccCheckChar } from '../../shared/privacy/checksums';

/** fast-check generators of valid Chinese identifiers (correct check digits), each with its type. */
const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
const REGIONS = ['110105', '310104', '440305', '330106', '510107', '420111', '650102', '820000', '710000'];

export const idCard = fc
  .tuple(
    fc.constantFrom(...REGIONS),
    fc.integer({ min: 1930, max: 2010 }),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 28 }),
    digits(3),
    fc.constantFrom('plain', 'spaced', 'dashed', 'lower'),
  )
  .map(([r, y, m, d, seq, style]) => {
    const first = `${r}${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${seq}`;
    const id = first + idCardCheckChar(first);
    if (style === 'spaced') return `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`;
    if (style === 'dashed') return `${id.slice(0, 6)}-${id.slice(6, 14)}-${id.slice(14)}`;
    return style === 'lower' ? id.toLowerCase() : id;
  });

export const mobile = fc
  .tuple(fc.constantFrom('3', '5', '7', '8', '9'), digits(9), fc.constantFrom('', '+86 ', '0086-', '86 '), fc.constantFrom('', ' ', '-'))
  .map(([second, rest, prefix, sep]) => {
    const n = `1${second}${rest}`;
    return `${prefix}${n.slice(0, 3)}${sep}${n.slice(3, 7)}${sep}${n.slice(7)}`;
  });

export const bankCard = fc
  .tuple(fc.constantFrom('622202', '622848', '621700', '436742', '524047'), fc.constantFrom(16, 19), fc.constantFrom('', ' ', '-'))
  .chain(([bin, len, sep]) =>
    digits(len - 7).map((body) => {
      const n = bin + body + luhnCheckDigit(bin + body);
      return sep ? n.replace(/(\d{4})(?=\d)/g, `$1${sep}`) : n;
    }),
  );

export const uscc = fc
  .tuple(
    fc.constantFrom('91', '92', '12'),
    fc.constantFrom('110105', '440300'),
    fc.array(fc.constantFrom(...'0123456789ABCDEFGHJKLMNPQRTUWXY'.split('')), { minLength: 8, maxLength: 8 }),
  )
  .map(([a, b, rest]) => {
    const first = `${a}${b}M${rest.join('')}`;
    return first + usccCheckChar(first);
  });

export const email = fc
  .tuple(fc.stringMatching(/^[a-z][a-z0-9._]{2,12}[a-z0-9]$/), fc.constantFrom('qq.com', '163.com', 'gmail.com', 'example.cn'))
  .map(([user, host]) => `${user}@${host}`);

export const passport = fc.oneof(
  digits(8).map((d) => `E${d}`),
  digits(7).map((d) => `EB${d}`),
  digits(8).map((d) => `G${d}`),
);

export const plate = fc
  .tuple(fc.constantFrom(...'京沪粤浙苏川'.split('')), fc.constantFrom(...'ABCDEF'.split('')), fc.constantFrom('', '·'), digits(5))
  .map(([p, l, dot, d]) => `${p}${l}${dot}${d}`);

// Loopback (127.x) is deliberately not treated as personal.
export const ipv4 = fc
  .tuple(
    fc.integer({ min: 11, max: 223 }).filter((o) => o !== 127),
    fc.integer({ min: 0, max: 255 }),
    fc.integer({ min: 0, max: 255 }),
    fc.integer({ min: 1, max: 254 }),
  )
  .map((o) => o.join('.'));

/** An identifier with the cue a person would write before it. */
export const cuedIdentifier = fc.oneof(
  idCard.map((v) => ({ type: 'ID_CARD', cue: '身份证号', value: v })),
  mobile.map((v) => ({ type: 'PHONE', cue: '手机', value: v })),
  bankCard.map((v) => ({ type: 'BANK_CARD', cue: '卡号', value: v })),
  uscc.map((v) => ({ type: 'USCC', cue: '信用代码', value: v })),
  email.map((v) => ({ type: 'EMAIL', cue: '邮箱', value: v })),
  passport.map((v) => ({ type: 'PASSPORT', cue: '护照', value: v })),
  plate.map((v) => ({ type: 'PLATE', cue: '车牌', value: v })),
  ipv4.map((v) => ({ type: 'IP', cue: '服务器', value: v })),
);

const OPENINGS = ['你好，', '请帮我看看，', '我想问一下，', '', '麻烦客服，', '帮我写封邮件：', 'Hi，'];
const CLOSINGS = ['，谢谢！', '。', '，这个格式对吗？', '，请帮我保密。', '', '，能帮我查一下吗？', ' 谢谢'];
export const sentence = fc
  .tuple(fc.constantFrom(...OPENINGS), cuedIdentifier, fc.constantFrom('是', '：', ' ', ''), fc.constantFrom(...CLOSINGS))
  .map(([open, id, sep, close]) => ({ ...id, text: `${open}我的${id.cue}${sep}${id.value}${close}` }));
