// Cloud function `chat`: an HTTP function on @cloudbase/functions-framework (scf_bootstrap starts it).
// `POST /send` streams a chat turn as server-sent events; the logic lives in shared/app/chat-stream.ts.
import * as cloud from 'wx-server-sdk';
import { chatStreamMain } from '../../shared/app/chat-stream';
import { cloudDeps } from '../../shared/app/cloud';

export const main = chatStreamMain(cloudDeps(cloud));
