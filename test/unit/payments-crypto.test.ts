/** WeChat Pay's public test vectors (../shared/WECHATPAY.md), checked byte for byte. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decryptAesGcm, DecryptionError, encryptAesGcm } from '../../shared/payments/crypto/aes-gcm';
import { decryptV2RefundInfo, encryptV2RefundInfo, v2Sign, v2SignTypeOf, v2Verify } from '../../shared/payments/crypto/v2-sign';
import { requestMessage, responseMessage, signSha256Rsa, verifySha256Rsa } from '../../shared/payments/crypto/v3-signature';
import { buildFlatXml, parseFlatXml } from '../../shared/payments/crypto/xml';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '../fixtures/wechatpay', name), 'utf8');

describe('v2 signatures (vector 1)', () => {
  const params = { appid: 'wxd930ea5d5a258f4f', mch_id: '10000100', device_info: '1000', body: 'test', nonce_str: 'ibuaiVcKdpRxkhJA' };
  const key = '192006250b4c09247ec02edce69f6a2d';

  it('signs with MD5 and HMAC-SHA256 exactly', () => {
    expect(v2Sign(params, key, 'MD5')).toBe('9A0A8659F005D6984697E2CA0A9CF3B7');
    expect(v2Sign(params, key, 'HMAC-SHA256')).toBe('6A9AE1657590FD6257D693A078E1C3E4BB6BA4DC30B23E0EE2496E54170DACD6');
  });

  it('verifies by the sign length when sign_type is absent, and signs sign_type when present', () => {
    expect(v2Verify({ ...params, sign: '9A0A8659F005D6984697E2CA0A9CF3B7' }, key)).toBe(true);
    expect(v2Verify({ ...params, sign: '6A9AE1657590FD6257D693A078E1C3E4BB6BA4DC30B23E0EE2496E54170DACD6' }, key)).toBe(true);
    expect(v2Verify({ ...params, sign: '9A0A8659F005D6984697E2CA0A9CF3B8' }, key)).toBe(false);
    expect(v2Verify({ ...params, body: 'tesT', sign: '9A0A8659F005D6984697E2CA0A9CF3B7' }, key)).toBe(false);
    const typed = { ...params, sign_type: 'HMAC-SHA256' };
    expect(v2Verify({ ...typed, sign: v2Sign(typed, key, 'HMAC-SHA256') }, key)).toBe(true);
    expect(v2Verify({ ...typed, sign: '6A9AE1657590FD6257D693A078E1C3E4BB6BA4DC30B23E0EE2496E54170DACD6' }, key)).toBe(false);
    expect(v2SignTypeOf({ sign: 'x' })).toBeNull();
    expect(v2SignTypeOf({ sign_type: 'SHA1', sign: '9A0A8659F005D6984697E2CA0A9CF3B7' })).toBeNull();
  });

  it('accepts unknown extra fields and ignores empty ones', () => {
    const extra = { ...params, new_field: 'x', empty: '' };
    expect(v2Verify({ ...extra, sign: v2Sign(extra, key, 'MD5') }, key)).toBe(true);
    expect(v2Sign({ ...params, empty: '' }, key, 'MD5')).toBe('9A0A8659F005D6984697E2CA0A9CF3B7');
  });

  it('round-trips refund req_info with AES-256-ECB keyed by md5(key)', () => {
    const plain = '<root><out_refund_no><![CDATA[R1]]></out_refund_no></root>';
    expect(decryptV2RefundInfo(encryptV2RefundInfo(plain, key), key)).toBe(plain);
    expect(() => decryptV2RefundInfo(encryptV2RefundInfo(plain, key), 'another-key-another-key-another-k')).toThrow();
  });
});

describe('v3 request signature (vector 2)', () => {
  it('matches the published signature for the published key and request', () => {
    const body =
      '{"appid":"wxd678efh567hg6787","mchid":"1900007291","description":"Image形象店-深圳腾大-QQ公仔","out_trade_no":"1217752501201407033233368018","notify_url":"https://www.weixin.qq.com/wxpay/pay.php","amount":{"total":100,"currency":"CNY"},"payer":{"openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"}}';
    const message = requestMessage('POST', '/v3/pay/transactions/jsapi', '1554208460', '593BEC0C930BF1AFEB40B4A08C8FB242', body);
    expect(signSha256Rsa(message, fixture('wechatpay-test-key.pem'))).toBe(
      'jnks4dlrPw3ZX+ozVvSK39oa0t7OMBsg83BHAwd8BRdUFiVaQNTLTvci+wURgP1OQBbKYhFGvt7iqYpDSTQkp7Uq1sltaQKyncCyrA1g88m5bsKERQfPyT0ahSwKTYJ1CAn9QiJuSJRq1QsQs07eehbU/k9BCS51jTyc1Jpsi2H77HF9f/BnjXAOP3/sPObg6V5Ee4EzwLox684hhuMuIwHo7D8KFk3LIHOKDcNI4It1aCXydFWNpNK+SG86VUDe5kwoDpw4Ulqfu9z8OFDGbDs9TCxEv8iqQzbpxOlEVoOe2kalSYM5kApQb3nZcxdUtoE0liJGW3RGUNE0t4v01A==',
    );
  });

  it('ends a GET message with an empty body line', () => {
    expect(requestMessage('GET', '/v3/certificates', '1', 'n', '')).toBe('GET\n/v3/certificates\n1\nn\n\n');
  });
});

describe('v3 response verification, public-key mode (vector 3)', () => {
  const body = '{"code_url":"weixin://wxpay/bizpayurl?pr=JyC91EIz1"}';
  const signature = fixture('wechatpay-response-example.sig').trim();
  const key = fixture('wechatpay-pub-key-example.pem');

  it('verifies over the raw body', () => {
    expect(verifySha256Rsa(responseMessage('1722850421', 'd824f2e086d3c1df967785d13fcd22ef', body), signature, key)).toBe(true);
  });

  it('fails for a flipped byte, another nonce or another timestamp', () => {
    expect(verifySha256Rsa(responseMessage('1722850421', 'd824f2e086d3c1df967785d13fcd22ef', body.replace('J', 'K')), signature, key)).toBe(
      false,
    );
    expect(verifySha256Rsa(responseMessage('1722850421', 'd824f2e086d3c1df967785d13fcd22ee', body), signature, key)).toBe(false);
    expect(verifySha256Rsa(responseMessage('1722850422', 'd824f2e086d3c1df967785d13fcd22ef', body), signature, key)).toBe(false);
    expect(verifySha256Rsa(responseMessage('1722850421', 'd824f2e086d3c1df967785d13fcd22ef', body), 'WECHATPAY/SIGNTEST/abc', key)).toBe(
      false,
    );
  });
});

describe('AES-256-GCM (vector 4)', () => {
  const key = 'a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb';

  it('decrypts the published ciphertext', () => {
    expect(decryptAesGcm(key, 'uluk4a9R25RW', 'associatedData', 'ulwSiIajGClcvcOYvOQ7+l+0PAbzzwI=')).toBe('message');
  });

  it('fails with another AAD, another nonce, a flipped tag or the wrong key', () => {
    expect(() => decryptAesGcm(key, 'uluk4a9R25RW', 'bad-associatedData', 'ulwSiIajGClcvcOYvOQ7+l+0PAbzzwI=')).toThrow(DecryptionError);
    expect(() => decryptAesGcm(key, 'bad-4a9R25RW', 'associatedData', 'ulwSiIajGClcvcOYvOQ7+l+0PAbzzwI=')).toThrow(DecryptionError);
    expect(() => decryptAesGcm(key, 'uluk4a9R25RW', 'associatedData', 'ulwSiIajGClcvcOYvOQ7+l+0PAbzzwA=')).toThrow(DecryptionError);
    expect(() =>
      decryptAesGcm('b7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb', 'uluk4a9R25RW', 'associatedData', 'ulwSiIajGClcvcOYvOQ7+l+0PAbzzwI='),
    ).toThrow(DecryptionError);
  });

  it('round-trips, including an empty AAD', () => {
    const enc = encryptAesGcm(key, '{"a":1}', '');
    expect(decryptAesGcm(key, enc.nonce, '', enc.ciphertext)).toBe('{"a":1}');
  });
});

describe('v2 XML', () => {
  it('keeps values as strings (no 0123 → 123) and round-trips CDATA', () => {
    const xml = buildFlatXml({ out_trade_no: '0123', total_fee: 600, body: '充值 <¥6>' });
    expect(parseFlatXml(xml)).toEqual({ out_trade_no: '0123', total_fee: '600', body: '充值 <¥6>' });
    expect(parseFlatXml('<xml><total_fee>0100</total_fee></xml>')).toEqual({ total_fee: '0100' });
    expect(() => parseFlatXml('<html></html>')).toThrow();
  });
});
