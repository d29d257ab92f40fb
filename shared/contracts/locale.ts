import { config } from 'zod';
import zhCN from 'zod/v4/locales/zh-CN.cjs';

/**
 * zod's own messages (the `details` of INVALID_INPUT) in Chinese, in every process that parses a
 * contract: the functions and the Mini Program. Imported for its effect by ./action, which every
 * contract file uses; only this one locale is bundled.
 */
config(zhCN());
