// Official-client compatibility test of the audits API: the trail a connection's changes leave, read through
// @qlik/api/audits, with every answer checked against the served OpenAPI document (see harness.mjs).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';

import * as audits from '@qlik/api/audits';
import * as connections from '@qlik/api/automation-connections';

import {
  BASE, NO_CACHE, STEP, TIMESTAMP, assertNoSecret, contract, describeContract, expectHttpError, useServedContract,
} from './harness.mjs';

const HTTP_API_CONNECTOR = '67031468-9f41-4068-9de8-95d3dd29dfb4';
const SECRET = `audit-compat-secret-${randomUUID()}`;

useServedContract();

describe('audits', () => {
  let connectionId;
  let adminId;

  it('a created, renamed and deleted connection leaves three events, without its secret', STEP, async () => {
    const created = await connections.createAutomationConnection({
      connectorId: HTTP_API_CONNECTOR, name: `audited-${randomUUID().slice(0, 8)}`,
      params: [{ name: 'baseUrl', value: BASE }, { name: 'healthPath', value: '/health' },
        { name: 'authType', value: 'bearer' }, { name: 'token', value: SECRET }],
    });
    connectionId = created.data.id;
    adminId = created.data.ownerId;
    await connections.updateAutomationConnection(connectionId, { name: 'audited-renamed' });
    await connections.deleteAutomationConnection(connectionId, {});

    const trail = await audits.getAudits({ userId: adminId, source: 'com.qlik/automation-connections', limit: 100 },
      NO_CACHE);
    const mine = trail.data.data.filter((e) => e.data.resourceId === connectionId);
    assert.deepEqual(mine.map((e) => e.eventType.split('.').pop()).sort(), ['created', 'deleted', 'updated']);
    for (const e of mine) {
      assert.match(e.eventTime, TIMESTAMP);
      assert.equal(e.userId, adminId);
    }
    assert.deepEqual(mine.find((e) => e.eventType.endsWith('.updated')).data.changedFields, ['name']);
    assertNoSecret(trail.data, SECRET);
  });

  it('pages follow next() and prev(), and one event reads back by id', STEP, async () => {
    const first = await audits.getAudits({ userId: adminId, limit: 1, sort: '+eventTime' }, NO_CACHE);
    assert.equal(first.data.data.length, 1);
    assert.ok(first.next, 'a next page is offered');
    const second = await first.next();
    contract.check('GET', '/api/v1/audits', second.status, second.data, second.headers);
    assert.notEqual(second.data.data[0].id, first.data.data[0].id);
    assert.ok(second.prev, 'a prev page is offered');
    const back = await second.prev();
    contract.check('GET', '/api/v1/audits', back.status, back.data, back.headers);
    assert.equal(back.data.data[0].id, first.data.data[0].id);

    const one = await audits.getAudit(first.data.data[0].id, NO_CACHE);
    assert.deepEqual(one.data, first.data.data[0]);
  });

  it('types and sources name what the trail holds', STEP, async () => {
    const types = await audits.getAuditTypes(NO_CACHE);
    assert.ok(types.data.data.includes('com.qlik.v1.automation-connection.created'));
    const sources = await audits.getAuditSources(NO_CACHE);
    assert.ok(sources.data.data.includes('com.qlik/automation-connections'));
  });

  it('bad input and unknown ids are ErrorResponses', STEP, async () => {
    await expectHttpError(audits.getAudits({ limit: 0 }, NO_CACHE), 400, 'INVALID-LIMIT');
    await expectHttpError(audits.getAudits({ eventTime: 'yesterday' }, NO_CACHE), 400, 'INVALID-QUERY-PARAMETER');
    await expectHttpError(audits.getAudit(randomUUID(), NO_CACHE), 404, 'AUDIT-NOT-FOUND');
  });
});

describeContract();
