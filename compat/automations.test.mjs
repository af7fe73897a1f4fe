// Official-client compatibility test for autoconn's automations.
//
// Drives a running autoconn with Qlik's own JavaScript client (@qlik/api): its automations modules in both flavours
// (/api/v1/automations and /api/workflows/automations), and its automation-connections module for what automations
// change about connections (a used connection is deleted only with forced=true). Every answer is checked against the
// OpenAPI document the server serves at /api/openapi.json, as compat/run.mjs does for connections.
//
//   AUTOCONN_URL=http://127.0.0.1:18080 AUTOCONN_API_KEY=... node --test compat/automations.test.mjs

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';

import { auth } from '@qlik/api';
import { addInterceptor } from '@qlik/api/interceptors';
import * as v1Automations from '@qlik/api/automations';
import * as wfAutomations from '@qlik/api/workflows/automations';
import * as v1Connections from '@qlik/api/automation-connections';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

const BASE = (process.env.AUTOCONN_URL ?? '').trim().replace(/\/+$/, '');
const API_KEY = process.env.AUTOCONN_API_KEY ?? '';
if (!BASE || !API_KEY) {
  console.error('Set AUTOCONN_URL (e.g. http://127.0.0.1:18080) and AUTOCONN_API_KEY.');
  process.exit(2);
}

const HTTP_API_CONNECTOR = '67031468-9f41-4068-9de8-95d3dd29dfb4';
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const RUN = randomUUID().slice(0, 8);
const STEP = { timeout: 60_000 };
const NO_CACHE = { noCache: true };

// ------------------------------------------------------------------------------------------------------------------
// The contract: each answer (status, required headers, body) against the operation in the served document.

class Contract {
  constructor(doc) {
    this.doc = doc;
    this.validations = 0;
    this.ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
    addFormats(this.ajv);
    this.ajv.addSchema(doc, 'autoconn-openapi.json');
    this.templates = Object.keys(doc.paths).map((template) => ({
      template,
      re: new RegExp(`^${template.split(/\{[^}]+\}/).map(escapeRegExp).join('[^/]+')}$`),
    }));
  }

  /** Throws when an answer is not what the document promises for this operation. */
  check(method, pathOrTemplate, status, data, headers) {
    const m = method.toLowerCase();
    const path = pathOrTemplate.split('?')[0];
    const template = this.doc.paths[path] ? path : this.templates.find(({ re }) => re.test(path))?.template;
    const where = `${m.toUpperCase()} ${pathOrTemplate}`;
    assert.ok(template, `${where}: path is not in the served OpenAPI document`);
    const op = this.doc.paths[template][m];
    assert.ok(op, `${where}: method is not in the served OpenAPI document`);
    const key = String(status);
    assert.ok(op.responses[key], `${where} (${op.operationId}) answered ${status}, which the served document does `
      + `not list (${Object.keys(op.responses).join(', ')}); body: ${preview(data)}`);
    const { ptr, obj: response } = this.deref(op.responses[key], `#/paths/${escapePointer(template)}/${m}/responses/${key}`);
    for (const [name, h] of Object.entries(response.headers ?? {})) {
      if (this.deref(h, '').obj?.required) {
        assert.ok(headers?.get?.(name), `${where} ${status}: required response header ${name} is missing`);
      }
    }
    const media = response.content?.['application/json'];
    if (!media) {
      assert.ok(data === null || data === undefined || data === '', `${where} ${status}: expected no body, got ${preview(data)}`);
    } else {
      const validate = this.ajv.getSchema(`autoconn-openapi.json${ptr}/content/application~1json/schema`);
      assert.ok(validate(data), `${where} (${op.operationId}) ${status}: body does not match the served schema: `
        + `${validate.errors?.map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ')}; body: ${preview(data)}`);
    }
    this.validations++;
  }

  deref(obj, pointer) {
    let ptr = pointer;
    let cur = obj;
    for (let i = 0; cur && cur.$ref && i < 10; i++) {
      ptr = cur.$ref;
      cur = ptr.slice(2).split('/').map((p) => decodeURIComponent(p).replace(/~1/g, '/').replace(/~0/g, '~'))
        .reduce((o, k) => o?.[k], this.doc);
    }
    return { ptr, obj: cur };
  }
}

function escapeRegExp(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); }
function escapePointer(s) { return s.replace(/~/g, '~0').replace(/\//g, '~1'); }
function preview(data) {
  const s = typeof data === 'string' ? data : JSON.stringify(data);
  return s === undefined ? 'undefined' : s.length > 600 ? `${s.slice(0, 600)}...` : s;
}

let contract;
/** What this file created, deleted at the end even when a step failed half-way. */
const created = [];

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
  if (result.status === 201 && result.data?.id) created.push(`${request.pathTemplate}/${result.data.id}`);
  if (contract) contract.check(request.method, request.pathTemplate, result.status, result.data, result.headers);
  return result;
});

/** A plain HTTP call, for what the official client has no function for (the usage extension). Checked too. */
async function raw(method, path) {
  const res = await fetch(`${BASE}${path}`, { method, headers: { Accept: 'application/json', Authorization: `Bearer ${API_KEY}` } });
  const text = await res.text();
  const data = text === '' ? '' : JSON.parse(text);
  contract.check(method, path, res.status, data, res.headers);
  return { status: res.status, headers: res.headers, data };
}

async function expectHttpError(promise, status, code) {
  let err;
  try {
    const res = await promise;
    assert.fail(`expected HTTP ${status} ${code}, but the call succeeded with ${res?.status}: ${preview(res?.data)}`);
  } catch (e) {
    if (e instanceof assert.AssertionError) throw e;
    err = e;
  }
  assert.equal(err.status, status, `expected HTTP ${status}, got ${err.status}: ${preview(err.data)}`);
  assert.ok(err.data?.errors?.some((e) => e.code === code), `expected error code ${code}, got ${preview(err.data)}`);
  assert.ok(err.data.traceId, 'no traceId');
  return err;
}

// ------------------------------------------------------------------------------------------------------------------

before(async () => {
  auth.setDefaultHostConfig({ host: BASE, authType: 'apikey', apiKey: API_KEY });
  const res = await fetch(`${BASE}/api/openapi.json`);
  assert.equal(res.status, 200, `GET /api/openapi.json answered ${res.status}`);
  contract = new Contract(await res.json());
});

after(async () => {
  for (const path of created.reverse()) {
    await fetch(`${BASE}${path}?forced=true`, { method: 'DELETE', headers: { Authorization: `Bearer ${API_KEY}` } })
      .catch(() => {});
  }
});

const FLAVOURS = [
  { name: 'v1', base: '/api/v1', automations: v1Automations },
  { name: 'workflows', base: '/api/workflows', automations: wfAutomations },
];

for (const F of FLAVOURS) {
  const A = F.automations;
  const s = {}; // state shared by the steps of this flavour
  const need = (t, ...keys) => {
    const missing = keys.filter((k) => s[k] === undefined);
    if (missing.length) { t.skip(`prerequisite failed: ${missing.join(', ')}`); return false; }
    return true;
  };
  const prefix = `compat-automation-${F.name}-${RUN}-`;

  describe(`automations, ${F.name} flavour (${F.base}/automations)`, () => {
    it('creates a connection for the automations to use', STEP, async () => {
      const res = await v1Connections.createAutomationConnection({
        connectorId: HTTP_API_CONNECTOR,
        name: `${prefix}connection`,
        params: [{ name: 'baseUrl', value: BASE }, { name: 'healthPath', value: '/health' }],
      });
      assert.equal(res.status, 201);
      s.connection = res.data;
    });

    it('creates an automation whose workspace uses the connection: 201, Location, ETag', STEP, async (t) => {
      if (!need(t, 'connection')) return;
      const workspace = { blocks: [{ type: 'EndpointBlock', x: 10.5, inputs: [{ connectionId: s.connection.id }] }] };
      const res = await A.createAutomation({ name: `${prefix}main`, description: 'compat', workspace });
      assert.equal(res.status, 201);
      const a = res.data;
      assert.equal(res.headers.get('location'), `${BASE}${F.base}/automations/${a.id}`, 'Location header');
      assert.equal(res.headers.get('etag'), '"1"', 'ETag header');
      assert.equal(a.name, `${prefix}main`);
      assert.equal(a.description, 'compat');
      assert.equal(a.state, 'available');
      assert.equal(a.runMode, 'manual');
      assert.deepEqual(a.workspace, workspace);
      assert.equal(a.ownerId, s.connection.ownerId);
      assert.match(a.createdAt, TIMESTAMP);
      s.automation = a;
    });

    it('gets the automation', STEP, async (t) => {
      if (!need(t, 'automation')) return;
      const res = await A.getAutomation(s.automation.id, NO_CACHE);
      assert.equal(res.status, 200);
      assert.deepEqual(res.data, s.automation);
    });

    it('lists automations with a filter, and pages with next()', STEP, async (t) => {
      if (!need(t, 'automation')) return;
      for (let i = 0; i < 2; i++) await A.createAutomation({ name: `${prefix}page-${i}` });
      const filter = `name sw "${prefix}"`;
      let page = await A.getAutomations({ filter, limit: 2, sort: '-name' }, NO_CACHE);
      const names = page.data.data.map((a) => a.name);
      while (page.next) {
        page = await page.next(); // paging calls bypass interceptors: checked here
        contract.check('GET', `${F.base}/automations`, page.status, page.data, page.headers);
        names.push(...page.data.data.map((a) => a.name));
      }
      assert.deepEqual(names, [`${prefix}page-1`, `${prefix}page-0`, `${prefix}main`]);
      const own = await A.getAutomations({ filter: `id eq "${s.automation.id}"`, listAll: false }, NO_CACHE);
      assert.deepEqual(own.data.data.map((a) => a.id), [s.automation.id]);
    });

    it('updates the automation by PUT; a stale If-Match is answered 409', STEP, async (t) => {
      if (!need(t, 'automation')) return;
      const res = await A.updateAutomation(s.automation.id, { description: 'updated' }, { headers: { 'If-Match': '"1"' } });
      assert.equal(res.status, 200);
      assert.equal(res.data.description, 'updated');
      assert.deepEqual(res.data.workspace, s.automation.workspace);
      assert.equal(res.headers.get('etag'), '"2"');
      await expectHttpError(A.updateAutomation(s.automation.id, { name: 'lost' }, { headers: { 'If-Match': '"1"' } }),
        409, 'PRECONDITION-FAILED');
    });

    it('disables and enables the automation (204)', STEP, async (t) => {
      if (!need(t, 'automation')) return;
      assert.equal((await A.disableAutomation(s.automation.id)).status, 204);
      assert.equal((await A.getAutomation(s.automation.id, NO_CACHE)).data.state, 'disabled');
      assert.equal((await A.enableAutomation(s.automation.id)).status, 204);
      assert.equal((await A.getAutomation(s.automation.id, NO_CACHE)).data.state, 'available');
    });

    it('changes the owner and the space (204); unknown ones are answered 400', STEP, async (t) => {
      if (!need(t, 'automation')) return;
      assert.equal((await A.changeOwnerAutomation(s.automation.id, { userId: s.automation.ownerId })).status, 204);
      assert.equal((await A.changeSpaceAutomation(s.automation.id, { spaceId: '' })).status, 204);
      await expectHttpError(A.changeOwnerAutomation(s.automation.id, { userId: `nobody-${RUN}` }), 400, 'UNKNOWN-USER');
      await expectHttpError(A.changeSpaceAutomation(s.automation.id, { spaceId: `nowhere-${RUN}` }), 400, 'UNKNOWN-SPACE');
    });

    it('the usage extension lists the automation under its connection', STEP, async (t) => {
      if (!need(t, 'automation', 'connection')) return;
      const res = await raw('GET', `${F.base}/automation-connections/${s.connection.id}/usage`);
      assert.equal(res.status, 200);
      assert.deepEqual(res.data.data.map((a) => a.id), [s.automation.id]);
    });

    it('a used connection is deleted only with forced=true', STEP, async (t) => {
      if (!need(t, 'automation', 'connection')) return;
      const refused = await expectHttpError(v1Connections.deleteAutomationConnection(s.connection.id, {}), 400,
        'CONNECTION-IN-USE');
      assert.match(refused.data.errors[0].detail, new RegExp(s.automation.id));
      assert.equal((await v1Connections.deleteAutomationConnection(s.connection.id, { forced: true })).status, 204);
      const kept = await A.getAutomation(s.automation.id, NO_CACHE);
      assert.deepEqual(kept.data.workspace, s.automation.workspace, 'the workspace changed with the connection');
    });

    it('bad requests are answered 400 with an ErrorResponse', STEP, async () => {
      await expectHttpError(A.createAutomation({ description: 'no name' }), 400, 'INVALID-FIELD');
      await expectHttpError(A.createAutomation({ name: 'x', workspace: [] }), 400, 'INVALID-FIELD');
      await expectHttpError(A.createAutomation({ name: 'x', spaceId: `nowhere-${RUN}` }), 400, 'UNKNOWN-SPACE');
      await expectHttpError(A.getAutomations({ limit: 0 }, NO_CACHE), 400, 'INVALID-LIMIT');
      await expectHttpError(A.getAutomations({ sort: 'colour' }, NO_CACHE), 400, 'INVALID-SORT');
      await expectHttpError(A.getAutomations({ filter: 'colour eq "red"' }, NO_CACHE), 400, 'INVALID-FILTER');
    });

    it('deletes the automation (204); then it is answered 404', STEP, async (t) => {
      if (!need(t, 'automation')) return;
      assert.equal((await A.deleteAutomation(s.automation.id)).status, 204);
      await expectHttpError(A.getAutomation(s.automation.id, NO_CACHE), 404, 'AUTOMATION-NOT-FOUND');
      await expectHttpError(A.deleteAutomation(s.automation.id), 404, 'AUTOMATION-NOT-FOUND');
    });
  });
}

describe('automations contract', () => {
  it('answers were checked against the served OpenAPI document', () => {
    assert.ok(contract && contract.validations > 0, 'no answer was validated');
    console.log(`validated ${contract.validations} automation answers against ${BASE}/api/openapi.json`);
  });
});
