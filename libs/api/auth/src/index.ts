export * from './lib/auth.module';
export * from './lib/auth.errors';
export * from './lib/auth.guard';
export * from './lib/operator.guard';
export * from './lib/assurance';
export * from './lib/current-user.decorator';
export * from './lib/jwt.verifier';
export * from './lib/profile.service';
