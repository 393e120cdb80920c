// Preloaded into a profiled API (node --cpu-prof): exit normally on SIGTERM, so Node writes the profile
// (a process that dies of the signal, as Nest's shutdown hook re-raises it, writes none).
process.once('SIGTERM', () => process.exit(0));
