import { sql } from 'kysely';

/**
 * SQL for the user's current workspace id (public.current_workspace_id: chosen, else own, else oldest). A scalar
 * subquery, so Postgres runs the function once per statement, not again in every join and filter that compares with it.
 */
export const currentWorkspaceId = (userId: string) => sql<string>`(select public.current_workspace_id(${userId}::uuid))`;
