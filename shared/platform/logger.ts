/**
 * Structured logging without personal information. Fields are scalars chosen by the caller at each
 * call site — never a request payload, a prompt, an openid or a key — so a log line can be shipped
 * anywhere. One JSON object per line.
 */
export type LogValue = string | number | boolean | null | undefined;
export type LogFields = Record<string, LogValue>;
export type LogLevel = 'info' | 'warn' | 'error';

export interface LogRecord extends LogFields {
  level: LogLevel;
  event: string;
  at: string;
}

export interface Logger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

export type LogSink = (record: LogRecord) => void;

export function createLogger(sink: LogSink, now: () => Date = () => new Date()): Logger {
  const write =
    (level: LogLevel) =>
    (event: string, fields: LogFields = {}) =>
      sink({ ...fields, level, event, at: now().toISOString() });
  return { info: write('info'), warn: write('warn'), error: write('error') };
}

export const consoleSink: LogSink = (record) => {
  const line = JSON.stringify(record);
  if (record.level === 'info') console.log(line);
  else console.error(line);
};

/** Keeps records in memory: tests read them to assert that security events were logged. */
export function memorySink(): LogSink & { records: LogRecord[] } {
  const records: LogRecord[] = [];
  const sink = ((record: LogRecord) => {
    records.push(record);
  }) as LogSink & { records: LogRecord[] };
  sink.records = records;
  return sink;
}
