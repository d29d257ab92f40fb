/**
 * Readable names for the anonymizer's placeholder types (ENTITY_TYPES in shared/contracts/privacy),
 * so the app never shows `[PERSON_1]` to a person: chips read 某人1, 手机号2 — the same words in the
 * conversation list, the composer, what was sent, everywhere.
 */
export const PLACEHOLDER_LABELS: Readonly<Record<string, string>> = {
  PERSON: '某人',
  PHONE: '手机号',
  ID_CARD: '身份证号',
  ADDRESS: '地址',
  EMAIL: '邮箱',
  BANK_CARD: '银行卡号',
  USCC: '信用代码',
  PASSPORT: '证件号',
  PLATE: '车牌号',
  IP: 'IP 地址',
  WECHAT_ID: '微信号',
  QQ: 'QQ 号',
  CUSTOM: '保密词',
  PRIVATE: '私密',
  NUMBER: '数字',
};

/** 某人 for PERSON; a type the app does not know yet reads 隐私信息 rather than its code. */
export function placeholderLabel(type: string): string {
  return PLACEHOLDER_LABELS[type.toUpperCase()] ?? '隐私信息';
}

/** 某人1 for `[PERSON_1]`. */
export function chipText(type: string, n: number | string): string {
  return `${placeholderLabel(type)}${n}`;
}
