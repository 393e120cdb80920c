import type { BcmEnrichment, BusinessContextManifest } from '@raptorflow/contracts';
import { AiProvider } from './ai-provider';
import { buildEnrichmentPrompt, ENRICHMENT_RESPONSE_SCHEMA, parseEnrichment } from './bcm-enrichment.prompt';

export interface VertexAiOptions {
  /** A Vertex AI express mode API key. */
  apiKey: string;
  /** https://aiplatform.googleapis.com in production; the sandbox serves <sandbox>/vertex. */
  baseUrl: string;
  /** e.g. gemini-2.5-flash */
  model: string;
}

/** A failed call: `status` is the HTTP status, or null when no answer came (network, abort). Never holds the key. */
export class VertexAiError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
  }
}

interface GenerateContentResponse {
  candidates?: { content?: { parts?: { text?: string; thought?: boolean }[] }; finishReason?: string }[];
  promptFeedback?: { blockReason?: string };
}

const GENERATION = { temperature: 0.4, maxOutputTokens: 1024 };

/**
 * Gemini on Vertex AI in express mode: POST {base}/v1/publishers/google/models/{model}:generateContent with the
 * key in x-goog-api-key (as Google's genai SDK sends it), structured JSON output, one candidate.
 */
export class VertexAiProvider extends AiProvider {
  constructor(private readonly options: VertexAiOptions) {
    super();
  }

  async enrichBcm(manifest: BusinessContextManifest, signal: AbortSignal): Promise<BcmEnrichment | null> {
    const text = await this.generateJson(buildEnrichmentPrompt(manifest), ENRICHMENT_RESPONSE_SCHEMA, signal);
    const suggestions = parseEnrichment(text, manifest);
    if (!suggestions.positioningRewrite && !suggestions.moveIdeas) return null;
    return { provider: `vertex-ai/${this.options.model}`, ...suggestions };
  }

  /** One generateContent call asking for JSON in `schema`; returns the first candidate's text. */
  async generateJson(prompt: string, schema: object, signal: AbortSignal): Promise<string> {
    const { baseUrl, model, apiKey } = this.options;
    const url = `${baseUrl.replace(/\/+$/, '')}/v1/publishers/google/models/${encodeURIComponent(model)}:generateContent`;
    const body = {
      contents: [{ role: 'user', parts: [{ text: prompt }] }],
      generationConfig: {
        ...GENERATION,
        responseMimeType: 'application/json',
        responseSchema: schema,
        // 2.5 Flash thinks by default, which spends the output tokens and the time budget on a short answer.
        ...(/^gemini-2\.5-flash/.test(model) ? { thinkingConfig: { thinkingBudget: 0 } } : {}),
      },
    };
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-goog-api-key': apiKey },
        body: JSON.stringify(body),
        signal,
      });
    } catch (error) {
      throw new VertexAiError(`Vertex AI request failed: ${this.clean(causeOf(error))}`, null);
    }
    const raw = await response.text();
    const json = parseJson(raw);
    if (!response.ok) {
      const error = (json as { error?: { status?: string; message?: string } } | undefined)?.error;
      const detail = error ? `${error.status ?? ''} ${error.message ?? ''}`.trim() : raw.slice(0, 200);
      throw new VertexAiError(`Vertex AI answered ${response.status}: ${this.clean(detail)}`, response.status);
    }
    const answer = json as GenerateContentResponse | undefined;
    const candidate = answer?.candidates?.[0];
    if (!candidate) throw new VertexAiError(`Vertex AI returned no candidate${answer?.promptFeedback?.blockReason ? ` (blocked: ${answer.promptFeedback.blockReason})` : ''}`, response.status);
    if (candidate.finishReason && candidate.finishReason !== 'STOP') throw new VertexAiError(`Vertex AI stopped early: ${candidate.finishReason}`, response.status);
    const text = (candidate.content?.parts ?? []).filter((part) => !part.thought && typeof part.text === 'string').map((part) => part.text).join('');
    if (!text) throw new VertexAiError('Vertex AI returned an empty answer', response.status);
    return text;
  }

  // Belt and braces: whatever a server echoes back, the key never reaches a log line.
  private clean(text: string): string {
    return text.split(this.options.apiKey).join('[redacted]').slice(0, 300);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function causeOf(error: unknown): string {
  const e = error as Error & { cause?: { code?: string; message?: string } };
  if (e?.name === 'AbortError' || e?.name === 'TimeoutError') return 'aborted';
  return e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(error);
}
