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
}

export const functions: FunctionManifest[] = [
  // 60 s: the most the console offers; a chat's model call gets CHAT_DEADLINE_MS (45 s) of it.
  { name: 'api', trigger: 'callable', timeoutSeconds: 60 },
  { name: 'admin', trigger: 'callable', timeoutSeconds: 20 },
  // WeChat Pay wants an answer within 5 s; anything slower is retried anyway.
  { name: 'payNotify', trigger: 'http', timeoutSeconds: 5 },
  { name: 'cron', trigger: 'timer', timeoutSeconds: 60, schedule: '0 */1 * * * * *' },
  // cloudPay's callback: invoked by the platform, and possibly by a client, so it trusts nothing it is given.
  { name: 'cloudPayNotify', trigger: 'callable', timeoutSeconds: 10 },
];
