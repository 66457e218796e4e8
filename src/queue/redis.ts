/**
 * The Redis behind the queue: its URL read, and reached once before anything is enqueued, so
 * that a wrong URL or a server that is down is one clear error naming the URL and the fix.
 * The connections BullMQ keeps afterwards reconnect on their own (a Redis restart is waited out).
 */
import { Redis, type RedisOptions } from 'ioredis';
import { InputError } from '../errors.js';

/** The queue every critsolve coordinator and worker shares; units are told apart by their ids. */
export const QUEUE_NAME = 'critsolve';

/** Connection options for BullMQ from redis://[user:password@]host[:port][/db]. */
export function redisOptions(url: string): RedisOptions {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new InputError(`--queue must be a Redis URL such as redis://127.0.0.1:6379, got '${url}'`);
  }
  if (u.protocol !== 'redis:') throw new InputError(`--queue must be a Redis URL such as redis://127.0.0.1:6379 (protocol redis:), got '${url}'`);
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0;
  if (!Number.isInteger(db) || db < 0) throw new InputError(`--queue ${url}: the database after the '/' must be a whole number, got '${u.pathname.slice(1)}'`);
  return {
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 6379,
    db,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    // BullMQ's workers block on Redis and must wait through reconnections, not fail a command.
    maxRetriesPerRequest: null,
  };
}

/** Reaches the server once (within `seconds`), or throws an InputError with the URL and the fix. */
export async function checkRedis(url: string, seconds = 5): Promise<RedisOptions> {
  const options = redisOptions(url);
  const probe = new Redis({ ...options, lazyConnect: true, retryStrategy: () => null, connectTimeout: seconds * 1000, maxRetriesPerRequest: 0 });
  let first: unknown;
  probe.on('error', (e) => (first ??= e));
  try {
    await probe.connect();
    await probe.ping();
  } catch (error) {
    const cause = (first ?? error) as NodeJS.ErrnoException;
    const why = cause.code ?? (cause instanceof Error ? cause.message : String(cause));
    throw new InputError(
      `cannot reach Redis at ${url} (${why}): start a server there (on Debian: apt-get install redis-server, then redis-server --port ${options.port}), or give the right --queue URL`,
    );
  } finally {
    probe.disconnect();
  }
  return options;
}
