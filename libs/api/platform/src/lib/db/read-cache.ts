import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { AppConfig } from '../config/env.schema';
import { withTimeout } from '../deadline/with-timeout';
import { Database } from './database';

/** The channel of supabase/migrations/*_access_change_notifications.sql. */
export const ACCESS_CHANGE_CHANNEL = 'rf_access_change';

const MAX_ENTRIES = 10_000;
const MAX_AGE_MS = 60_000;
const RECONNECT_MS = 1_000;
const RECONNECT_MAX_MS = 30_000;
// A listening connection can die without a word (a dropped NAT entry, a frozen server): it is asked to answer every
// HEARTBEAT_MS, and counts as lost when it does not within HEARTBEAT_TIMEOUT_MS.
export const HEARTBEAT_MS = 1_500;
export const HEARTBEAT_TIMEOUT_MS = 1_500;
/** The listening connection's application_name (pg_stat_activity). */
export const LISTENER_NAME = 'raptorflow-read-cache';

interface Entry {
  value: unknown;
  tags: string[];
  expiresAt: number;
}

export const workspaceTag = (workspaceId: string) => `w:${workspaceId}`;
export const userTag = (userId: string) => `u:${userId}`;

/**
 * In-process copies of per-user reads on the hot path (who may see which workspace, its BCM), so a repeated
 * request needs no database round trip. Kept honest by Postgres: triggers NOTIFY every change of the rows those
 * reads come from, and a notification drops every copy tagged with its workspace or user. While the listening
 * connection is down (or stops answering its heartbeat) nothing is cached (every read goes to Postgres), and no copy
 * outlives MAX_AGE_MS.
 */
@Injectable()
export class ReadCache implements OnApplicationShutdown {
  private readonly logger = new Logger(ReadCache.name);
  private readonly entries = new Map<string, Entry>();
  private readonly byTag = new Map<string, Set<string>>();
  private listener: Client | null = null;
  private listening = false;
  private starting: Promise<void> | null = null;
  private reconnect: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private closed = false;
  private lostAt: number | null = null;
  private attempts = 0;
  // Bumped by every notification: a read that started before one is not stored (it may predate the change).
  private generation = 0;

  constructor(
    private readonly config: AppConfig,
    private readonly db: Database,
  ) {}

  /**
   * The cached value of `key`, or `load()`'s, stored under the tags `tagsOf` names (workspaceTag/userTag) for at most
   * `maxAgeMs` (never longer than MAX_AGE_MS).
   */
  async get<T>(key: string, load: () => Promise<T>, tagsOf: (value: T) => string[], maxAgeMs = MAX_AGE_MS): Promise<T> {
    if (!this.listening) {
      this.listen();
      return load();
    }
    const entry = this.entries.get(key);
    if (entry && Date.now() < entry.expiresAt) return entry.value as T;
    const generation = this.generation;
    const value = await load();
    if (this.listening && generation === this.generation) this.store(key, value, tagsOf(value), Math.min(maxAgeMs, MAX_AGE_MS));
    return value;
  }

  /**
   * Drops the copies of one workspace (and user) here at once and in every other instance by notification. For writers whose
   * caller reads again right away (the trigger's notification may land a moment later) and for changes no table
   * trigger sees, such as a queued job.
   */
  async announce(workspaceId: string, userId: string | null = null): Promise<void> {
    this.invalidate([workspaceTag(workspaceId), ...(userId ? [userTag(userId)] : [])]);
    await this.db.notify(ACCESS_CHANGE_CHANNEL, JSON.stringify({ w: workspaceId, u: userId }));
  }

  /** Drops one user's copies (profile, sessions) here at once; other instances hear of it from the tables' triggers. */
  forgetUser(userId: string): void {
    this.invalidate([userTag(userId)]);
  }

  get size(): number {
    return this.entries.size;
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    if (this.reconnect) clearTimeout(this.reconnect);
    this.stopHeartbeat();
    await this.starting?.catch(() => undefined);
    await this.listener?.end().catch(() => undefined);
  }

  private store(key: string, value: unknown, tags: string[], maxAgeMs: number): void {
    this.delete(key);
    if (this.entries.size >= MAX_ENTRIES) this.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { value, tags, expiresAt: Date.now() + maxAgeMs });
    for (const tag of tags) {
      let keys = this.byTag.get(tag);
      if (!keys) this.byTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    for (const tag of entry.tags) {
      const keys = this.byTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.byTag.delete(tag);
    }
  }

  private invalidate(tags: string[]): void {
    this.generation++;
    for (const tag of tags) for (const key of [...(this.byTag.get(tag) ?? [])]) this.delete(key);
  }

  private clear(): void {
    this.generation++;
    this.entries.clear();
    this.byTag.clear();
  }

  private stopHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }

  private listen(): void {
    if (this.starting || this.closed || this.reconnect) return;
    const client = new Client({ connectionString: this.config.DATABASE_URL, connectionTimeoutMillis: 3000, keepAlive: true, application_name: LISTENER_NAME });
    const lost = (error?: Error) => {
      if (this.listener !== client) return;
      this.listener = null;
      this.listening = false;
      this.stopHeartbeat();
      this.clear();
      client.end().catch(() => undefined);
      if (this.closed) return;
      if (this.lostAt === null) {
        this.lostAt = Date.now();
        this.logger.warn(`change notifications lost (${error?.message ?? 'connection ended'}); reading from Postgres until they are back`);
      }
      const delay = Math.min(RECONNECT_MS * 2 ** this.attempts++, RECONNECT_MAX_MS);
      this.reconnect = setTimeout(() => ((this.reconnect = null), this.listen()), delay);
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (message) => this.invalidate(tagsOf(message.payload)));
    this.listener = client;
    this.starting = client
      .connect()
      .then(() => client.query(`listen ${ACCESS_CHANGE_CHANNEL}`))
      .then(() => {
        if (this.listener !== client) return;
        this.clear();
        this.listening = true;
        this.attempts = 0;
        this.heartbeat = setInterval(() => {
          withTimeout(HEARTBEAT_TIMEOUT_MS, () => client.query('select 1')).catch((error: Error) => lost(new Error(`heartbeat: ${error.message}`)));
        }, HEARTBEAT_MS);
        this.heartbeat.unref();
        if (this.lostAt) this.logger.log(`change notifications back after ${Math.round((Date.now() - this.lostAt) / 1000)} s; caching again`);
        this.lostAt = null;
      })
      .catch((error: Error) => lost(error))
      .finally(() => (this.starting = null));
  }
}

function tagsOf(payload: string | undefined): string[] {
  try {
    const { w, u } = JSON.parse(payload ?? '{}') as { w?: string | null; u?: string | null };
    return [...(w ? [workspaceTag(w)] : []), ...(u ? [userTag(u)] : [])];
  } catch {
    return [];
  }
}
