/**
 * One error policy: every message a user or merchant can read is Chinese. Walks every error code the
 * contracts define, every `new AppError(…)` written in the code, and every way the router itself fails.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { z } from 'zod';
import { action } from '../../shared/contracts/action';
import { ERROR_MESSAGES, ErrorCode } from '../../shared/contracts/errors';
import { apiContracts } from '../../shared/contracts';
import { ConfigError } from '../../shared/platform/config';
import { AppError, errorBodyOf, invalidConfigDocument } from '../../shared/platform/errors';
import { PaymentsConfigError } from '../../shared/payments/config';
import { callableMain } from '../../shared/app/callable';
import { dispatch, type CallableSpec } from '../../shared/app/router';
import { localCloud, testDeps } from '../support/cloud';

const CHINESE = /[\u4e00-\u9fff]/;
const root = path.join(__dirname, '../..');

/** A message written here, in Chinese: a literal, a template, either branch of a choice, or a standard message. */
function chineseText(node: ts.Expression): boolean {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node))
    return CHINESE.test(node.getText());
  if (ts.isConditionalExpression(node)) return chineseText(node.whenTrue) && chineseText(node.whenFalse);
  if (ts.isParenthesizedExpression(node)) return chineseText(node.expression);
  return /^ERROR_MESSAGES\.[A-Z_]+$/.test(node.getText());
}

describe('error messages', () => {
  it.each(ErrorCode.options)('%s has a standard Chinese message', (code) => {
    expect(ERROR_MESSAGES[code]).toMatch(CHINESE);
    expect(new AppError(code).message).toBe(ERROR_MESSAGES[code]);
  });

  it('every AppError written in shared/ and cloudfunctions/ carries a Chinese message (or the standard one)', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith('.ts')) files.push(full);
      }
    };
    walk(path.join(root, 'shared'));
    walk(path.join(root, 'cloudfunctions'));
    const offenders: string[] = [];
    let sites = 0;
    for (const file of files) {
      const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
      const visit = (node: ts.Node) => {
        if (ts.isNewExpression(node) && node.expression.getText() === 'AppError') {
          sites += 1;
          const message = node.arguments?.[1];
          // No message: the code's standard one. A message built elsewhere must still be a literal here.
          const ok = message === undefined || chineseText(message);
          if (!ok) offenders.push(`${path.relative(root, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(sites).toBeGreaterThan(20);
    expect(offenders).toEqual([]);
  });

  it('zod explains bad input in Chinese', () => {
    const parsed = apiContracts['wallet.statement'].input.safeParse({ limit: 'many' });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.message).toMatch(CHINESE);
  });

  it('configuration errors of every source become the same CONFIG_INVALID', () => {
    const bodies = [
      errorBodyOf(new ConfigError(['HOLD_TTL_SECONDS must be a positive integer'])),
      errorBodyOf(new PaymentsConfigError(['WECHATPAY_MCHID is missing'])),
      errorBodyOf(invalidConfigDocument('models', 2)),
      errorBodyOf(invalidConfigDocument('topup-packages', 1)),
    ];
    for (const body of bodies) expect(body).toMatchObject({ code: 'CONFIG_INVALID', message: ERROR_MESSAGES.CONFIG_INVALID });
    // What is wrong stays machine-readable, for the operator.
    expect(bodies[0]!.details).toEqual({ source: 'function environment', problems: ['HOLD_TTL_SECONDS must be a positive integer'] });
  });

  it('an unknown error says nothing of its cause', () => {
    expect(errorBodyOf(new Error('db password is hunter2'))).toEqual({ code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL });
  });

  describe('every way the router fails is said in Chinese', () => {
    const { db } = localCloud();
    const deps = testDeps(db, { config: { adminOpenids: ['boss'] } });
    const contracts = {
      'x.sum': action(z.object({ a: z.number().int() }), z.object({ sum: z.number().int() })),
      'x.crash': action(z.object({}), z.object({})),
      'x.lies': action(z.object({}), z.object({ n: z.number() })),
    };
    const spec = (adminOnly: boolean): CallableSpec<typeof contracts> => ({
      name: 'test',
      adminOnly,
      contracts,
      handlers: {
        'x.sum': async ({ a }) => ({ sum: a }),
        'x.crash': async () => {
          throw new Error('boom');
        },
        'x.lies': async () => ({ n: 'NaN' }) as unknown as { n: number },
      },
    });
    const cases: Array<[string, () => Promise<unknown>]> = [
      ['not a request', () => dispatch(spec(false), 42, 'u', deps)],
      ['no caller', () => dispatch(spec(false), { action: 'x.sum' }, undefined, deps)],
      ['not a merchant', () => dispatch(spec(true), { action: 'x.sum' }, 'u', deps)],
      ['unknown action', () => dispatch(spec(false), { action: 'x.nope' }, 'u', deps)],
      ['bad payload', () => dispatch(spec(false), { action: 'x.sum', payload: { a: 'one' } }, 'u', deps)],
      ['a crash', () => dispatch(spec(false), { action: 'x.crash' }, 'u', deps)],
      ['a wrong answer', () => dispatch(spec(false), { action: 'x.lies' }, 'u', deps)],
      ['bad configuration', () => callableMain(spec(false), new ConfigError(['X missing']), () => 'u')({ action: 'x.sum' })],
    ];
    it.each(cases)('%s', async (_name, run) => {
      const answer = (await run()) as { ok: boolean; error: { code: string; message: string } };
      expect(answer.ok).toBe(false);
      expect(answer.error.message).toMatch(CHINESE);
    });
  });
});
