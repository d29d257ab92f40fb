import { checkPrivacyRules } from '../../shared/chat/privacy-rules';
import { detect } from '../../shared/privacy/detect';
import { PrivacySession } from '../../shared/privacy/session';
import type { EntityType } from '../../shared/privacy/types';

const types = (text: string): Array<[EntityType, string]> => detect(text).map((s) => [s.type, s.text]);

describe('detectors', () => {
  it('validates 身份证 check characters and dates', () => {
    expect(types('身份证11010519491231002X')).toEqual([['ID_CARD', '11010519491231002X']]);
    expect(types('身份证11010519491231002x')).toEqual([['ID_CARD', '11010519491231002x']]);
    expect(types('身份证110105 19491231 002X')).toEqual([['ID_CARD', '110105 19491231 002X']]);
    // Not an ID card (wrong check digit, 30 February): only the backstop hides them, as plain numbers.
    expect(types('编号110105194912310021')).toEqual([['NUMBER', '110105194912310021']]);
    expect(types('编号110105194902300028')).toEqual([['NUMBER', '110105194902300028']]);
    expect(types('老证件 110105491231002')).toEqual([['ID_CARD', '110105491231002']]);
  });

  it('finds mobile numbers in every common shape, and landlines with area codes', () => {
    for (const p of ['13812345678', '138 1234 5678', '138-1234-5678', '+86 13812345678', '0086-13812345678', '+8613812345678']) {
      expect(types(`电话${p}谢谢`)).toEqual([['PHONE', p]]);
    }
    expect(types('座机 010-62345678')).toEqual([['PHONE', '010-62345678']]);
    expect(types('座机(0755)2345678转123')).toEqual([['PHONE', '(0755)2345678转123']]);
    expect(types('订单 02112345678901')).toEqual([]);
  });

  it('takes bank cards only with an issuer prefix and a valid Luhn digit', () => {
    expect(types('卡号 6222 0212 3456 7893')).toEqual([['NUMBER', '6222 0212 3456 7893']]); // bad Luhn: the backstop's
    expect(types('卡号 4111 1111 1111 1111')).toEqual([['BANK_CARD', '4111 1111 1111 1111']]);
    expect(types('订单号 2024010112345678')).toEqual([]);
  });

  it('checks 统一社会信用代码 with mod 31', () => {
    expect(types('代码 91350100M000100Y43')).toEqual([['USCC', '91350100M000100Y43']]);
    expect(types('代码 91350100M000100Y44')).toEqual([]);
  });

  it('finds plates, including new-energy ones and the middle dot', () => {
    expect(types('车牌粤B12345')).toEqual([['PLATE', '粤B12345']]);
    expect(types('车牌京A·D12345')).toEqual([['PLATE', '京A·D12345']]);
    expect(types('沪AD12345号车')).toEqual([['PLATE', '沪AD12345']]);
  });

  it('finds WeChat and QQ ids only after their cue words', () => {
    expect(types('加我微信 zhang_wei88')).toEqual([['WECHAT_ID', 'zhang_wei88']]);
    expect(types('QQ：123456789')).toEqual([['QQ', '123456789']]);
    expect(types('变量 zhang_wei88 没定义')).toEqual([]);
  });

  it('finds IPv4 and IPv6 addresses but not loopback, masks or times', () => {
    expect(types('服务器 192.168.1.20 连不上')).toEqual([['IP', '192.168.1.20']]);
    expect(types('地址 2001:db8::8a2e:370:7334')).toEqual([['IP', '2001:db8::8a2e:370:7334']]);
    expect(types('ping 127.0.0.1，掩码 255.255.255.0，时间 12:30:45，版本 1.2.3')).toEqual([]);
  });

  it('finds names after cues and titles, and not in ordinary words or public figures', () => {
    expect(types('我叫张伟，想咨询')).toEqual([['PERSON', '张伟']]);
    expect(types('联系人：欧阳建国')).toEqual([['PERSON', '欧阳建国']]);
    expect(types('请转交王先生')).toEqual([['PERSON', '王']]);
    expect(types('跟李娜说一声')).toEqual([['PERSON', '李娜']]);
    expect(types('My name is Emily Chen.')).toEqual([['PERSON', 'Emily Chen']]);
    expect(types('李白的诗真好，我今天很高兴，王国很大，张开双臂，高中老师很好。')).toEqual([]);
  });

  it('finds street-level addresses but leaves a city alone', () => {
    expect(types('我住在广东省深圳市南山区科技园南路88号3栋1202室，谢谢')).toEqual([
      ['ADDRESS', '广东省深圳市南山区科技园南路88号3栋1202室'],
    ]);
    expect(types('深圳的天气怎么样？南京路步行街怎么走？')).toEqual([]);
  });

  it('resolves overlaps to the longest span', () => {
    const spans = detect('我的微信是13812345678');
    expect(spans).toHaveLength(1);
    expect(spans[0]!.type).toBe('PHONE');
  });

  it('applies merchant terms and patterns, and ignores a broken pattern', () => {
    const rules = checkPrivacyRules({ terms: ['falcon'], patterns: ['TK-\\d{4}-\\d{4}', '(unclosed'] });
    const spans = detect('项目代号 Falcon，工单 TK-2024-0001', {
      custom: { terms: rules.terms, patterns: rules.patterns.map((p) => p.find) },
    });
    expect(spans.map((s) => [s.type, s.text])).toEqual([
      ['CUSTOM', 'Falcon'],
      ['CUSTOM', 'TK-2024-0001'],
    ]);
  });
});

describe('sessions', () => {
  it('keeps placeholders stable across turns and finds a name again without its cue', () => {
    const first = new PrivacySession();
    expect(first.redact('我叫张伟，手机13812345678').redacted).toBe('我叫[PERSON_1]，手机[PHONE_1]');
    const second = new PrivacySession(JSON.parse(JSON.stringify(first.state)));
    expect(second.redact('张伟的新号码是 138-1234-5678，旧号 13900001111').redacted).toBe('[PERSON_1]的新号码是 [PHONE_1]，旧号 [PHONE_2]');
  });

  it('restores lightly mangled placeholders and leaves invented ones alone', () => {
    const s = new PrivacySession();
    s.redact('我叫张伟，电话13812345678');
    expect(s.restore('好的［person_1］，我会打 【PHONE 1】 联系你，抄送 [EMAIL_1]。')).toBe(
      '好的张伟，我会打 13812345678 联系你，抄送 [EMAIL_1]。',
    );
    expect(s.restore('[ PERSON_1 ] 和 [PERSON_7]')).toBe('张伟 和 [PERSON_7]');
  });

  it('restores a placeholder split across streamed chunks', () => {
    const s = new PrivacySession();
    s.redact('我叫张伟，电话13812345678');
    const r = s.streamRestorer();
    const chunks = ['您好', '[PER', 'SON', '_1]，', '您的号码 [', 'PHONE_1', '] 已记录 [', 'x'];
    const out = chunks.map((c) => r.push(c)).join('') + r.end();
    expect(out).toBe('您好张伟，您的号码 13812345678 已记录 [x');
    expect(r.push('[')).toBe('');
    expect(r.end()).toBe('[');
  });
});
