import { appConfig } from '../config';
import { createAdminApi, createApi, type AdminFunctions, type ApiFunctions } from './client';
import { cloudTransport, localTransport, type Transport } from './transport';

export type { ApiResult } from './client';

function transportFromConfig(): Transport {
  return appConfig.mode === 'cloud' ? cloudTransport(appConfig.timeoutMs) : localTransport(appConfig.localUrl, appConfig.devOpenid, appConfig.timeoutMs);
}

let current: { api: ApiFunctions; admin: AdminFunctions } | undefined;

/** The app's API, over the transport the config chooses (tests install their own with `useTransport`). */
export function api(): ApiFunctions {
  current ??= { api: createApi(transportFromConfig()), admin: createAdminApi(transportFromConfig()) };
  return current.api;
}

export function adminApi(): AdminFunctions {
  current ??= { api: createApi(transportFromConfig()), admin: createAdminApi(transportFromConfig()) };
  return current.admin;
}

export function useTransport(transport: Transport): void {
  current = { api: createApi(transport), admin: createAdminApi(transport) };
}
