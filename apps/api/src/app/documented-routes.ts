// The routes the API documents, read from its OpenAPI document: what the security sweep and the fuzz suite walk.
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

export interface JsonSchema {
  type?: string;
  enum?: unknown[];
  example?: unknown;
  nullable?: boolean;
  properties?: Record<string, JsonSchema>;
  $ref?: string;
}

export interface DocumentedRoute {
  method: string;
  /** The OpenAPI path, e.g. /api/v1/moves/{id}. */
  template: string;
  /** "PATCH /api/v1/moves/:id" */
  key: string;
  params: string[];
  query: string[];
  headers: string[];
  /** The request body's schema with its $ref resolved, if the route takes a JSON body. */
  body?: JsonSchema;
}

interface Operation {
  parameters?: { in: string; name: string }[];
  requestBody?: { content?: { 'application/json'?: { schema?: JsonSchema } } };
}

export async function documentedRoutes(app: NestFastifyApplication): Promise<DocumentedRoute[]> {
  const doc = (await app.inject({ method: 'GET', url: '/api/docs-json' })).json() as {
    paths: Record<string, Record<string, Operation>>;
    components?: { schemas?: Record<string, JsonSchema> };
  };
  const resolve = (schema?: JsonSchema) => (schema?.$ref ? doc.components?.schemas?.[schema.$ref.replace('#/components/schemas/', '')] : schema);
  return Object.entries(doc.paths).flatMap(([template, operations]) =>
    Object.entries(operations).map(([m, operation]) => {
      const method = m.toUpperCase();
      return {
        method,
        template,
        key: `${method} ${template.replace(/\{(\w+)\}/g, ':$1')}`,
        params: [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]),
        query: (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        headers: (operation.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name),
        body: resolve(operation.requestBody?.content?.['application/json']?.schema),
      };
    }),
  );
}

/** The route's path with each `{param}` replaced by `value(param)`, URL-encoded unless `raw`. */
export function fillPath(route: DocumentedRoute, value: (param: string) => string, raw = false): string {
  return route.template.replace(/\{(\w+)\}/g, (_, name: string) => (raw ? value(name) : encodeURIComponent(value(name))));
}
