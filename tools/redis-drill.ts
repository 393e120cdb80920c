// For the e2e suite only: the stack's API and worker reach Redis through a TCP proxy that a spec can take down and
// bring back over a small HTTP control (POST /down, POST /up on 127.0.0.1:REDIS_DRILL_PORT). Going down also deletes
// every key under the run's REDIS_PREFIX, as a restart of our Redis (which keeps nothing on disk) would; the
// machine's Redis server itself is never touched.
import { createServer } from 'node:http';
import { TcpProxy } from '../libs/api/platform/src/lib/testing/tcp-proxy';
import { deleteRedisPrefix } from './services';

export interface RedisDrill {
  /** What the API and worker should use as REDIS_URL. */
  redisUrl: string;
}

export async function startRedisDrill(redisUrl: string, prefix: string | undefined, controlPort: number): Promise<RedisDrill> {
  // Without its own prefix a drill would wipe someone else's keys.
  if (!prefix) throw new Error('REDIS_DRILL_PORT needs REDIS_PREFIX (the keys a drill may delete)');
  const target = new URL(redisUrl);
  const proxy = await TcpProxy.start({ host: target.hostname, port: Number(target.port || 6379) });
  const control = createServer((request, response) => {
    const answer = (status: number, body: object) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    const run = async () => {
      if (request.method === 'POST' && request.url === '/down') {
        await proxy.cut();
        await deleteRedisPrefix(redisUrl, prefix);
      } else if (request.method === 'POST' && request.url === '/up') {
        await proxy.resume();
      } else if (request.method !== 'GET' || request.url !== '/') {
        return answer(404, { error: 'POST /down, POST /up or GET /' });
      }
      answer(200, { redis: proxy.isCut ? 'down' : 'up' });
    };
    run().catch((error: Error) => answer(500, { error: error.message }));
  });
  await new Promise<void>((resolve) => control.listen(controlPort, '127.0.0.1', resolve));
  const proxied = new URL(redisUrl);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(proxy.port);
  // Both servers live as long as the stack's process.
  return { redisUrl: proxied.toString() };
}
