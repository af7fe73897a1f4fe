// Official-client compatibility test for autoconn's automations.
//
// Drives a running autoconn with Qlik's own JavaScript client (@qlik/api): its automations modules in both flavours
// (/api/v1/automations and /api/workflows/automations), its automation-connections module for what automations change
// about connections (a used connection is deleted only with forced=true), and its audits module for the trail they
// leave. Every answer is checked against the OpenAPI document the server serves (see harness.mjs).
//
//   AUTOCONN_URL=http://127.0.0.1:18080 AUTOCONN_API_KEY=... node --test compat/automations.test.mjs

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';

import * as audits from '@qlik/api/audits';
import * as v1Connections from '@qlik/api/automation-connections';
import * as v1Automations from '@qlik/api/automations';
import * as wfAutomations from '@qlik/api/workflows/automations';

import {
  BASE, NO_CACHE, STEP, TIMESTAMP, contract, describeContract, expectHttpError, raw, useServedContract,
} from './harness.mjs';

const HTTP_API_CONNECTOR = '67031468-9f41-4068-9de8-95d3dd29dfb4';
const RUN = randomUUID().slice(0, 8);

useServedContract();

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

    it('the audit trail holds each change of the automation, without its workspace', STEP, async (t) => {
      if (!need(t, 'automation')) return;
      const trail = await audits.getAudits({ source: 'com.qlik/automations', userId: s.automation.ownerId, limit: 100,
        sort: '+eventTime' }, NO_CACHE);
      const mine = trail.data.data.filter((e) => e.data.resourceId === s.automation.id);
      // The owner and space changes above changed nothing (same owner, personal space), so they left no event.
      assert.deepEqual(mine.map((e) => e.eventType.replace('com.qlik.v1.automation.', '')),
        ['created', 'updated', 'disabled', 'enabled', 'deleted']);
      assert.deepEqual(mine[1].data.changedFields, ['description']);
      assert.ok(!JSON.stringify(mine).includes('EndpointBlock'), 'the workspace was copied into the audit trail');
    });
  });
}

describeContract();
