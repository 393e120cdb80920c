// Dev server: the browser talks to one origin; /api goes to the API, /auth/v1 to Supabase Auth (the sandbox locally).
const api = process.env.API_URL ?? 'http://127.0.0.1:3000';
const supabase = process.env.SUPABASE_URL ?? 'http://127.0.0.1:54321';
const sandbox = process.env.SANDBOX_URL ?? 'http://127.0.0.1:54321';

export default {
  '/api': { target: api, changeOrigin: true },
  '/auth/v1': { target: supabase, changeOrigin: true },
  '/sandbox': { target: sandbox, changeOrigin: true, pathRewrite: { '^/sandbox': '' } },
};
