/**
 * Structured identifiers in the shapes people really write them (issue 11): every test value here is
 * built from the documented formats and check-digit rules, none is taken from an evaluation corpus.
 */
import fc from 'fast-check';
import { hkidCheckChar, idCardCheckChar, luhnCheckDigit, taiwanIdOk, usccCheckChar } from '../../shared/privacy/checksums';
import { detect } from '../../shared/privacy/detect';
import { foldText } from '../../shared/privacy/fold';
import { normalizeValue, PrivacySession } from '../../shared/privacy/session';
import type { EntityType } from '../../shared/privacy/types';

const types = (text: string): Array<[EntityType, string]> => detect(text).map((s) => [s.type, s.text]);
const typesOf = (text: string): EntityType[] => detect(text).map((s) => s.type);

const CN = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const WIDE = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));
const chinese = (s: string, one = '一', zero = '零') => s.replace(/[0-9]/g, (d) => (d === '1' ? one : d === '0' ? zero : CN[Number(d)]!));

function taiwanId(letter: string, body8: string): string {
  for (let d = 0; d <= 9; d++) if (taiwanIdOk(`${letter}${body8}${d}`)) return `${letter}${body8}${d}`;
  throw new Error('unreachable');
}

function allDigitUscc(prefix: string, serial: number): string {
  for (let s = serial; ; s++) {
    const first = `${prefix}${String(s).padStart(17 - prefix.length, '0')}`;
    const check = usccCheckChar(first)!;
    if (/\d/.test(check)) return first + check;
  }
}

describe('phones', () => {
  const mobile = '13912345678';
  const shapes = [
    '13912345678',
    '139 1234 5678',
    '139-1234-5678',
    '139.1234.5678',
    '1391 234 5678',
    '1391 2345 678',
    '139  1234  5678',
    '1 3 9 1 2 3 4 5 6 7 8',
    '1-3-9-1-2-3-4-5-6-7-8',
    WIDE(mobile),
    `139${WIDE('12345678')}`,
    '１３９－１２３４－５６７８',
    chinese(mobile),
    chinese(mobile, '幺', '洞'),
    '幺三九 幺二三四 五六七八',
    '一三九一二三四五六七八',
    '139 一二三四 五六七八',
    '+86 13912345678',
    '+86-139-1234-5678',
    '+86 139 1234 5678',
    '+8613912345678',
    '0086 13912345678',
    '0086-139-1234-5678',
    '86 139 1234 5678',
    '(+86)13912345678',
    '(+86) 139 1234 5678',
    '（+86）139 1234 5678',
    '＋86 139 1234 5678',
  ];
  it.each(shapes)('finds the mobile %s', (shape) => {
    expect(types(`请打${shape}找我`)).toEqual([['PHONE', shape]]);
  });

  const landlines = [
    '010-62345678',
    '010 6234 5678',
    '(010)62345678',
    '（010）6234-5678',
    '(0755) 8765 4321',
    '0755-8765 4321',
    '0755 876 54321',
    '0571-8765432',
    '0571 876 5432',
    '021.6234.5678',
    '021—62345678',
    '0 1 0 6 2 3 4 5 6 7 8',
    '+86 21 6234 5678',
    '+86-755-8765-4321',
    '+86 (21) 6234 5678',
    '0086 10 6234 5678',
    '010-62345678 转 8012',
    '010-62345678转8012',
    '0755-8765 4321 分机 603',
    '+86 755 8765 4321 ext. 206',
    '021-62345678 ext 12',
    '021-62345678-8012',
  ];
  it.each(landlines)('finds the landline %s', (shape) => {
    expect(types(`办公室 ${shape}，工作日在`)).toEqual([['PHONE', shape]]);
  });

  it('takes a local number without its area code only after a phone label', () => {
    expect(types('电话：6234 5678')).toEqual([['PHONE', '6234 5678']]);
    expect(types('座机62345678，找前台')).toEqual([['PHONE', '62345678']]);
    expect(types('打 8765432 就行')).toEqual([['PHONE', '8765432']]);
    expect(types('座机 02162345678')).toEqual([['PHONE', '02162345678']]);
    // Without the label, still hidden — by the backstop, as a number.
    expect(typesOf('编码 62345678 通过')).toEqual(['NUMBER']);
  });

  const foreign = [
    '+852 9123 4567',
    '+85291234567',
    '+853 6612 3456',
    '+886 912 345 678',
    '+886-2-2345-6789',
    '+1 (415) 555-0123',
    '+1 415-555-0123',
    '+44 20 7946 0958',
    '+44 (0)20 7946 0958',
    '+49 89 1234 5678',
    '+81 3-1234-5678',
    '+82 10-1234-5678',
    '+65 9123 4567',
    '+33 1 23 45 67 89',
    '+61 4 1234 5678',
    '00852 9123 4567',
  ];
  it.each(foreign)('finds the foreign number %s', (shape) => {
    expect(types(`Tel: ${shape} (office)`)).toEqual([['PHONE', shape]]);
  });

  it('keeps two numbers side by side apart', () => {
    expect(types('13912345678 13887654321')).toEqual([
      ['PHONE', '13912345678'],
      ['PHONE', '13887654321'],
    ]);
    expect(types('0571-8765 4321 13912345678')).toEqual([
      ['PHONE', '0571-8765 4321'],
      ['PHONE', '13912345678'],
    ]);
    expect(types('13912345678/13887654321、+852 9123 4567')).toEqual([
      ['PHONE', '13912345678'],
      ['PHONE', '13887654321'],
      ['PHONE', '+852 9123 4567'],
    ]);
  });

  it('finds no phone inside one longer chunked number, but one after a separate number', () => {
    expect(typesOf('账号 6222 0812 3456 7890 123')).not.toContain('PHONE');
    expect(typesOf('念给你听 1 3 9 1 2 3 4 5 6 7 8 9')).not.toContain('PHONE');
    expect(types('写字楼2801 0755-2331 8842')).toEqual([['PHONE', '0755-2331 8842']]);
    // (A座2306 itself is a building and room: the address detector hides it too.)
    expect(types('A座2306 13912345678').filter(([t]) => t === 'PHONE')).toEqual([['PHONE', '13912345678']]);
  });

  it('reads Chinese digits grouped with commas', () => {
    expect(types('号码是：幺三九，幺二三四，五六七八')).toEqual([['PHONE', '幺三九，幺二三四，五六七八']]);
    expect(types('数数：一，二，三')).toEqual([]);
  });

  it('accepts a phone label glued in front, not other letters', () => {
    expect(types('Tel13912345678')).toEqual([['PHONE', '13912345678']]);
    expect(types('M:13912345678')).toEqual([['PHONE', '13912345678']]);
    expect(typesOf('SF13912345678000')).toEqual([]);
    expect(typesOf('token a13912345678b')).toEqual([]);
  });

  it('does not take hotlines, service numbers, fragments, codes or other numbers for phones', () => {
    for (const text of [
      '客服热线 400-820-8820',
      '拨打4008208820',
      '800-810-8888 免费',
      '4000-123-456 转 0',
      '工行 95588，消协 12315，移动 10086',
      '手机尾号8821的用户',
      '手机 139****5678',
      '订单号 13912345678',
      '快递单号：75123456789012',
      'SF1391234567890 已签收',
      '服务器 139.224.12.45 宕机',
      '2024-05-01 08:03 出发',
      'ISBN 978-7-02-000220-4',
      '得分 13 25 46 78 91 22',
      '共 ¥13,912,345,678',
    ]) {
      expect(typesOf(text)).not.toContain('PHONE');
    }
  });
});

describe('identity cards', () => {
  const first17 = '11010519491231002';
  const id = first17 + idCardCheckChar(first17);
  it.each([
    id,
    `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`,
    `${id.slice(0, 6)}-${id.slice(6, 14)}-${id.slice(14)}`,
    `${id.slice(0, 6)} ${id.slice(6, 10)} ${id.slice(10, 14)} ${id.slice(14)}`,
    `${id.slice(0, 4)} ${id.slice(4, 8)} ${id.slice(8, 12)} ${id.slice(12, 16)} ${id.slice(16)}`,
    id.split('').join(' '),
    WIDE(id),
    chinese(id),
  ])('finds the mainland card %s', (shape) => {
    expect(types(`身份证号 ${shape}。`)).toEqual([['ID_CARD', shape]]);
  });

  it('finds an X check character in either case and a legacy 15-digit card, but not an order tail', () => {
    // A wrong check character: no ID card, but the backstop hides it, X and all.
    expect(types('身份证 11010519491231003X')).toEqual([['NUMBER', '11010519491231003X']]);
    expect(types('尺寸 1234567x')).toEqual([]);
    let seq = 100;
    while (idCardCheckChar(`1101051949123${seq}`) !== 'X') seq++;
    const withX = `1101051949123${seq}X`;
    expect(types(`证件 ${withX}`)).toEqual([['ID_CARD', withX]]);
    expect(types(`证件 ${withX.toLowerCase()}`)).toEqual([['ID_CARD', withX.toLowerCase()]]);
    expect(types(`证件 ${withX.slice(0, 6)} ${withX.slice(6, 14)} ${withX.slice(14)}`)).toEqual([
      ['ID_CARD', `${withX.slice(0, 6)} ${withX.slice(6, 14)} ${withX.slice(14)}`],
    ]);
    expect(types('老身份证 110105491231002')).toEqual([['ID_CARD', '110105491231002']]);
    expect(typesOf('订单号 240612-110105491231002')).not.toContain('ID_CARD');
    expect(typesOf('单号 110105491231002')).not.toContain('ID_CARD');
  });

  it('checks Hong Kong identity cards with mod 11, brackets half-width, full-width or absent', () => {
    expect(hkidCheckChar('A123456')).toBe('3');
    expect(hkidCheckChar('G123456')).toBe('A');
    expect(hkidCheckChar('AB987654')).toBe('3');
    for (const body of ['K304821', 'Z678901', 'XA123456', 'CB765432']) {
      const check = hkidCheckChar(body)!;
      expect(types(`他的证件 ${body}(${check})，`)).toEqual([['ID_CARD', `${body}(${check})`]]);
      expect(types(`他的证件 ${body}（${check}）`)).toEqual([['ID_CARD', `${body}（${check}）`]]);
      expect(types(`香港身份证：${body}${check}`)).toEqual([['ID_CARD', `${body}${check}`]]);
      const wrong = check === '0' ? '1' : '0';
      expect(typesOf(`他的证件 ${body}(${wrong})`)).not.toContain('ID_CARD');
      expect(typesOf(`香港身份证 ${body}(${wrong})`)).toEqual(['ID_CARD']);
    }
    // Without brackets the shape needs its cue.
    expect(typesOf('产品 A1234563 已下单')).not.toContain('ID_CARD');
  });

  it('finds Macau identity cards by their bracketed shape or their cue', () => {
    expect(types('证件 1234567(8) 在此')).toEqual([['ID_CARD', '1234567(8)']]);
    expect(types('证件 5123456（1）')).toEqual([['ID_CARD', '5123456（1）']]);
    expect(types('澳门身份证 71234568')).toEqual([['ID_CARD', '71234568']]);
    expect(types('澳门身份证号码：7123456/8')).toEqual([['ID_CARD', '7123456/8']]);
    expect(typesOf('序号 3123456(7)')).not.toContain('ID_CARD');
  });

  it('checks Taiwan identity cards with the letter weights', () => {
    expect(taiwanIdOk('A123456789')).toBe(true);
    expect(taiwanIdOk('A123456788')).toBe(false);
    for (const [letter, body] of [
      ['F', '22345678'],
      ['H', '12048213'],
      ['Z', '20000001'],
      ['O', '18765432'],
    ] as const) {
      const tw = taiwanId(letter, body);
      expect(types(`台湾身份证号是${tw}，`)).toEqual([['ID_CARD', tw]]);
      const bad = tw.slice(0, 9) + ((Number(tw[9]) + 1) % 10);
      expect(typesOf(`编码 ${bad}`)).not.toContain('ID_CARD');
      // After its cue, a mistyped check digit still makes an identity card.
      expect(typesOf(`台湾身份证号是${bad}`)).toEqual(['ID_CARD']);
    }
    expect(typesOf('编号 A323456789')).not.toContain('ID_CARD'); // second digit 3 is no gender
  });
});

describe('passports and travel permits', () => {
  it.each([
    ['护照号：E12345678', 'E12345678'],
    ['护照 EA1234567', 'EA1234567'],
    ['旧护照G12345678', 'G12345678'],
    ['港澳通行证 C12345678', 'C12345678'],
    ['往来港澳通行证号码：CA1234567', 'CA1234567'],
    ['港澳通行证的号码是 C87654321', 'C87654321'],
    ['回乡证 H12345678', 'H12345678'],
    ['港澳居民来往内地通行证：M1234567801', 'M1234567801'],
    ['台胞证 12345678', '12345678'],
    ['台胞证号：1234567890', '1234567890'],
    ['台湾居民来往大陆通行证号码 87654321', '87654321'],
    ['台湾通行证 T12345678', 'T12345678'],
    ['美国护照号码：123456789', '123456789'],
    ['Passport No. 123456789', '123456789'],
    ['passport number: C01X00T47', 'C01X00T47'],
    ['护照号 P1234567', 'P1234567'],
    ['特区护照 K12345678', 'K12345678'],
  ])('%s', (text, value) => {
    expect(types(text)).toEqual([['PASSPORT', value]]);
  });

  it('does not take labelled reference numbers or dates for documents', () => {
    expect(typesOf('工号：E20210387')).not.toContain('PASSPORT');
    expect(typesOf('订单 E12345678')).not.toContain('PASSPORT');
    expect(typesOf('护照有效期 2030-03-14')).toEqual([]);
    expect(typesOf('护照快过期了')).toEqual([]);
  });
});

describe('统一社会信用代码', () => {
  it('accepts an all-digit code with a cue or the registration structure, and only with a valid check', () => {
    const company = allDigitUscc('91110108', 123456789); // 工商 · 企业 · 北京海淀
    expect(types(`统一社会信用代码：${company}`)).toEqual([['USCC', company]]);
    expect(types(`税号 ${company}`)).toEqual([['USCC', company]]);
    expect(types(`甲方 ${company} 盖章`)).toEqual([['USCC', company]]);
    const bad = company.slice(0, 17) + ((Number(company[17]) + 1) % 10);
    expect(typesOf(`编码 ${bad}`)).not.toContain('USCC');
    // After its label, a mistyped check character (or a letter outside the alphabet) is still the company's code.
    expect(typesOf(`统一社会信用代码：${bad}`)).toEqual(['USCC']);
    expect(types('信用代码 91110108MA0O1I2Z3S')).toEqual([['USCC', '91110108MA0O1I2Z3S']]);
    // No structure (authority 2, category 0): valid check alone is not enough…
    const odd = allDigitUscc('20240611', 1);
    expect(typesOf(`参考 ${odd}`)).not.toContain('USCC');
    // …but with its label it is one.
    expect(types(`纳税人识别号：${odd}`)).toEqual([['USCC', odd]]);
  });

  it('still takes codes with letters by their check character', () => {
    const first = '92440300MA5F1234';
    const code = `${first}1${usccCheckChar(`${first}1`)!}`;
    expect(types(`个体户 ${code}`)).toEqual([['USCC', code]]);
  });
});

describe('WeChat and QQ', () => {
  const cues = [
    '微信',
    '微信号',
    '微信：',
    '微信号是',
    '微信为 ',
    '微信—',
    'vx ',
    'vx：',
    'VX:',
    'wx ',
    'WX：',
    '威信 ',
    'v信',
    'V信：',
    '加我v：',
    '加V ',
    '+v ',
    '+V:',
    '薇',
    '薇：',
    'wechat: ',
    'WeChat ID: ',
    '微信(',
  ];
  it.each(cues)('takes the id after "%s"', (cue) => {
    expect(types(`有事${cue}zhao_lei-2024，谢谢`)).toEqual([['WECHAT_ID', 'zhao_lei-2024']]);
  });

  it('takes wxid_ ids alone, and phones and JSON fields after a cue', () => {
    expect(types('好友 wxid_a1b2c3d4e5')).toEqual([['WECHAT_ID', 'wxid_a1b2c3d4e5']]);
    expect(typesOf('微信同号 13912345678')).toEqual(['PHONE']);
    expect(types('{"wechat":"qiao_user88","x":1}')).toEqual([['WECHAT_ID', 'qiao_user88']]);
  });

  it('leaves words that only look like a cue and an id alone', () => {
    for (const text of [
      '微信支付怎么接入？',
      '微信 openid 和 unionid 的区别',
      'npm i wechat-miniprogram-sdk',
      '用 vxe-table 做表格',
      '变量 zhang_wei88 没定义',
      'appid wx2421b1c4370ec43b',
      '张薇 hello2024 是她的口头禅',
    ]) {
      expect(typesOf(text)).not.toContain('WECHAT_ID');
    }
  });

  it.each([
    'QQ：123456789',
    'qq 123456789',
    'QQ号码是123456789',
    'QQ号 123456789',
    '扣扣 123456789',
    '企鹅号：123456789',
    'Q号：123456789',
    'QQ123456789',
  ])('takes the QQ number in %s', (text) => {
    expect(types(text)).toEqual([['QQ', '123456789']]);
  });

  it('does not take QQ products or e-mail hosts for numbers', () => {
    expect(typesOf('QQ音乐会员')).toEqual([]);
    expect(types('邮箱 123456789@qq.com')).toEqual([['EMAIL', '123456789@qq.com']]);
  });
});

describe('IP addresses and versions', () => {
  it('reads the words around a dotted decimal', () => {
    expect(typesOf('升级到版本 1.12.3.4 后')).toEqual([]);
    expect(typesOf('1.12.3.4版本的改动')).toEqual([]);
    expect(typesOf('version: 1.12.3.4')).toEqual([]);
    expect(typesOf('UA: Chrome/116.0.0.0 Mobile')).toEqual([]);
    expect(typesOf('network 10.0.0.0/8')).toEqual([]);
    expect(typesOf('网关是 192.168.1.1')).toEqual([]);
    expect(typesOf('gateway: 10.20.30.40')).toEqual([]);
    expect(types('登录IP 1.12.3.4 异常')).toEqual([['IP', '1.12.3.4']]);
    expect(types('来源 1.12.3.4')).toEqual([['IP', '1.12.3.4']]);
    expect(types('client from 1.12.3.4')).toEqual([['IP', '1.12.3.4']]);
    expect(types('TV   192.168.31.88')).toEqual([['IP', '192.168.31.88']]);
    expect(types('服务器 10.12.3.45 上')).toEqual([['IP', '10.12.3.45']]);
  });
});

describe('the NUMBER backstop', () => {
  it('hides long numbers no detector claimed, in any of their forms', () => {
    for (const [text, value] of [
      ['会员号 83920174 谢谢', '83920174'],
      ['学号 2021123456', '2021123456'],
      ['密码 87654321', '87654321'],
      ['香港电话 852-9123 4567', '852-9123 4567'],
      ['编码 ８３９２０１７４', '８３９２０１７４'],
      ['读作 八三九二零一七四', '八三九二零一七四'],
      [
        `卡号 6222 0212 3456 789${(Number(luhnCheckDigit('622202123456789')) + 1) % 10}`,
        `6222 0212 3456 789${(Number(luhnCheckDigit('622202123456789')) + 1) % 10}`,
      ],
    ]) {
      expect(types(text!)).toEqual([['NUMBER', value]]);
    }
  });

  it('needs the label right before the number (or before the previous one of its list)', () => {
    expect(types('订单已经发了，我的会员号 83920174')).toEqual([['NUMBER', '83920174']]);
    expect(types('物流单号（中通）：78394512046821')).toEqual([]);
    expect(types('票号 123-4567890123、123-4567890124 和 1234567890125')).toEqual([]);
  });

  it('leaves dates, amounts, quantities, codes and labelled non-personal numbers alone', () => {
    for (const text of [
      '订单号 2024010112345678',
      '订单号：83920174556',
      '快递单号 SF1234567890123',
      '中通 78394512046821 已发出',
      '票号：123-4567890123、123-4567890124',
      '发票号码 24442000000123456789',
      '发票代码 044031900111',
      '保单号 880012024000156',
      '航班号 12345678',
      '会议号 987 654 321',
      '股票代码 600519',
      '型号 ABC-1234567',
      'SKU 12345678',
      '¥12345678',
      '12345678 元',
      '共 1234567 人',
      '播放量 12345678 次',
      '3.1415926535',
      '2024-06-11 21:08:45',
      '20240611',
      '申请号 2024061100123',
      '2019.07-2021.06',
      '2023-2024 学年',
      'userId=77310294',
      '{"ts": 1718000000000}',
      '<mch_id><![CDATA[1900009851]]></mch_id>',
      'PO#45012873',
      'https://example.com/item/12345678',
      'ISBN 978-7-02-000220-4',
      '客服热线 400-820-8820',
      'timeout: 3000000',
      'Chrome/124.0.6367.91',
      '1,234,567 次',
    ]) {
      expect(types(text)).toEqual([]);
    }
  });

  it('never takes what a detector or the user claimed', () => {
    const s = new PrivacySession();
    const { redacted } = s.redact('编号 83920174，手机 13912345678', { marked: ['83920174'] });
    expect(redacted).toBe('编号 [PRIVATE_1]，手机 [PHONE_1]');
  });
});

describe('placeholders', () => {
  it('gives back text that only looks like a placeholder as it was written', () => {
    const s = new PrivacySession();
    const text = '上次的 [PHONE_1] 和【phone 2】换成 13912345678，[Step 1] 照旧';
    const { redacted } = s.redact(text);
    expect(redacted).toBe('上次的 [PRIVATE_1] 和[PRIVATE_2]换成 [PHONE_1]，[Step 1] 照旧');
    expect(s.restore(redacted)).toBe(text);
  });

  it('gives every form of one number the same placeholder', () => {
    const s = new PrivacySession();
    const forms = [
      '13912345678',
      '139 1234 5678',
      WIDE('13912345678'),
      chinese('13912345678', '幺'),
      '+86 139-1234-5678',
      '(+86)13912345678',
    ];
    const { redacted } = s.redact(forms.join('，'));
    expect(redacted).toBe(Array(forms.length).fill('[PHONE_1]').join('，'));
    expect(normalizeValue('PHONE', '+86 21 6234 5678')).toBe(normalizeValue('PHONE', '021-6234 5678'));
    expect(normalizeValue('PHONE', '0086-21-62345678')).toBe(normalizeValue('PHONE', '(021)62345678'));
    expect(normalizeValue('ID_CARD', 'A123456(3)')).toBe(normalizeValue('ID_CARD', 'a123456（3）'));
    expect(normalizeValue('NUMBER', '８３９２ ０１７４')).toBe(normalizeValue('NUMBER', '83920174'));
  });

  it('restores every original exactly, whatever its form', () => {
    const text = `电话 幺三九 一二三四 五六七八，座机 （０２１）６２３４－５６７８，会员号 ８３９２０１７４，香港 A123456（3）`;
    const s = new PrivacySession();
    const { redacted } = s.redact(text);
    expect(redacted.replace(/\[[A-Z_]+_\d+\]/g, '')).not.toMatch(/[0-9０-９]/);
    expect(s.restore(redacted)).toBe(text);
  });
});

// ---- properties ------------------------------------------------------------------------------

const digit = fc.integer({ min: 0, max: 9 });
const digitsOf = (n: number) => fc.array(digit, { minLength: n, maxLength: n }).map((d) => d.join(''));

/** A mobile number in one of the ways people write them. */
const mobileNumber = fc
  .tuple(
    fc.constantFrom('3', '4', '5', '6', '7', '8', '9'),
    digitsOf(9),
    fc.constantFrom('', '+86 ', '+86-', '+86', '0086 ', '0086-', '86 ', '(+86)', '(+86) ', '（+86）'),
    fc.constantFrom('3-4-4', '4-3-4', '4-4-3', '3-8', '11', 'singles'),
    fc.constantFrom(' ', '-', '.', '  '),
    fc.constantFrom('ascii', 'wide', 'chinese', 'yao'),
  )
  .map(([second, rest, prefix, grouping, sep, script]) => {
    const n = `1${second}${rest}`;
    const cut = (sizes: number[]) => {
      const parts: string[] = [];
      let at = 0;
      for (const size of sizes) parts.push(n.slice(at, (at += size)));
      return parts;
    };
    const groups = grouping === '11' ? [n] : grouping === 'singles' ? n.split('') : cut(grouping.split('-').map(Number) as number[]);
    // Dots only in the usual three groups; Chinese digits with spaces (the way they are read out).
    const separator = sep === '.' && groups.length !== 3 ? ' ' : script === 'chinese' || script === 'yao' ? ' ' : sep;
    let body = groups.join(separator);
    if (script === 'wide') body = WIDE(body);
    if (script === 'chinese') body = chinese(body);
    if (script === 'yao') body = chinese(body, '幺', '洞');
    return prefix + body;
  });

const landlineNumber = fc
  .tuple(
    fc.constantFrom('010', '021', '020', '0755', '0571', '0898', '0931'),
    fc.integer({ min: 2, max: 9 }),
    digitsOf(7),
    fc.constantFrom('-', ' ', ')', '—', '.'),
    fc.constantFrom('', ' 转 8012', '转12', ' ext. 206', '-603', ' 分机 33'),
    fc.boolean(),
  )
  .map(([area, lead, rest, sep, ext, intl]) => {
    const local = `${lead}${rest}`.slice(0, area.length === 3 ? 8 : 7 + (Number(rest[0]) % 2));
    const split = `${local.slice(0, 4)} ${local.slice(4)}`;
    if (intl) return `+86 ${area.slice(1)} ${split}${ext}`;
    const head = sep === ')' ? `(${area})` : `${area}${sep}`;
    return `${head}${sep === '.' ? local : split}${ext}`;
  });

const foreignNumber = fc
  .tuple(
    fc.constantFrom('+852', '+853', '+886', '+1', '+44', '+49', '+81', '+65', '+61'),
    digitsOf(4),
    digitsOf(4),
    fc.constantFrom(' ', '-'),
  )
  .map(([cc, a, b, sep]) => `${cc} ${a === '0000' ? '1234' : a}${sep}${b}`);

const anyPhone = fc.oneof(mobileNumber, landlineNumber, foreignNumber);
const before = fc.constantFrom('电话', '手机：', '联系我 ', 'Tel: ', '打', '号码是', '', '请拨 ', '座机 ', '\n');
const after = fc.constantFrom('，谢谢', '。', ' 找前台', '', '（白天）', '\n备注：勿扰');

describe('phone properties', () => {
  it('lets no generated phone through in any format, typed as a phone, and restores the text exactly', () => {
    fc.assert(
      fc.property(before, anyPhone, after, (b, phone, a) => {
        const text = `${b}${phone}${a}`;
        const session = new PrivacySession();
        const { redacted, entities } = session.redact(text);
        expect(entities.map((e) => e.type)).toEqual(['PHONE']);
        // Nothing of the number is left: no digit, in any script, outside a placeholder.
        expect(foldText(redacted.replace(/\[[A-Z_]+_\d+\]/g, ''))).not.toMatch(/\d/);
        expect(session.restore(redacted)).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('gives a phone the same placeholder across turns and formats', () => {
    fc.assert(
      fc.property(fc.constantFrom('3', '5', '8'), digitsOf(9), (second, rest) => {
        const n = `1${second}${rest}`;
        let state = new PrivacySession().state;
        const seen = new Set<string>();
        for (const form of [n, `${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7)}`, WIDE(n), `+86 ${n}`, chinese(n, '幺')]) {
          const session = new PrivacySession(state);
          seen.add(session.redact(`电话 ${form}`).redacted);
          state = JSON.parse(JSON.stringify(session.state)) as typeof state;
        }
        expect([...seen]).toEqual(['电话 [PHONE_1]']);
      }),
      { numRuns: 200 },
    );
  });

  it('restores any mixture of digits, look-alikes, separators and cue words exactly', () => {
    const token = fc.constantFrom(
      ...'0123456789０１２３４５６７８９零一二三四五六七八九幺洞 -.()（）+＋—/:：，。XxAE'.split(''),
      '电话',
      '微信',
      'QQ',
      '订单号',
      '¥',
      '元',
      '\n',
      '护照',
      '身份证',
      '[PHONE_1]',
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 60 }), (tokens) => {
        const text = tokens.join('');
        const session = new PrivacySession();
        const { redacted, entities } = session.redact(text);
        for (const e of entities) expect(e.end).toBeGreaterThan(e.start);
        expect(session.restore(redacted)).toBe(text);
      }),
      { numRuns: 3000 },
    );
  });
});
