// Official-client compatibility test for autoconn's spaces API.
//
// Drives spaces and their assignments with Qlik's own JavaScript client (@qlik/api/spaces) and checks every answer
// against the OpenAPI document the server serves at /api/openapi.json (see harness.mjs).
//
//   AUTOCONN_URL=http://127.0.0.1:18080 AUTOCONN_API_KEY=<a TenantAdmin key> node --test compat/spaces.test.mjs

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';

import * as spaces from '@qlik/api/spaces';
import * as connections from '@qlik/api/automation-connections';

import {
  BASE, NO_CACHE, STEP, TIMESTAMP, contract, describeContract, expectHttpError, raw, useServedContract,
} from './harness.mjs';

const HTTP_API_CONNECTOR = '67031468-9f41-4068-9de8-95d3dd29dfb4';
const RUN = randomUUID().slice(0, 8);
const s = {}; // state shared by the steps

useServedContract();

describe('spaces through @qlik/api/spaces', () => {
  it('getSpaceTypes lists shared, managed and data', STEP, async () => {
    const r = await spaces.getSpaceTypes(NO_CACHE);
    assert.deepEqual([...r.data.data].sort(), ['data', 'managed', 'shared']);
  });

  it('createSpace answers 201 with the caller as owner and every role', STEP, async () => {
    const r = await spaces.createSpace({ name: `compat shared ${RUN}`, type: 'shared', description: 'made by compat' });
    assert.equal(r.status, 201);
    s.shared = r.data;
    assert.equal(r.data.type, 'shared');
    assert.equal(r.data.description, 'made by compat');
    assert.match(r.data.createdAt, TIMESTAMP);
    assert.deepEqual([...r.data.meta.roles].sort(), [...r.data.meta.assignableRoles].sort());
    assert.ok(r.data.meta.actions.includes('update'));
    assert.equal(r.data.links.self.href, `${BASE}/api/v1/spaces/${r.data.id}`);
    const managed = await spaces.createSpace({ name: `compat managed ${RUN}`, type: 'managed' });
    s.managed = managed.data;
    assert.ok(managed.data.meta.assignableRoles.includes('publisher'));
  });

  it('createSpace refuses a taken name (409) and a bad one (400)', STEP, async () => {
    await expectHttpError(spaces.createSpace({ name: `COMPAT SHARED ${RUN}`, type: 'shared' }), 409, 'SPACE-NAME-TAKEN');
    await expectHttpError(spaces.createSpace({ name: 'a/b', type: 'shared' }), 400, 'INVALID-FIELD');
  });

  it('getSpace answers the space; an unknown id is 404', STEP, async () => {
    const r = await spaces.getSpace(s.shared.id, NO_CACHE);
    assert.deepEqual(r.data, s.shared);
    await expectHttpError(spaces.getSpace(`nope-${RUN}`, NO_CACHE), 404, 'SPACE-NOT-FOUND');
  });

  it('getSpaces filters, counts and pages with next()/prev()', STEP, async () => {
    for (let i = 0; i < 3; i++) {
      const r = await spaces.createSpace({ name: `compat page ${RUN} ${i}`, type: 'shared' });
      }
    const first = await spaces.getSpaces({ name: `page ${RUN}`, limit: 2, sort: '+name' }, NO_CACHE);
    assert.equal(first.data.meta.count, 3);
    assert.deepEqual(first.data.data.map((x) => x.name), [`compat page ${RUN} 0`, `compat page ${RUN} 1`]);
    assert.ok(first.next, 'a first page of 2 out of 3 has a next page');
    const second = await first.next();
    contract.check('GET', '/api/v1/spaces', second.status, second.data, second.headers); // paging bypasses interceptors
    assert.deepEqual(second.data.data.map((x) => x.name), [`compat page ${RUN} 2`]);
    assert.ok(second.prev, 'the second page links back');
    const back = await second.prev();
    contract.check('GET', '/api/v1/spaces', back.status, back.data, back.headers);
    assert.deepEqual(back.data.data.map((x) => x.id), first.data.data.map((x) => x.id));
    const managedOnly = await spaces.getSpaces({ name: RUN, type: 'managed' }, NO_CACHE);
    assert.deepEqual(managedOnly.data.data.map((x) => x.id), [s.managed.id]);
    const asPublisher = await spaces.getSpaces({ name: RUN, roles: ['publisher'] }, NO_CACHE);
    assert.deepEqual(asPublisher.data.data.map((x) => x.id), [s.managed.id]);
    await expectHttpError(spaces.getSpaces({ sort: 'color' }, NO_CACHE), 400, 'INVALID-SORT');
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
    await expectHttpError(spaces.patchSpace(s.shared.id, [{ op: 'remove', path: '/name', value: 'x' }]), 400, 'INVALID-FIELD');
    await expectHttpError(spaces.updateSpace(s.shared.id, { ownerId: `nobody-${RUN}` }), 400, 'UNKNOWN-USER');
  });

  it('a request without an API key is 401', STEP, async () => {
    const r = await raw('GET', '/api/v1/spaces', { authenticated: false });
    assert.equal(r.status, 401);
  });
});

describe('assignments through @qlik/api/spaces', () => {
  it('refusals: the owner (409), an unknown user (400), a group (400)', STEP, async () => {
    const me = s.shared.ownerId;
    await expectHttpError(spaces.createSpaceAssignment(s.shared.id, { type: 'user', assigneeId: me, roles: ['consumer'] }),
      409, 'ASSIGNMENT-EXISTS');
    await expectHttpError(spaces.createSpaceAssignment(s.shared.id,
      { type: 'user', assigneeId: `nobody-${RUN}`, roles: ['consumer'] }), 400, 'UNKNOWN-USER');
    await expectHttpError(spaces.createSpaceAssignment(s.shared.id, { type: 'group', assigneeId: me, roles: ['consumer'] }),
      400, 'UNSUPPORTED-ASSIGNMENT-TYPE');
    await expectHttpError(spaces.getSpaceAssignment(s.shared.id, `nope-${RUN}`, NO_CACHE), 404, 'ASSIGNMENT-NOT-FOUND');
  });

  it('create, get, list, update and delete an assignment', STEP, async (t) => {
    // Another user to assign: through the users API when this server has one.
    if (!contract.doc.paths['/api/v1/users']?.post) {
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
    await expectHttpError(spaces.createSpaceAssignment(s.shared.id,
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
    assert.equal(c.data.spaceId, s.shared.id);
    const refused = await expectHttpError(spaces.deleteSpace(s.shared.id), 412, 'SPACE-NOT-EMPTY');
    assert.match(refused.data.errors[0].detail, new RegExp(c.data.id));
    await connections.deleteAutomationConnection(c.data.id);
    const deleted = await spaces.deleteSpace(s.shared.id);
    assert.equal(deleted.status, 204);
    await expectHttpError(spaces.getSpace(s.shared.id, NO_CACHE), 404, 'SPACE-NOT-FOUND');
  });
});

describeContract();
