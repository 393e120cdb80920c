import { sql } from 'kysely';

/** SQL for the user's current workspace id (public.current_workspace_id: chosen, else own, else oldest). */
export const currentWorkspaceId = (userId: string) => sql<string>`public.current_workspace_id(${userId}::uuid)`;
