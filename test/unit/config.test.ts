import { ConfigError, loadConfig } from '../../shared/platform/config';

describe('loadConfig', () => {
  it('uses defaults when nothing is set', () => {
    expect(loadConfig({})).toEqual({
      adminOpenids: [],
      holdTtlSeconds: 600,
      rateLimitPerMinute: 20,
      retentionDays: 30,
      maxConversations: 1000,
      chatDeadlineMs: 45_000,
    });
  });

  it('reads a comma-separated admin list, trimming blanks', () => {
    expect(loadConfig({ ADMIN_OPENIDS: ' a, b ,,c ' }).adminOpenids).toEqual(['a', 'b', 'c']);
  });

  it('fails fast naming a malformed setting', () => {
    expect(() => loadConfig({ HOLD_TTL_SECONDS: 'ten' })).toThrow(ConfigError);
    expect(() => loadConfig({ HOLD_TTL_SECONDS: '-1' })).toThrow(/HOLD_TTL_SECONDS/);
    expect(() => loadConfig({ HOLD_TTL_SECONDS: '50', CHAT_DEADLINE_MS: '45000' })).toThrow(/must exceed CHAT_DEADLINE_MS/);
  });
});
