// The contract the compatibility tests hold autoconn to: the OpenAPI document the server itself serves at
// /api/openapi.json, and checks of answers against it. Shared by the *.test.mjs files (run.mjs has its own copy).

import assert from 'node:assert/strict';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

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

  /** Fetches and compiles the document a server serves. */
  static async load(base) {
    const res = await fetch(`${base}/api/openapi.json`);
    assert.equal(res.status, 200, `GET /api/openapi.json answered ${res.status}`);
    const doc = await res.json();
    assert.match(String(doc.openapi), /^3\.0\./, 'served document is not OpenAPI 3.0');
    return new Contract(doc);
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

/** Awaits a client call that must fail with this status (and code): the ErrorResponse it answered. */
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
