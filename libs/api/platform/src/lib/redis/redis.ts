import { Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import Redis, { Cluster, type RedisOptions } from 'ioredis';
import { createHash } from 'node:crypto';
import { AppConfig } from '../config/env.schema';

// Reconnect forever with a capped delay: Redis coming back must not need a restart.
export const reconnectDelay = (attempt: number): number => Math.min(attempt * 200, 2000);
/** The deadline of every command of the app's client: a Redis that accepts connections but never answers fails fast too. */
export const REDIS_COMMAND_TIMEOUT_MS = 1000;

/**
 * A client of the app's Redis: one server at REDIS_URL, or the cluster REDIS_CLUSTER_NODES names, with REDIS_URL's
 * credentials and TLS for every node. `options` apply to each connection (for a cluster, to each node's).
 */
export function createRedisClient(config: AppConfig, options: RedisOptions): Redis | Cluster {
  const client = config.REDIS_CLUSTER_NODES ? newCluster(config.REDIS_URL, config.REDIS_CLUSTER_NODES, options) : new Redis(config.REDIS_URL, options);
  // Connection errors surface as failed commands; the client keeps reconnecting.
  client.on('error', () => undefined);
  return client;
}

function newCluster(redisUrl: string, seeds: string, options: RedisOptions): Cluster {
  const url = new URL(redisUrl);
  const nodes = seeds.split(',').map((node) => {
    const at = node.lastIndexOf(':');
    return { host: node.slice(0, at), port: Number(node.slice(at + 1)) };
  });
  return new Cluster(nodes, {
    clusterRetryStrategy: options.retryStrategy,
    enableOfflineQueue: options.enableOfflineQueue ?? true,
    redisOptions: {
      ...options,
      username: decodeURIComponent(url.username) || undefined,
      password: decodeURIComponent(url.password) || undefined,
      tls: url.protocol === 'rediss:' ? {} : undefined,
    },
  });
}

/**
 * The app's Redis client. Commands fail at once while Redis is down (no offline queue) and after
 * REDIS_COMMAND_TIMEOUT_MS when it does not answer, so callers can degrade instead of hanging.
 * Every key is under `config.redisPrefix`.
 */
@Injectable()
export class RedisService implements OnModuleInit, OnApplicationShutdown {
  readonly client: Redis | Cluster;
  readonly prefix: string;
  private readonly scripts = new Map<string, string>();

  constructor(config: AppConfig) {
    this.prefix = config.redisPrefix;
    this.client = createRedisClient(config, {
      retryStrategy: reconnectDelay,
      connectTimeout: 2000,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    });
  }

  // Give Redis a moment to connect so the first requests do not fail; start anyway if it is down.
  async onModuleInit(): Promise<void> {
    if (this.client.status === 'ready') return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 3000);
      this.client.once('ready', () => (clearTimeout(timer), resolve()));
    });
  }

  /** Runs a Lua script by its SHA1, sending its text only when Redis does not know it yet (after a restart). */
  async script(lua: string, keys: string[], args: (string | number)[]): Promise<unknown> {
    let sha = this.scripts.get(lua);
    if (!sha) this.scripts.set(lua, (sha = createHash('sha1').update(lua).digest('hex')));
    try {
      return await this.client.evalsha(sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error as Error).message.startsWith('NOSCRIPT')) throw error;
      return this.client.eval(lua, keys.length, ...keys, ...args);
    }
  }

  key(...parts: string[]): string {
    return [this.prefix, ...parts].join(':');
  }

  /**
   * Deletes keys one command per key: a cluster refuses a multi-key DEL across hash slots (CROSSSLOT), and one
   * huge DEL blocks a single server. Sent together, so it costs one round trip on one server.
   */
  async deleteKeys(keys: readonly string[]): Promise<void> {
    await Promise.all(keys.map((key) => this.client.unlink(key)));
  }

  async ping(): Promise<void> {
    await this.client.ping();
  }

  async onApplicationShutdown(): Promise<void> {
    this.client.disconnect();
  }
}
