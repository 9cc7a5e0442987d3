import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from './openapi';

describe('the OpenAPI document', () => {
  const document = openApiDocument();

  it('is the one the README points to (docs/openapi.json): regenerate it with npm run -s serve -- --openapi', () => {
    expect(JSON.parse(readFileSync('docs/openapi.json', 'utf8'))).toEqual(document);
  });

  it('names only schemas it holds, and describes a run request as it is sent (every field optional)', () => {
    const text = JSON.stringify(document);
    const named = [...text.matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map((match) => match[1]);
    expect(named.length).toBeGreaterThan(5);
    for (const id of named) expect(document.components.schemas).toHaveProperty(id);
    const request = document.components.schemas.RunRequest as { required?: string[]; properties: object };
    expect(request.required ?? []).toEqual([]);
    expect(Object.keys(request.properties)).toEqual(['inputs', 'max_cost', 'auto_pick']);
    expect(text).not.toMatch(/"\$schema"|"\$id"/);
  });
});
