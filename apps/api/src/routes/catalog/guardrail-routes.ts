import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { guardrailCatalog, guardrailDetail, presetCatalog, presetDetail } from '@starter/agent-runtime';
import { AppError } from '@starter/contracts';
import type { AppEnv } from '../../http/app-env.js';
import { errorResponse } from '../error-responses.js';
import { CATALOG_PREFIX, type CatalogRouteDeps, json, TOOLS_READ } from './catalog-route-deps.js';
import {
  GuardrailDetailSchema,
  GuardrailSummarySchema,
  listOf,
  PresetDetailSchema,
  PresetSummarySchema,
} from './catalog-schemas.js';

const tags = ['Guardrails'];
const base = `${CATALOG_PREFIX}/guardrails`;
const keyParam = (name: string) =>
  z.object({
    [name]: z
      .string()
      .min(1)
      .max(64)
      .openapi({ param: { name, in: 'path' } }),
  });

/**
 * The four guardrail catalog routes (spec §1.13). The preset routes are registered first so that
 * `/guardrails/presets` is never read as a guardrail named `presets`.
 */
export function registerGuardrailRoutes(app: OpenAPIHono<AppEnv>, deps: CatalogRouteDeps): void {
  const { authorizer, runtime } = deps;

  const presets = createRoute({
    method: 'get',
    path: `${base}/presets`,
    tags,
    summary: 'List guardrail presets',
    responses: {
      200: { description: 'Preset summaries', content: json(listOf(PresetSummarySchema, 'PresetList')) },
    },
  });
  app.openapi(authorizer.protect(presets, TOOLS_READ), (c) => {
    const items = presetCatalog();
    return c.json({ items, total: items.length }, 200);
  });

  const preset = createRoute({
    method: 'get',
    path: `${base}/presets/{preset_key}`,
    tags,
    summary: 'A guardrail preset with its member configs',
    request: { params: keyParam('preset_key') },
    responses: {
      200: { description: 'The preset', content: json(PresetDetailSchema) },
      404: errorResponse('No such preset'),
    },
  });
  app.openapi(authorizer.protect(preset, TOOLS_READ), (c) => {
    const key = String(c.req.valid('param').preset_key);
    const detail = presetDetail(runtime.guardrails, key);
    if (detail === undefined) throw new AppError('NotFound', `Unknown guardrail preset '${key}'.`);
    return c.json(detail, 200);
  });

  const list = createRoute({
    method: 'get',
    path: base,
    tags,
    summary: 'List guardrail checks',
    responses: {
      200: {
        description: 'Guardrail summaries',
        content: json(listOf(GuardrailSummarySchema, 'GuardrailList')),
      },
    },
  });
  app.openapi(authorizer.protect(list, TOOLS_READ), (c) => {
    const items = guardrailCatalog(runtime.guardrails);
    return c.json({ items, total: items.length }, 200);
  });

  const detail = createRoute({
    method: 'get',
    path: `${base}/{guardrail_key}`,
    tags,
    summary: 'A guardrail check with its config schema and defaults',
    request: { params: keyParam('guardrail_key') },
    responses: {
      200: { description: 'The guardrail', content: json(GuardrailDetailSchema) },
      404: errorResponse('No such guardrail'),
    },
  });
  app.openapi(authorizer.protect(detail, TOOLS_READ), (c) => {
    const key = String(c.req.valid('param').guardrail_key);
    const found = guardrailDetail(runtime.guardrails, key);
    if (found === undefined) throw new AppError('NotFound', `Unknown guardrail '${key}'.`);
    return c.json(found, 200);
  });
}
