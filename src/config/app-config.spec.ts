import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('applies documented defaults', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.HOST).toBe('127.0.0.1');
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.EMBEDDED_PG_DIR).toBe('./.data/postgres');
    expect(config.BODY_LIMIT).toBe('1mb');
    expect(config.LOG_LEVEL).toBe('info');
  });

  it('treats empty variables as unset and converts numbers', () => {
    const config = loadConfig({ PORT: '8080', DATABASE_URL: '', LOG_LEVEL: '' });
    expect(config.PORT).toBe(8080);
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('silences logs in tests unless LOG_LEVEL is given', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).LOG_LEVEL).toBe('silent');
    expect(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'debug' }).LOG_LEVEL).toBe('debug');
  });

  it('names each bad variable on one line', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'abc', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    expect(message).toMatch(/^Invalid configuration: /);
    expect(message).toContain('PORT');
    expect(message).toContain('"abc"');
    expect(message).toContain('LOG_LEVEL');
  });

  it('never echoes the value of a secret-bearing variable', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://u:s3cret@h/db' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://u:s3cret@h/db' })).not.toThrow(/s3cret/);
  });
});
