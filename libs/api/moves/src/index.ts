export * from './lib/moves.module';
export * from './lib/moves.errors';
export { suggestMoves, weeklyHoursBudget, type SuggestedMove } from './lib/moves.generator';
