import { appConfig } from '../config';
import { createApi, type ApiFunctions } from './client';
import { canStream, cloudChunkedRequest, createChatStream, localChunkedRequest, type ChatStream } from './stream';
import { cloudTransport, localTransport, type Transport } from './transport';

function transportFromConfig(): Transport {
  return appConfig.mode === 'cloud'
    ? cloudTransport(appConfig.timeoutMs)
    : localTransport(appConfig.localUrl, appConfig.devOpenid, appConfig.timeoutMs);
}

let current: ApiFunctions | undefined;
let stream: ChatStream | null | undefined;

/** The app's API, over the transport the config chooses (tests install their own with `useTransport`). */
export function api(): ApiFunctions {
  current ??= createApi(transportFromConfig());
  return current;
}

export function useTransport(transport: Transport): void {
  current = createApi(transport);
  stream = undefined;
}

/**
 * The streaming `chat.send` (the HTTP function `chat`), or null on a base library that cannot stream:
 * then the app sends with `chat.send` and follows the answer with `chat.get`.
 */
export function chatStream(): ChatStream | null {
  if (stream === undefined) {
    const request = appConfig.mode === 'cloud' ? cloudChunkedRequest() : localChunkedRequest(appConfig.localUrl);
    stream = canStream(appConfig.mode) ? createChatStream(api(), request, { timeoutMs: appConfig.timeoutMs }) : null;
  }
  return stream;
}
