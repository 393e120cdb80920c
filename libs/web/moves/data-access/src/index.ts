export * from './lib/moves.actions';
export * from './lib/moves.feature';
export * from './lib/moves.week';
export * from './lib/moves-api.service';
export * from './lib/provide-moves';
