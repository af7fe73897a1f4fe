// Official-client compatibility test of autoconn's users and API keys (Qlik's users and api-keys APIs): driven
// through @qlik/api/users and @qlik/api/api-keys as a tenant administrator would, with every answer checked
// against the served OpenAPI document (see harness.mjs). AUTOCONN_API_KEY must be a TenantAdmin's key.
//
// It never changes the caller's own user or key, so it runs beside the other compat tests on one server.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';

import * as users from '@qlik/api/users';
import * as apiKeys from '@qlik/api/api-keys';
import * as connections from '@qlik/api/automation-connections';

import {
  BASE, API_KEY, NO_CACHE, STEP, TIMESTAMP, assertErrorResponse, contract, describeContract, expectHttpError, preview,
  raw, useServedContract,
} from './harness.mjs';

const HTTP_API_CONNECTOR = '67031468-9f41-4068-9de8-95d3dd29dfb4';
const RUN = randomUUID().slice(0, 8);
const ME = '/api/v1/users/me';

useServedContract();

/** Options that make a client call as another user. */
function as(token) {
  return { hostConfig: { host: BASE, authType: 'apikey', apiKey: token }, noCache: true };
}

/** GET /users/me without following the redirect, as fetch does by default: the 301 itself. */
async function meUnfollowed() {
  const res = await fetch(`${BASE}${ME}`, { headers: { Authorization: `Bearer ${API_KEY}` }, redirect: 'manual' });
  const text = await res.text();
  contract.check('GET', ME, res.status, text, res.headers);
  return res;
}

function assertUser(user) {
  for (const k of ['id', 'tenantId', 'name', 'subject', 'status']) assert.equal(typeof user[k], 'string', `user.${k}`);
  assert.match(user.createdAt, TIMESTAMP);
  assert.match(user.lastUpdatedAt, TIMESTAMP);
  assert.equal(user.links?.self?.href, `${BASE}/api/v1/users/${user.id}`);
}

function roleNames(user) {
  return user.assignedRoles.map((r) => r.name).sort();
}

const email = (tag) => `compat-${tag}-${RUN}@example.com`;

const s = {}; // state shared by the steps
const need = (t, ...keys) => {
  const missing = keys.filter((k) => s[k] === undefined);
  if (missing.length) { t.skip(`prerequisite failed: ${missing.join(', ')}`); return false; }
  return true;
};

describe('users (@qlik/api/users)', () => {
  it('getMyUser follows the 301 to the caller, a TenantAdmin', STEP, async () => {
    const res = await users.getMyUser(NO_CACHE);
    assert.equal(res.status, 200);
    assertUser(res.data);
    assert.ok(roleNames(res.data).includes('TenantAdmin'), `the caller is no TenantAdmin: ${preview(res.data)}`);
    const redirect = await meUnfollowed();
    assert.equal(redirect.status, 301);
    assert.equal(redirect.headers.get('location'), `${BASE}/api/v1/users/${res.data.id}`);
    s.me = res.data;
  });

  it('createUser answers 201 with the user; getUser answers the same', STEP, async () => {
    const res = await users.createUser({ name: `Compat Ada ${RUN}`, email: email('ada'),
      assignedRoles: [{ name: 'AnalyticsAdmin' }] });
    assert.equal(res.status, 201);
    assertUser(res.data);
    assert.equal(res.data.email, email('ada'));
    assert.equal(res.data.status, 'active');
    assert.deepEqual(roleNames(res.data), ['AnalyticsAdmin']);
    const got = await users.getUser(res.data.id, {}, NO_CACHE);
    assert.deepEqual(got.data, res.data);
    s.ada = res.data;
  });

  it('createUser with an email the tenant has is 409; bad bodies are 400', STEP, async () => {
    await expectHttpError(users.createUser({ name: 'Twin', email: email('ada').toUpperCase() }), 409, 'USER-EXISTS');
    await expectHttpError(users.createUser({ name: 'Invited', email: email('inv'), status: 'invited' }), 400, 'INVALID-FIELD');
    await expectHttpError(users.createUser({ name: 'Role', assignedRoles: [{ name: 'NoSuchRole' }] }), 400, 'UNKNOWN-ROLE');
  });

  it('getUsers filters, sorts and pages with next() and prev()', { timeout: 120_000 }, async () => {
    const prefix = `compat-page-${RUN}-`;
    for (let i = 0; i < 5; i++) await users.createUser({ name: `${prefix}${i}` });
    const filter = `name sw "${prefix}"`;
    const pages = [];
    let page = await users.getUsers({ filter, limit: 2 }, NO_CACHE);
    assert.match(page.data.links.self.href, /^https?:\/\//);
    pages.push(page.data.data.map((u) => u.name));
    while (page.next) {
      assert.ok(pages.length < 5, 'more pages than users');
      page = await page.next();
      contract.check('GET', '/api/v1/users', page.status, page.data, page.headers);
      pages.push(page.data.data.map((u) => u.name));
    }
    assert.deepEqual(pages, [[`${prefix}0`, `${prefix}1`], [`${prefix}2`, `${prefix}3`], [`${prefix}4`]]);
    const back = await page.prev();
    contract.check('GET', '/api/v1/users', back.status, back.data, back.headers);
    assert.deepEqual(back.data.data.map((u) => u.name), pages[1]);
    const sorted = await users.getUsers({ filter, sort: '-name', totalResults: true }, NO_CACHE);
    assert.deepEqual(sorted.data.data.map((u) => u.name), pages.flat().reverse());
    assert.equal(sorted.data.totalResults, 5);
    const byEmail = await users.getUsers({ filter: `email eq "${email('ada')}"` }, NO_CACHE);
    assert.deepEqual(byEmail.data.data.map((u) => u.id), [s.ada?.id].filter(Boolean));
    await expectHttpError(users.getUsers({ limit: 101 }, NO_CACHE), 400, 'INVALID-LIMIT');
    await expectHttpError(users.getUsers({ filter: 'name eq' }, NO_CACHE), 400, 'INVALID-FILTER');
  });

  it('patchUser changes roles and status (204); a disabled user\'s key is 401 at once', STEP, async (t) => {
    if (!need(t, 'ada')) return;
    const key = await apiKeys.createApiKey({ description: `compat ada ${RUN}`, sub: s.ada.id });
    assert.equal(key.status, 201);
    s.adaToken = key.data.token;
    assert.equal((await users.getMyUser(as(s.adaToken))).data.id, s.ada.id);
    const res = await users.patchUser(s.ada.id, [
      { op: 'add', path: '/assignedRoles/-', value: { name: 'TenantAdmin' } },
      { op: 'replace', path: '/status', value: 'disabled' },
    ]);
    assert.equal(res.status, 204);
    const now = await users.getUser(s.ada.id, {}, NO_CACHE);
    assert.deepEqual(roleNames(now.data), ['AnalyticsAdmin', 'TenantAdmin']);
    assert.equal(now.data.status, 'disabled');
    const refused = await raw('GET', ME, { apiKey: s.adaToken });
    assert.equal(refused.status, 401);
    assertErrorResponse(refused.data, refused.headers, 'HTTP-401');
    await users.patchUser(s.ada.id, [
      { op: 'replace', path: '/status', value: 'active' },
      { op: 'replace', path: '/assignedRoles', value: [] },
    ]);
    assert.equal((await users.getMyUser(as(s.adaToken))).data.id, s.ada.id);
    await expectHttpError(users.patchUser(s.ada.id, [{ op: 'replace', path: '/preferredLocale', value: 'en' }]),
      400, 'INVALID-PATCH');
  });

  it('a plain user reads users but may not change them (403)', STEP, async (t) => {
    if (!need(t, 'ada', 'adaToken')) return;
    const list = await users.getUsers({ limit: 1 }, as(s.adaToken));
    assert.equal(list.status, 200);
    await expectHttpError(users.createUser({ name: 'nope' }, as(s.adaToken)), 403, 'HTTP-403');
    await expectHttpError(users.patchUser(s.ada.id, [{ op: 'replace', path: '/name', value: 'x' }], as(s.adaToken)),
      403, 'HTTP-403');
    await expectHttpError(users.deleteUser(s.ada.id, as(s.adaToken)), 403, 'HTTP-403');
  });

  it('an unknown user is 404', STEP, async () => {
    await expectHttpError(users.getUser(randomUUID(), {}, NO_CACHE), 404, 'USER-NOT-FOUND');
    await expectHttpError(users.deleteUser(randomUUID()), 404, 'USER-NOT-FOUND');
  });

  it('deleteUser refuses a user who owns connections until force=true', STEP, async (t) => {
    if (!need(t, 'ada', 'adaToken')) return;
    const conn = await connections.createAutomationConnection({ connectorId: HTTP_API_CONNECTOR,
      name: `compat-owned-${RUN}`, params: [{ name: 'baseUrl', value: `${BASE}/health` }] }, as(s.adaToken));
    assert.equal(conn.status, 201);
    const err = await expectHttpError(users.deleteUser(s.ada.id), 400, 'USER-HAS-CONNECTIONS');
    assert.match(err.data.errors[0].detail, new RegExp(`compat-owned-${RUN}`));
    const forced = await raw('DELETE', `/api/v1/users/${s.ada.id}?force=true`);
    assert.equal(forced.status, 204);
    await expectHttpError(users.getUser(s.ada.id, {}, NO_CACHE), 404, 'USER-NOT-FOUND');
    await expectHttpError(connections.getAutomationConnection(conn.data.id, NO_CACHE), 404, 'CONNECTION-NOT-FOUND');
    assert.equal((await raw('GET', ME, { apiKey: s.adaToken })).status, 401);
  });

  it('deleteUser deletes a user without connections (204)', STEP, async () => {
    const res = await users.createUser({ name: `compat-gone-${RUN}` });
    assert.equal((await users.deleteUser(res.data.id)).status, 204);
    await expectHttpError(users.getUser(res.data.id, {}, NO_CACHE), 404, 'USER-NOT-FOUND');
  });
});

describe('API keys (@qlik/api/api-keys)', () => {
  it('createApiKey shows the token once; the token authenticates', STEP, async (t) => {
    if (!need(t, 'me')) return;
    const res = await apiKeys.createApiKey({ description: `compat key ${RUN}`, expiry: 'P7D' });
    assert.equal(res.status, 201);
    assert.equal(typeof res.data.token, 'string');
    assert.equal(res.data.sub, s.me.id);
    assert.equal(res.data.createdByUser, s.me.id);
    assert.equal(res.data.status, 'active');
    assert.equal(res.data.subType, 'user');
    const days = (Date.parse(res.data.expiry) - Date.parse(res.data.created)) / 86_400_000;
    assert.equal(days, 7);
    assert.equal((await users.getMyUser(as(res.data.token))).data.id, s.me.id);
    const got = await apiKeys.getApiKey(res.data.id, NO_CACHE);
    assert.equal(got.data.token, undefined, 'GET shows the token');
    assert.equal(got.data.description, `compat key ${RUN}`);
    s.key = res.data;
  });

  it('getApiKeys lists by sub and status and pages with next()', { timeout: 120_000 }, async (t) => {
    if (!need(t, 'me', 'key')) return;
    const user = await users.createUser({ name: `compat-keys-${RUN}` });
    for (let i = 0; i < 3; i++) await apiKeys.createApiKey({ description: `compat page ${i} ${RUN}`, sub: user.data.id });
    let page = await apiKeys.getApiKeys({ sub: user.data.id, limit: 2 }, NO_CACHE);
    const seen = page.data.data.map((k) => k.id);
    assert.match(page.data.links.self.href, /^https?:\/\//);
    while (page.next) {
      page = await page.next();
      contract.check('GET', '/api/v1/api-keys', page.status, page.data, page.headers);
      seen.push(...page.data.data.map((k) => k.id));
    }
    assert.equal(seen.length, 3);
    assert.equal(new Set(seen).size, 3);
    const active = await apiKeys.getApiKeys({ sub: s.me.id, status: 'active', limit: 100 }, NO_CACHE);
    assert.ok(active.data.data.some((k) => k.id === s.key.id), 'the new key is not listed as active');
    await expectHttpError(apiKeys.getApiKeys({ status: 'lost' }, NO_CACHE), 400, 'INVALID-QUERY-PARAMETER');
  });

  it('patchApiKey replaces the description (204)', STEP, async (t) => {
    if (!need(t, 'key')) return;
    const res = await apiKeys.patchApiKey(s.key.id, [{ op: 'replace', path: '/description', value: `renamed ${RUN}` }]);
    assert.equal(res.status, 204);
    assert.equal((await apiKeys.getApiKey(s.key.id, NO_CACHE)).data.description, `renamed ${RUN}`);
    await expectHttpError(apiKeys.patchApiKey(s.key.id, [{ op: 'replace', path: '/sub', value: 'x' }]), 400, 'INVALID-PATCH');
  });

  it('deleteApiKey revokes (204): the token is 401 at once and the key is listed as revoked', STEP, async (t) => {
    if (!need(t, 'key')) return;
    assert.equal((await apiKeys.deleteApiKey(s.key.id)).status, 204);
    const refused = await raw('GET', ME, { apiKey: s.key.token });
    assert.equal(refused.status, 401);
    assert.equal((await apiKeys.getApiKey(s.key.id, NO_CACHE)).data.status, 'revoked');
    const revoked = await apiKeys.getApiKeys({ status: 'revoked', limit: 100 }, NO_CACHE);
    assert.ok(revoked.data.data.some((k) => k.id === s.key.id), 'the revoked key is not listed as revoked');
  });

  it('bad requests are 400 and unknown keys 404', STEP, async () => {
    await expectHttpError(apiKeys.createApiKey({ description: 'x', expiry: 'seven days' }), 400, 'INVALID-FIELD');
    await expectHttpError(apiKeys.createApiKey({ description: 'x', subType: 'externalClient' }), 400, 'INVALID-FIELD');
    await expectHttpError(apiKeys.createApiKey({ description: 'x', sub: randomUUID() }), 400, 'UNKNOWN-USER');
    await expectHttpError(apiKeys.getApiKey(randomUUID(), NO_CACHE), 404, 'API-KEY-NOT-FOUND');
    await expectHttpError(apiKeys.deleteApiKey(randomUUID()), 404, 'API-KEY-NOT-FOUND');
  });
});

describeContract();
