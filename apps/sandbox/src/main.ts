import { createSandbox } from './app/sandbox';

async function main() {
  const port = Number(process.env['SANDBOX_PORT'] ?? 54321);
  const app = await createSandbox({
    databaseUrl: process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/raptorflow',
    publicUrl: process.env['SANDBOX_URL'] ?? `http://127.0.0.1:${port}`,
    logger: process.env['SANDBOX_LOG'] === 'true',
  });
  await app.listen({ port, host: '127.0.0.1' });
  console.log(`sandbox (Supabase Auth, PhonePe, Resend, Vertex AI stand-ins) on http://127.0.0.1:${port}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
