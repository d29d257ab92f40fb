import { config, locales } from 'zod';

/**
 * zod's own messages (the `details` of INVALID_INPUT) in Chinese, in every process that parses a
 * contract: the functions and the Mini Program. Imported for its effect by ./action, which every
 * contract file uses. From `zod` itself (not `zod/v4/locales/zh-CN.cjs`), so that esbuild's bundles
 * take it from the same (ESM) copy of zod as the schemas instead of adding zod's CommonJS core.
 */
config(locales.zhCN());
