import type { ColumnType } from 'kysely';

// Row types of the tables our migrations create (supabase/migrations is the source of truth).
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

// eslint-disable-next-line @typescript-eslint/no-empty-interface, @typescript-eslint/no-empty-object-type
export interface DB {}
