/**
 * `npm run demo`: the user journey against a fresh, in-memory local cloud, printed as a transcript.
 * It grows with each issue; today it shows identity and the admin check.
 */
import { functions as manifest } from '../cloudfunctions/manifest';
import { createHost, listen, type FunctionModule } from './host/server';
import { startLocalCloud } from './runtime';

const USER = 'demo-user';
const MERCHANT = 'demo-merchant';

async function call(base: string, fn: string, openid: string, action: string, payload?: unknown): Promise<unknown> {
  const res = await fetch(`${base}/fn/${fn}`, {
    method: 'POST',
    headers: { 'x-wx-openid': openid, 'content-type': 'application/json' },
    body: JSON.stringify({ action, payload }),
  });
  const json: unknown = await res.json();
  console.log(`→ ${fn}.${action} as ${openid}${payload ? ` ${JSON.stringify(payload)}` : ''}\n  ${JSON.stringify(json)}`);
  return json;
}

async function main(): Promise<void> {
  process.env.ADMIN_OPENIDS = MERCHANT;
  startLocalCloud();
  const quiet = console.error;
  console.error = () => undefined; // the functions' own warnings would interleave with the transcript
  const functions: Record<string, FunctionModule> = {};
  for (const fn of manifest) functions[fn.name] = (await import(`../cloudfunctions/${fn.name}/index`)) as FunctionModule;
  const server = createHost({ functions, manifest, log: () => undefined });
  const base = await listen(server, 0);
  console.log(`Qiao demo on a fresh local cloud (${base})\n`);

  await call(base, 'api', USER, 'session.get');
  await call(base, 'api', USER, 'session.get', { openid: MERCHANT });
  await call(base, 'admin', USER, 'ping');
  await call(base, 'admin', MERCHANT, 'ping');
  await call(base, 'api', USER, 'wallet.nothing');

  console.error = quiet;
  server.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
