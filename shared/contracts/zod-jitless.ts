import { config } from 'zod';

/**
 * The Mini Program's first module (imported at the very top of ../miniprogram-bundle, so it runs before
 * any schema is built): zod's parsers without their `new Function` fast path. WeChat documents
 * `new Function` and `eval` as unsupported, and phones differ in how: where the constructor throws zod
 * falls back by itself, but where it returns a non-function zod's probe passes and every object
 * schema then fails to parse. The functions (Node) keep the fast path.
 */
config({ jitless: true });
