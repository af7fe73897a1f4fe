// Official-client compatibility test for autoconn's spaces API.
//
// Drives spaces and their assignments with Qlik's own JavaScript client (@qlik/api/spaces) and checks every answer
// against the OpenAPI document the server serves at /api/openapi.json, as run.mjs does for connections.
//
//   AUTOCONN_URL=http://127.0.0.1:18080 AUTOCONN_API_KEY=<a TenantAdmin key> node --test compat/spaces.test.mjs

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';

import { auth } from '@qlik/api';
import { addInterceptor } from '@qlik/api/interceptors';
import * as spaces from '@qlik/api/spaces';
import * as connections from '@qlik/api/automation-connections';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

const BASE = (process.env.AUTOCONN_URL ?? '').trim().replace(/\/+$/, '');
const API_KEY = process.env.AUTOCONN_API_KEY ?? '';
if (!BASE || !API_KEY) {
  console.error('Set AUTOCONN_URL (e.g. http://127.0.0.1:18080) and AUTOCONN_API_KEY (a TenantAdmin key).');
  process.exit(2);
}

const HTTP_API_CONNECTOR = '67031468-9f41-4068-9de8-95d3dd29dfb4';
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const RUN = randomUUID().slice(0, 8);
const NO_CACHE = { noCache: true };
const STEP = { timeout: 60_000 };

// ------------------------------------------------------------------------------------------------------------------
// The served document, and a check of each answer (status listed for the operation, body valid against its schema).

let doc;
let ajv;
let validations = 0;

function operationFor(method, path) {
  const template = Object.keys(doc.paths).find((t) =>
    new RegExp(`^${t.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path.split('?')[0]));
  assert.ok(template, `${method} ${path}: path is not in the served OpenAPI document`);
  const op = doc.paths[template][method.toLowerCase()];
  assert.ok(op, `${method} ${template}: method is not in the served OpenAPI document`);
  return { template, op };
}

function resolve(ref) {
  return ref.slice(2).split('/').reduce((o, k) => o[k.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
}

function check(method, path, status, data) {
  const { template, op } = operationFor(method, path);
  let response = op.responses[String(status)];
  assert.ok(response, `${method} ${template} answered ${status}, which the served document does not list ` +
    `(${Object.keys(op.responses).join(', ')}): ${JSON.stringify(data)?.slice(0, 400)}`);
  if (response.$ref) response = resolve(response.$ref);
  const schema = response.content?.['application/json']?.schema;
  if (!schema) {
    assert.ok(data === undefined || data === null || data === '', `${method} ${template} ${status}: expected no body`);
  } else {
    assert.ok(schema.$ref, `${method} ${template} ${status}: the document's schema is not a $ref`);
    const validate = ajv.getSchema(`autoconn${schema.$ref}`);
    assert.ok(validate(data), `${method} ${template} ${status}: body does not match the served schema: ` +
      `${ajv.errorsText(validate.errors)}; body: ${JSON.stringify(data)?.slice(0, 600)}`);
  }
  validations++;
}

addInterceptor(async (request, proceed) => {
  let result;
  try {
    result = await proceed(request);
  } catch (err) {
    if (doc && typeof err?.status === 'number' && err.status > 0) check(request.method, request.pathTemplate, err.status, err.data);
    throw err;
  }
  if (doc) check(request.method, request.pathTemplate, result.status, result.data);
  return result;
});

async function raw(method, path, { apiKey = API_KEY, body } = {}) {
  const headers = { Accept: 'application/json' };
  if (apiKey) headers.Authorization = `Bearer ${apiKey}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`${BASE}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  const data = text === '' ? '' : JSON.parse(text);
  check(method, path, res.status, data);
  return { status: res.status, data };
}

async function expectError(promise, status, code) {
  try {
    const res = await promise;
    assert.fail(`expected HTTP ${status} ${code}, got ${res?.status}: ${JSON.stringify(res?.data)}`);
  } catch (e) {
    if (e instanceof assert.AssertionError) throw e;
    assert.equal(e.status, status, `expected ${status}, got ${e.status}: ${JSON.stringify(e.data)}`);
    assert.ok(e.data?.errors?.some((x) => x.code === code), `expected ${code}, got ${JSON.stringify(e.data)}`);
    assert.ok(typeof e.data.traceId === 'string' && e.data.traceId.length > 0, 'error body has a traceId');
    return e;
  }
}

// ------------------------------------------------------------------------------------------------------------------

const made = []; // spaces to delete at the end
const s = {}; // state shared by the steps

before(async () => {
  auth.setDefaultHostConfig({ host: BASE, authType: 'apikey', apiKey: API_KEY });
  const res = await fetch(`${BASE}/api/openapi.json`);
  assert.equal(res.status, 200);
  doc = await res.json();
  ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  ajv.addSchema(doc, 'autoconn');
});

after(async () => {
  if (s.connectionId) await fetch(`${BASE}/api/v1/automation-connections/${s.connectionId}`, {
    method: 'DELETE', headers: { Authorization: `Bearer ${API_KEY}` } }).catch(() => {});
  for (const id of made) {
    await fetch(`${BASE}/api/v1/spaces/${id}`, { method: 'DELETE', headers: { Authorization: `Bearer ${API_KEY}` } })
      .catch(() => {});
  }
  console.log(`# spaces compat: ${validations} answers validated against the served OpenAPI document`);
});

describe('spaces through @qlik/api/spaces', () => {
  it('getSpaceTypes lists shared, managed and data', STEP, async () => {
    const r = await spaces.getSpaceTypes(NO_CACHE);
    assert.deepEqual([...r.data.data].sort(), ['data', 'managed', 'shared']);
  });

  it('createSpace answers 201 with the caller as owner and every role', STEP, async () => {
    const r = await spaces.createSpace({ name: `compat shared ${RUN}`, type: 'shared', description: 'made by compat' });
    assert.equal(r.status, 201);
    made.push(r.data.id);
    s.shared = r.data;
    assert.equal(r.data.type, 'shared');
    assert.equal(r.data.description, 'made by compat');
    assert.match(r.data.createdAt, TIMESTAMP);
    assert.deepEqual([...r.data.meta.roles].sort(), [...r.data.meta.assignableRoles].sort());
    assert.ok(r.data.meta.actions.includes('update'));
    assert.equal(r.data.links.self.href, `${BASE}/api/v1/spaces/${r.data.id}`);
    const managed = await spaces.createSpace({ name: `compat managed ${RUN}`, type: 'managed' });
    made.push(managed.data.id);
    s.managed = managed.data;
    assert.ok(managed.data.meta.assignableRoles.includes('publisher'));
  });

  it('createSpace refuses a taken name (409) and a bad one (400)', STEP, async () => {
    await expectError(spaces.createSpace({ name: `COMPAT SHARED ${RUN}`, type: 'shared' }), 409, 'SPACE-NAME-TAKEN');
    await expectError(spaces.createSpace({ name: 'a/b', type: 'shared' }), 400, 'INVALID-FIELD');
  });

  it('getSpace answers the space; an unknown id is 404', STEP, async () => {
    const r = await spaces.getSpace(s.shared.id, NO_CACHE);
    assert.deepEqual(r.data, s.shared);
    await expectError(spaces.getSpace(`nope-${RUN}`, NO_CACHE), 404, 'SPACE-NOT-FOUND');
  });

  it('getSpaces filters, counts and pages with next()/prev()', STEP, async () => {
    for (let i = 0; i < 3; i++) {
      const r = await spaces.createSpace({ name: `compat page ${RUN} ${i}`, type: 'shared' });
      made.push(r.data.id);
    }
    const first = await spaces.getSpaces({ name: `page ${RUN}`, limit: 2, sort: '+name' }, NO_CACHE);
    assert.equal(first.data.meta.count, 3);
    assert.deepEqual(first.data.data.map((x) => x.name), [`compat page ${RUN} 0`, `compat page ${RUN} 1`]);
    assert.ok(first.next, 'a first page of 2 out of 3 has a next page');
    const second = await first.next();
    check('GET', '/api/v1/spaces', second.status, second.data); // paging bypasses interceptors
    assert.deepEqual(second.data.data.map((x) => x.name), [`compat page ${RUN} 2`]);
    assert.ok(second.prev, 'the second page links back');
    const back = await second.prev();
    check('GET', '/api/v1/spaces', back.status, back.data);
    assert.deepEqual(back.data.data.map((x) => x.id), first.data.data.map((x) => x.id));
    const managedOnly = await spaces.getSpaces({ name: RUN, type: 'managed' }, NO_CACHE);
    assert.deepEqual(managedOnly.data.data.map((x) => x.id), [s.managed.id]);
    const asPublisher = await spaces.getSpaces({ name: RUN, roles: ['publisher'] }, NO_CACHE);
    assert.deepEqual(asPublisher.data.data.map((x) => x.id), [s.managed.id]);
    await expectError(spaces.getSpaces({ sort: 'color' }, NO_CACHE), 400, 'INVALID-SORT');
  });

  it('patchSpace and updateSpace change what they name', STEP, async () => {
    const patched = await spaces.patchSpace(s.shared.id, [
      { op: 'replace', path: '/name', value: `compat renamed ${RUN}` },
      { op: 'replace', path: '/description', value: 'patched' }]);
    assert.equal(patched.data.name, `compat renamed ${RUN}`);
    assert.equal(patched.data.description, 'patched');
    const updated = await spaces.updateSpace(s.shared.id, { description: 'put' });
    assert.equal(updated.data.name, `compat renamed ${RUN}`);
    assert.equal(updated.data.description, 'put');
    await expectError(spaces.patchSpace(s.shared.id, [{ op: 'remove', path: '/name', value: 'x' }]), 400, 'INVALID-FIELD');
    await expectError(spaces.updateSpace(s.shared.id, { ownerId: `nobody-${RUN}` }), 400, 'UNKNOWN-USER');
  });

  it('a request without an API key is 401', STEP, async () => {
    const r = await raw('GET', '/api/v1/spaces', { apiKey: '' });
    assert.equal(r.status, 401);
  });
});

describe('assignments through @qlik/api/spaces', () => {
  it('refusals: the owner (409), an unknown user (400), a group (400)', STEP, async () => {
    const me = s.shared.ownerId;
    await expectError(spaces.createSpaceAssignment(s.shared.id, { type: 'user', assigneeId: me, roles: ['consumer'] }),
      409, 'ASSIGNMENT-EXISTS');
    await expectError(spaces.createSpaceAssignment(s.shared.id,
      { type: 'user', assigneeId: `nobody-${RUN}`, roles: ['consumer'] }), 400, 'UNKNOWN-USER');
    await expectError(spaces.createSpaceAssignment(s.shared.id, { type: 'group', assigneeId: me, roles: ['consumer'] }),
      400, 'UNSUPPORTED-ASSIGNMENT-TYPE');
    await expectError(spaces.getSpaceAssignment(s.shared.id, `nope-${RUN}`, NO_CACHE), 404, 'ASSIGNMENT-NOT-FOUND');
  });

  it('create, get, list, update and delete an assignment', STEP, async (t) => {
    // Another user to assign: through the users API when this server has one.
    if (!doc.paths['/api/v1/users']?.post) {
      t.skip('this server has no users API to make a second user with');
      return;
    }
    const user = await raw('POST', '/api/v1/users', { body: { name: `compat ${RUN}`, subject: `compat-${RUN}`,
      email: `compat-${RUN}@example.com` } });
    assert.equal(user.status, 201, JSON.stringify(user.data));
    const created = await spaces.createSpaceAssignment(s.shared.id,
      { type: 'user', assigneeId: user.data.id, roles: ['producer', 'consumer'] });
    assert.equal(created.status, 201);
    assert.deepEqual(created.data.roles, ['consumer', 'producer']);
    const got = await spaces.getSpaceAssignment(s.shared.id, created.data.id, NO_CACHE);
    assert.deepEqual(got.data, created.data);
    const list = await spaces.getSpaceAssignments(s.shared.id, { assigneeId: user.data.id }, NO_CACHE);
    assert.equal(list.data.meta.count, 1);
    const updated = await spaces.updateSpaceAssignment(s.shared.id, created.data.id, { roles: ['facilitator'] });
    assert.deepEqual(updated.data.roles, ['facilitator']);
    await expectError(spaces.createSpaceAssignment(s.shared.id,
      { type: 'user', assigneeId: user.data.id, roles: ['consumer'] }), 409, 'ASSIGNMENT-EXISTS');
    const deleted = await spaces.deleteSpaceAssignment(s.shared.id, created.data.id);
    assert.equal(deleted.status, 204);
  });

  it('getSpaceAssignments answers an empty first page for a new space', STEP, async () => {
    const r = await spaces.getSpaceAssignments(s.managed.id, {}, NO_CACHE);
    assert.equal(r.data.meta.count, 0);
    assert.deepEqual(r.data.data, []);
  });
});

describe('deleting spaces', () => {
  it('a space holding a connection is refused with 412 naming it; empty it is deleted', STEP, async () => {
    const c = await connections.createAutomationConnection({ connectorId: HTTP_API_CONNECTOR, name: `compat in space ${RUN}`,
      spaceId: s.shared.id, params: [{ name: 'baseUrl', value: BASE }, { name: 'healthPath', value: '/health' }] });
    s.connectionId = c.data.id;
    assert.equal(c.data.spaceId, s.shared.id);
    const refused = await expectError(spaces.deleteSpace(s.shared.id), 412, 'SPACE-NOT-EMPTY');
    assert.match(refused.data.errors[0].detail, new RegExp(c.data.id));
    await connections.deleteAutomationConnection(c.data.id);
    s.connectionId = undefined;
    const deleted = await spaces.deleteSpace(s.shared.id);
    assert.equal(deleted.status, 204);
    await expectError(spaces.getSpace(s.shared.id, NO_CACHE), 404, 'SPACE-NOT-FOUND');
  });
});
