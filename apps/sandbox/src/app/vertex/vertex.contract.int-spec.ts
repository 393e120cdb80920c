// Contract test: our VertexAiProvider from libs/api/bcm against this stand-in, over HTTP.
import type { FastifyInstance } from 'fastify';
import { buildBcm, VertexAiError, VertexAiProvider } from '@raptorflow/api-bcm';
import { SAMPLE_BUSINESS_CONTEXT, type BusinessContextData } from '@raptorflow/contracts';
import { startTestSandbox } from '../testing';


const KEY = 'vertex_sandbox_key';
const MODEL = 'gemini-2.5-flash';
const manifest = buildBcm(SAMPLE_BUSINESS_CONTEXT as BusinessContextData, { version: 1, sourceContextVersion: 1, generatedAt: '2026-01-01T00:00:00.000Z' });

describe('Vertex AI stand-in + VertexAiProvider', () => {
  let sandbox: FastifyInstance;
  let base: string;
  let provider: VertexAiProvider;

  const control = (path: string, body?: object) =>
    fetch(`${base}/__sandbox${path}`, body ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : undefined).then((r) => r.json());
  const signal = () => AbortSignal.timeout(5000);
  const caught = async (promise: Promise<unknown>): Promise<VertexAiError> => {
    try {
      await promise;
    } catch (error) {
      if (error instanceof VertexAiError) return error;
      throw error;
    }
    throw new Error('expected a VertexAiError');
  };

  beforeAll(async () => {
    let url: string;
    ({ sandbox, url } = await startTestSandbox());
    base = `${url}/vertex`;
    provider = new VertexAiProvider({ apiKey: KEY, baseUrl: base, model: MODEL });
  });

  afterAll(async () => {
    await sandbox?.close();
  });

  beforeEach(async () => {
    await control('/reset', {});
  });

  it('enriches a manifest: structured JSON request in, validated suggestions out, deterministic', async () => {
    const enrichment = await provider.enrichBcm(manifest, signal());
    expect(enrichment).toEqual({ provider: `vertex-ai/${MODEL}`, positioningRewrite: expect.stringContaining(manifest.offering.product), moveIdeas: expect.any(Array) });
    expect(enrichment?.moveIdeas?.length).toBeGreaterThan(0);
    expect(await provider.enrichBcm(manifest, signal())).toEqual(enrichment);

    const [call] = (await control('/calls')) as { model: string; method: string; prompt: string; generationConfig: Record<string, unknown> }[];
    expect(call).toMatchObject({ model: MODEL, method: 'generateContent' });
    expect(call.prompt).toContain(manifest.positioning.statement);
    expect(call.generationConfig).toMatchObject({
      responseMimeType: 'application/json',
      responseSchema: { type: 'OBJECT', properties: { positioningRewrite: { type: 'STRING' }, moveIdeas: { type: 'ARRAY' } } },
      temperature: expect.any(Number),
      maxOutputTokens: expect.any(Number),
    });
  });

  it('answers in the real GenerateContentResponse shape', async () => {
    const res = await fetch(`${base}/v1/publishers/google/models/${MODEL}:generateContent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-goog-api-key': KEY },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'Say hello' }] }] }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      candidates: [{ content: { role: 'model', parts: [{ text: expect.stringContaining('Say hello') }] }, finishReason: 'STOP', avgLogprobs: expect.any(Number) }],
      usageMetadata: expect.objectContaining({ promptTokenCount: expect.any(Number), candidatesTokenCount: expect.any(Number), totalTokenCount: expect.any(Number) }),
      modelVersion: MODEL,
      createTime: expect.any(String),
      responseId: expect.any(String),
    });
  });

  it('rejects a missing key (401) and a wrong key (400 API_KEY_INVALID) in Google error shape; the error never holds the key', async () => {
    const missing = await fetch(`${base}/v1/publishers/google/models/${MODEL}:generateContent`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ error: { code: 401, message: expect.any(String), status: 'UNAUTHENTICATED' } });

    const wrongKey = 'AQ.wrong-vertex-key-never-logged';
    const error = await caught(new VertexAiProvider({ apiKey: wrongKey, baseUrl: base, model: MODEL }).enrichBcm(manifest, signal()));
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/INVALID_ARGUMENT API key not valid/);
    expect(error.message).not.toContain(wrongKey);
  });

  it.each([500, 429])('surfaces an injected %i as a VertexAiError', async (status) => {
    await control('/behaviour', { failStatus: status });
    const error = await caught(provider.enrichBcm(manifest, signal()));
    expect(error.status).toBe(status);
    expect(error.message).toContain(`Vertex AI answered ${status}`);
  });

  it('rejects malformed model output', async () => {
    await control('/behaviour', { malformed: true });
    await expect(provider.enrichBcm(manifest, signal())).rejects.toThrow(/not JSON/);
  });

  it('stops waiting when the signal aborts (a slow model)', async () => {
    await control('/behaviour', { delayMs: 5000 });
    const started = Date.now();
    const error = await caught(provider.enrichBcm(manifest, AbortSignal.timeout(200)));
    expect(error).toMatchObject({ status: null, message: 'Vertex AI request failed: aborted' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('counts tokens (what npm run doctor uses to check the key) and 404s an unknown model', async () => {
    const count = await fetch(`${base}/v1/publishers/google/models/${MODEL}:countTokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-goog-api-key': KEY },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'ping' }] }] }),
    });
    expect(await count.json()).toMatchObject({ totalTokens: 1 });
    const unknown = new VertexAiProvider({ apiKey: KEY, baseUrl: base, model: 'palm-2' });
    expect(await caught(unknown.enrichBcm(manifest, signal()))).toMatchObject({ status: 404 });
  });
});
