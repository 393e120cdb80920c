export * from './lib/moves.builders';
