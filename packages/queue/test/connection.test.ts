import { describe, expect, it } from 'vitest';
import { redactUrl, redisOptions } from '../src/connection.js';

describe('Redis URLs', () => {
  it('read user, password, database and TLS from the URL', () => {
    expect(redisOptions('rediss://alice:p%40ss@redis.internal:6380/2')).toMatchObject({
      host: 'redis.internal',
      port: 6380,
      username: 'alice',
      password: 'p@ss',
      db: 2,
      tls: { servername: 'redis.internal' },
      maxRetriesPerRequest: null,
    });
    expect(redisOptions('redis://127.0.0.1')).toMatchObject({ host: '127.0.0.1', port: 6379 });
    expect(redisOptions('redis://127.0.0.1').tls).toBeUndefined();
  });

  it('refuse other schemes and bad databases without echoing the password', () => {
    expect(() => redisOptions('http://u:pw@host')).toThrow(
      'expected a redis:// or rediss:// (TLS) URL, got "http://u:***@host"',
    );
    expect(() => redisOptions('redis://host/x')).toThrow('expected a database number');
  });

  it('redact the password and only the password', () => {
    expect(redactUrl('redis://alice:secret@host:6379/1')).toBe('redis://alice:***@host:6379/1');
    expect(redactUrl('redis://host:6379')).toBe('redis://host:6379');
  });
});
