// The shared harness of the official-client compatibility tests (run.mjs and every *.test.mjs here).
//
// Each test file imports it, calls useServedContract() once, and then drives the server with @qlik/api: every
// answer that passes through the client (success or error) is checked against the OpenAPI document the server
// itself serves at /api/openapi.json, and every resource a 201 created is deleted when the file ends.
//
//   AUTOCONN_URL=http://127.0.0.1:18080 AUTOCONN_API_KEY=<a TenantAdmin key> node --test compat/<file>.mjs

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { auth } from '@qlik/api';
import { addInterceptor } from '@qlik/api/interceptors';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

export const BASE = (process.env.AUTOCONN_URL ?? '').trim().replace(/\/+$/, '');
export const API_KEY = process.env.AUTOCONN_API_KEY ?? '';
if (!BASE || !API_KEY) {
  console.error('Set AUTOCONN_URL (e.g. http://127.0.0.1:18080) and AUTOCONN_API_KEY.');
  process.exit(2);
}
export const STEP = { timeout: 60_000 };
export const NO_CACHE = { noCache: true };
export const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

// ------------------------------------------------------------------------------------------------------------------
// The contract: the OpenAPI document served by the server under test, and a validator of answers against it.

export class Contract {
  constructor(doc) {
    this.doc = doc;
    this.validations = 0;
    this.withoutTraceId = new Set();
    this.ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
    addFormats(this.ajv);
    this.ajv.addSchema(doc, 'autoconn-openapi.json');
    this.templates = Object.keys(doc.paths).map((template) => ({
      template,
      re: new RegExp(`^${template.split(/\{[^}]+\}/).map(escapeRegExp).join('[^/]+')}$`),
    }));
  }

  templateFor(pathOrTemplate) {
    if (this.doc.paths[pathOrTemplate]) return pathOrTemplate;
    const path = pathOrTemplate.split('?')[0];
    return this.templates.find(({ re }) => re.test(path))?.template;
  }

  deref(obj, pointer) {
    let ptr = pointer;
    let cur = obj;
    for (let i = 0; cur && cur.$ref && i < 10; i++) {
      ptr = cur.$ref;
      cur = ptr.slice(2).split('/').map(unescapePointer).reduce((o, k) => o?.[k], this.doc);
    }
    return { ptr, obj: cur };
  }

  /** Throws when an answer (status, headers, body) is not what the document promises for this operation. */
  check(method, pathOrTemplate, status, data, headers) {
    const m = method.toLowerCase();
    const template = this.templateFor(pathOrTemplate);
    const where = `${m.toUpperCase()} ${pathOrTemplate}`;
    if (!template) throw new Error(`${where}: path is not in the served OpenAPI document`);
    const op = this.doc.paths[template][m];
    if (!op) throw new Error(`${where}: method is not in the served OpenAPI document`);
    const key = op.responses[String(status)] ? String(status) : op.responses.default ? 'default' : null;
    if (!key) {
      throw new Error(`${where} (${op.operationId}): answered ${status}, which the served document does not list ` +
        `(it lists ${Object.keys(op.responses).join(', ')}); body: ${preview(data)}`);
    }
    const { ptr, obj: response } = this.deref(op.responses[key],
      `#/paths/${escapePointer(template)}/${m}/responses/${key}`);
    for (const [name, h] of Object.entries(response.headers ?? {})) {
      const header = this.deref(h, '').obj;
      if (header?.required && !headers?.get?.(name)) {
        throw new Error(`${where} (${op.operationId}) ${status}: required response header ${name} is missing`);
      }
    }
    if (!headers?.get?.('x-trace-id')) this.withoutTraceId.add(`${m.toUpperCase()} ${template} ${status}`);
    const media = response.content?.['application/json'];
    if (!media) {
      if (data !== null && data !== undefined && data !== '') {
        throw new Error(`${where} (${op.operationId}) ${status}: expected no body, got ${preview(data)}`);
      }
      this.validations++;
      return;
    }
    const schemaRef = `autoconn-openapi.json${ptr}/content/application~1json/schema`;
    const validate = this.ajv.getSchema(schemaRef);
    if (!validate) throw new Error(`cannot compile ${schemaRef}`);
    if (!validate(data)) {
      const problems = validate.errors.map((e) => `${e.instancePath || '/'} ${e.message}` +
        (e.keyword !== 'pattern' && e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''))
        .join('; ');
      throw new Error(`${where} (${op.operationId}) ${status}: body does not match the served schema: ${problems}; ` +
        `body: ${preview(data)}`);
    }
    this.validations++;
  }
}

function escapeRegExp(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); }
function escapePointer(s) { return s.replace(/~/g, '~0').replace(/\//g, '~1'); }
function unescapePointer(s) { return decodeURIComponent(s).replace(/~1/g, '/').replace(/~0/g, '~'); }
export function preview(data) {
  const s = typeof data === 'string' ? data : JSON.stringify(data);
  return s === undefined ? 'undefined' : s.length > 600 ? `${s.slice(0, 600)}...` : s;
}


/** The served document's validator: set by useServedContract()'s before hook (a live binding for importers). */
export let contract;
/** Every resource a 201 answered, even one whose answer then failed a check: deleted at the end. */
const everCreated = new Map();

// Every call made through @qlik/api passes this interceptor: its answer (success or error) is checked against the
// served document. Paging calls (response.next()/prev()) bypass interceptors and are checked explicitly.
addInterceptor(async (request, proceed) => {
  let result;
  try {
    result = await proceed(request);
  } catch (err) {
    if (contract && typeof err?.status === 'number' && err.status > 0) {
      contract.check(request.method, request.pathTemplate, err.status, err.data, err.headers);
    }
    throw err;
  }
  if (result.status === 201 && result.data?.id) everCreated.set(result.data.id, request.pathTemplate);
  if (contract) contract.check(request.method, request.pathTemplate, result.status, result.data, result.headers);
  return result;
});

/** A plain HTTP call, for what the official client has no function for. Checked against the document too. */
export async function raw(method, path, { authenticated = true, apiKey = API_KEY, body, validate = true, accept = 'application/json' } = {}) {
  const headers = { Accept: accept };
  if (authenticated) headers.Authorization = `Bearer ${apiKey}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`${BASE}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let data = text;
  try { data = text === '' ? '' : JSON.parse(text); } catch { /* not JSON */ }
  if (validate) contract.check(method, path, res.status, data, res.headers);
  return { status: res.status, headers: res.headers, data, text };
}

export async function expectHttpError(promise, status, code) {
  let err;
  try {
    const res = await promise;
    assert.fail(`expected HTTP ${status}${code ? ` ${code}` : ''}, but the call succeeded with ${res?.status}: ${preview(res?.data)}`);
  } catch (e) {
    if (e instanceof assert.AssertionError) throw e;
    err = e;
  }
  assert.equal(typeof err.status, 'number', `expected an HTTP error from the client, got: ${err?.stack ?? err}`);
  assert.equal(err.status, status, `expected HTTP ${status}, got ${err.status}: ${preview(err.data)}`);
  assertErrorResponse(err.data, err.headers, code);
  return err;
}

export function assertErrorResponse(data, headers, code) {
  assert.ok(data && typeof data === 'object', `error body is not a JSON object: ${preview(data)}`);
  assert.ok(Array.isArray(data.errors) && data.errors.length > 0, `error body has no errors[]: ${preview(data)}`);
  for (const e of data.errors) {
    assert.equal(typeof e.code, 'string', `errors[].code missing: ${preview(data)}`);
    assert.equal(typeof e.title, 'string', `errors[].title missing: ${preview(data)}`);
  }
  assert.ok(typeof data.traceId === 'string' && data.traceId.length > 0, `error body has no traceId: ${preview(data)}`);
  const headerTrace = headers?.get?.('x-trace-id');
  if (headerTrace) assert.equal(headerTrace, data.traceId, 'X-Trace-Id header differs from the body traceId');
  if (code) {
    assert.ok(data.errors.some((e) => e.code === code), `expected error code ${code}, got ${preview(data.errors)}`);
  }
}

export function assertNoSecret(body, ...secrets) {
  const text = JSON.stringify(body);
  for (const s of secrets) assert.ok(!text.includes(s), `a secret value appears in the answer: ${preview(body)}`);
}

/**
 * Registers the file's hooks: before, point @qlik/api at the server and load the served document; after, delete
 * what the file created; and a last test that fails when no answer was validated.
 */
export function useServedContract() {
  before(async () => {
    auth.setDefaultHostConfig({ host: BASE, authType: 'apikey', apiKey: API_KEY });
    const res = await fetch(`${BASE}/api/openapi.json`);
    assert.equal(res.status, 200, `GET /api/openapi.json answered ${res.status}`);
    const doc = await res.json();
    assert.match(String(doc.openapi), /^3\.0\./, 'served document is not OpenAPI 3.0');
    contract = new Contract(doc);
  });

  after(async () => {
    // Leave nothing behind, even resources whose test failed half-way; newest first, so dependents go first.
    for (const [id, collection] of [...everCreated].reverse()) {
      await raw('DELETE', `${collection}/${encodeURIComponent(id)}?forced=true`, { validate: false }).catch(() => {});
    }
  });
}

/** The last test of a file: its answers were validated against the served document. */
export function describeContract() {
  describe('contract', () => {
    it('answers were checked against the served OpenAPI document', () => {
      assert.ok(contract && contract.validations > 0, 'no answer was validated');
      console.log(`validated ${contract.validations} answers against ${BASE}/api/openapi.json`);
      if (contract.withoutTraceId.size) {
        console.log(`answers without an X-Trace-Id header: ${[...contract.withoutTraceId].join(', ')}`);
      }
    });
  });
}
