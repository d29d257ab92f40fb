/**
 * The deployable functions and how each is triggered. The build writes each one's config.json from
 * here, and the local host serves each one by its trigger.
 */
export type Trigger = 'callable' | 'http' | 'timer';

export interface FunctionManifest {
  name: string;
  trigger: Trigger;
  /** CloudBase stops a function after 3 s unless config.json says otherwise. */
  timeoutSeconds: number;
  /** CloudBase timer syntax: second minute hour day month weekday year. */
  schedule?: string;
  /**
   * How an HTTP function runs: `event` (the default) is an event function behind the HTTP access
   * service (`{ path, httpMethod, headers, body }` in, `{ statusCode, headers, body }` out);
   * `functions-framework` is an HTTP cloud function started by scf_bootstrap on
   * @cloudbase/functions-framework (`main(event = body, context)` with `context.sse()` for streams).
   */
  runtime?: 'event' | 'functions-framework';
}

export const functions: FunctionManifest[] = [
  // 60 s: the most the console offers; a chat's model call gets CHAT_DEADLINE_MS (45 s) of it.
  { name: 'api', trigger: 'callable', timeoutSeconds: 60 },
  { name: 'admin', trigger: 'callable', timeoutSeconds: 20 },
  // WeChat Pay wants an answer within 5 s; anything slower is retried anyway.
  { name: 'payNotify', trigger: 'http', timeoutSeconds: 5 },
  // Streams a chat turn to the phone (server-sent events); the model call gets CHAT_DEADLINE_MS of the 60 s.
  { name: 'chat', trigger: 'http', runtime: 'functions-framework', timeoutSeconds: 60 },
  { name: 'cron', trigger: 'timer', timeoutSeconds: 60, schedule: '0 */1 * * * * *' },
  // cloudPay's callback: invoked by the platform, and possibly by a client, so it trusts nothing it is given.
  { name: 'cloudPayNotify', trigger: 'callable', timeoutSeconds: 10 },
];
