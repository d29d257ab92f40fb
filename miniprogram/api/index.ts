import { appConfig } from '../config';
import { createApi, type ApiFunctions } from './client';
import { cloudTransport, localTransport, type Transport } from './transport';

function transportFromConfig(): Transport {
  return appConfig.mode === 'cloud'
    ? cloudTransport(appConfig.timeoutMs)
    : localTransport(appConfig.localUrl, appConfig.devOpenid, appConfig.timeoutMs);
}

let current: ApiFunctions | undefined;

/** The app's API, over the transport the config chooses (tests install their own with `useTransport`). */
export function api(): ApiFunctions {
  current ??= createApi(transportFromConfig());
  return current;
}

export function useTransport(transport: Transport): void {
  current = createApi(transport);
}
