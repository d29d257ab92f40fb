// Cloud function `admin`: merchant actions, every one checked against the caller's role.
import * as cloud from 'wx-server-sdk';
import { callableMain } from '../../shared/app/callable';
import { callerOpenid, cloudDeps } from '../../shared/app/cloud';
import { adminSpec } from './spec';

export const main = callableMain(adminSpec, cloudDeps(cloud), () => callerOpenid(cloud));
