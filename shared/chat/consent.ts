import { CONSENT_VERSION } from '../contracts/chat';
import type { PlatformDeps } from '../platform/context';
import { getDoc } from '../platform/database';
import { AppError } from '../platform/errors';
import { CONSENTS, type ConsentDoc } from './documents';

const iso = (d?: Date) => (d ? new Date(d).toISOString() : undefined);

export function consentView(doc: ConsentDoc | null) {
  const current = !!doc && doc.version === CONSENT_VERSION;
  return {
    currentVersion: CONSENT_VERSION,
    accepted: current && doc.accepted,
    crossBorder: current && doc.accepted && doc.crossBorder,
    ...(doc?.acceptedAt ? { acceptedAt: iso(doc.acceptedAt) } : {}),
    ...(doc?.crossBorderAt ? { crossBorderAt: iso(doc.crossBorderAt) } : {}),
    ...(doc?.withdrawnAt ? { withdrawnAt: iso(doc.withdrawnAt) } : {}),
  };
}

export async function getConsent(deps: PlatformDeps, openid: string) {
  return consentView(await getDoc<ConsentDoc>(deps.db, CONSENTS, openid));
}

/** Stores the consent with its version and time; cross-border consent is separate (PIPL art. 39). */
export async function acceptConsent(deps: PlatformDeps, openid: string, version: string, crossBorder: boolean) {
  if (version !== CONSENT_VERSION)
    throw new AppError('INVALID_INPUT', `请阅读并同意当前版本（${CONSENT_VERSION}）的隐私政策`, { currentVersion: CONSENT_VERSION });
  const now = deps.clock.now();
  const doc: Omit<ConsentDoc, '_id'> = {
    version,
    accepted: true,
    crossBorder,
    acceptedAt: now,
    ...(crossBorder ? { crossBorderAt: now } : {}),
  };
  await deps.db.collection(CONSENTS).doc(openid).set({ data: doc });
  return consentView({ _id: openid, ...doc });
}

export async function withdrawConsent(deps: PlatformDeps, openid: string) {
  const now = deps.clock.now();
  const doc: Omit<ConsentDoc, '_id'> = { version: CONSENT_VERSION, accepted: false, crossBorder: false, withdrawnAt: now };
  await deps.db.collection(CONSENTS).doc(openid).set({ data: doc });
  return consentView({ _id: openid, ...doc });
}

/** Overseas models need the current cross-border consent; domestic ones the privacy policy only. */
export function requireConsentOf(doc: ConsentDoc | null, crossBorder: boolean): void {
  const view = consentView(doc);
  if (!view.accepted || (crossBorder && !view.crossBorder)) {
    throw new AppError('CONSENT_REQUIRED', crossBorder ? '使用海外模型前，请先同意个人信息出境说明' : '请先同意隐私政策', { crossBorder });
  }
}
