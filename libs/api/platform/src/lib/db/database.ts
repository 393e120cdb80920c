import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Kysely, PostgresDialect, sql, Transaction } from 'kysely';
import { Pool } from 'pg';
import { AppConfig } from '../config/env.schema';
import type { DB } from './schema';

/** The verified JWT claims a user-scoped transaction runs under. */
export interface UserClaims {
  sub: string;
  email?: string;
  session_id?: string;
  /** GoTrue's authenticator assurance level of the session: 'aal2' once it passed a second factor. */
  aal?: string;
  [claim: string]: unknown;
}

export type Tx = Transaction<DB>;
/** A transaction or the pool itself: for repository methods that are one statement. */
export type Queryable = Kysely<DB>;

// Server-side deadlines of every pooled connection: no statement runs longer, and a transaction left open by a
// stuck caller is ended, so the pool cannot be starved. Work that needs longer must say so in its own transaction.
export const STATEMENT_TIMEOUT_MS = 15_000;
export const IDLE_IN_TRANSACTION_TIMEOUT_MS = 10_000;

@Injectable()
export class Database implements OnApplicationShutdown {
  private readonly pool: Pool;
  private readonly db: Kysely<DB>;

  constructor(config: AppConfig) {
    this.pool = new Pool({
      connectionString: config.DATABASE_URL,
      max: 10,
      connectionTimeoutMillis: 3000,
      statement_timeout: STATEMENT_TIMEOUT_MS,
      idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_TIMEOUT_MS,
    });
    // An idle client that loses its server must not crash the process.
    this.pool.on('error', () => undefined);
    this.db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: this.pool }) });
  }

  /**
   * Runs fn in one transaction as Postgres role `authenticated` with the user's claims,
   * so row-level security decides what the user may read and write.
   */
  asUser<T>(claims: UserClaims, fn: (tx: Tx) => Promise<T>): Promise<T> {
    const jwtClaims = JSON.stringify({ ...claims, role: 'authenticated' });
    return this.db.transaction().execute(async (tx) => {
      await sql`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', ${jwtClaims}, true)`.execute(tx);
      return fn(tx);
    });
  }

  /** Service-role work (webhooks, jobs, admin): bypasses row-level security, so callers must scope queries themselves. */
  asService<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(fn);
  }

  /** Service-role work of one statement, without a transaction around it (one round trip). */
  asServiceStatement<T>(fn: (db: Queryable) => Promise<T>): Promise<T> {
    return fn(this.db);
  }

  async notify(channel: string, payload: string): Promise<void> {
    await sql`select pg_notify(${channel}, ${payload})`.execute(this.db);
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.db.destroy();
  }
}
