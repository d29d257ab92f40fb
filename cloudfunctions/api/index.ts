// Cloud function `api`: user actions. A thin adapter; the logic lives in ./actions and shared/.
import * as cloud from 'wx-server-sdk';
import { callableMain } from '../../shared/app/callable';
import { callerOpenid, cloudDeps } from '../../shared/app/cloud';
import { apiSpec } from './spec';

export const main = callableMain(apiSpec, cloudDeps(cloud), () => callerOpenid(cloud));
