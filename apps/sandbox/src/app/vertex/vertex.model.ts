// The stand-in's "model": deterministic answers derived from the prompt, in Vertex AI's response shapes.
import { createHash } from 'node:crypto';

export interface GoogleErrorBody {
  error: { code: number; message: string; status: string; details?: object[] };
}

const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

/** google.rpc.Status as Google's REST APIs return it. */
export function googleError(code: number, message: string, details?: object[]): GoogleErrorBody {
  return { error: { code, message, status: STATUS_NAMES[code] ?? 'UNKNOWN', ...(details ? { details } : {}) } };
}

interface Part {
  text?: unknown;
}
interface SchemaNode {
  type?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
}
export interface GenerateContentRequest {
  contents?: { role?: unknown; parts?: Part[] }[];
  generationConfig?: { responseMimeType?: string; responseSchema?: SchemaNode; maxOutputTokens?: number };
}

/** The request's prompt text, or an error message in Google's words when the body is not a valid request. */
export function promptOf(body: unknown): { prompt: string } | { invalid: string } {
  const request = body as GenerateContentRequest | undefined;
  if (!request || typeof request !== 'object' || !Array.isArray(request.contents) || request.contents.length === 0) {
    return { invalid: 'Invalid JSON payload: contents is required and must be a non-empty list.' };
  }
  const texts: string[] = [];
  for (const [i, content] of request.contents.entries()) {
    if (!Array.isArray(content?.parts) || content.parts.length === 0) return { invalid: `contents[${i}].parts must not be empty.` };
    if (content.role !== undefined && content.role !== 'user' && content.role !== 'model') return { invalid: `Please use a valid role: user, model.` };
    for (const part of content.parts) if (typeof part?.text === 'string') texts.push(part.text);
  }
  return { prompt: texts.join('\n') };
}

// Roughly what Gemini's tokenizer gives for English text.
export const tokens = (text: string): number => Math.max(1, Math.ceil(text.length / 4));

const fact = (prompt: string, label: string): string | undefined => new RegExp(`^${label}: (.+)$`, 'm').exec(prompt)?.[1]?.trim();

function sandboxString(prompt: string, field: string): string {
  if (/positioning|rewrite/i.test(field)) {
    const product = fact(prompt, 'Product')?.split(':')[0] ?? 'Your product';
    const problem = fact(prompt, 'Problem solved') ?? 'the problem your customers have';
    return `${product} ends ${problem.replace(/\.$/, '').toLowerCase()}: sandbox rewrite ${digest(prompt)}.`;
  }
  return `Sandbox ${field} ${digest(prompt)}`;
}

function sandboxList(prompt: string, field: string): string[] {
  const channels = (fact(prompt, 'Active channels') ?? '')
    .split(';')
    .map((c) => c.replace(/\(.*\)/, '').trim())
    .filter((c) => c && c !== 'none given');
  const goal = fact(prompt, 'Goal')?.split(',')[0] ?? 'your goal';
  const ideas = (channels.length ? channels : ['email']).map((channel) => `Publish one ${channel} piece this week that drives ${goal}.`);
  ideas.push(`Interview three customers about ${goal} (${digest(prompt)}).`);
  return /idea|move/i.test(field) ? ideas.slice(0, 3) : [`Sandbox ${field} ${digest(prompt)}`];
}

function fromSchema(schema: SchemaNode, prompt: string, field: string): unknown {
  switch (schema.type?.toUpperCase()) {
    case 'OBJECT':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, node]) => [key, fromSchema(node, prompt, key)]));
    case 'ARRAY':
      return sandboxList(prompt, field);
    case 'INTEGER':
    case 'NUMBER':
      return prompt.length;
    case 'BOOLEAN':
      return true;
    default:
      return sandboxString(prompt, field);
  }
}

const digest = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 8);

/** The answer text: JSON following responseSchema when JSON was asked for, else a plain sentence. */
export function answerText(prompt: string, request: GenerateContentRequest, malformed: boolean): string {
  if (malformed) return 'Sure! Here is what I would suggest: {positioningRewrite: "unfinished';
  const config = request.generationConfig;
  if (config?.responseMimeType === 'application/json') {
    return JSON.stringify(config.responseSchema ? fromSchema(config.responseSchema, prompt, 'answer') : { answer: sandboxString(prompt, 'answer') });
  }
  return `Sandbox answer ${digest(prompt)} to: ${prompt.slice(0, 80)}`;
}

/** A GenerateContentResponse with one candidate. */
export function generateContentResponse(model: string, prompt: string, text: string) {
  const promptTokens = tokens(prompt);
  const answerTokens = tokens(text);
  return {
    candidates: [{ content: { role: 'model', parts: [{ text }] }, finishReason: 'STOP', avgLogprobs: -0.12 }],
    usageMetadata: {
      promptTokenCount: promptTokens,
      candidatesTokenCount: answerTokens,
      totalTokenCount: promptTokens + answerTokens,
      trafficType: 'ON_DEMAND',
      promptTokensDetails: [{ modality: 'TEXT', tokenCount: promptTokens }],
      candidatesTokensDetails: [{ modality: 'TEXT', tokenCount: answerTokens }],
    },
    modelVersion: model,
    createTime: new Date().toISOString(),
    responseId: digest(`${prompt}${Date.now()}${Math.random()}`),
  };
}
