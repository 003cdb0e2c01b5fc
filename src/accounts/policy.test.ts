import { describe, expect, it } from 'vitest';
import type { Actor } from '../core/context.js';
import { can, scopeOf, type Action, type Resource } from './policy.js';
import type { Role } from './roles.js';

function user(role: Role, scopeId: string | null = null): Actor {
  return { kind: 'user', id: `u-${role}`, grants: [{ role, scopeId }] };
}

const HOME = '00001'; // the commune officer's commune
const AWAY = '00004';
const MINE = 'pdr_mine';
const THEIRS = 'pdr_theirs';
const MY_POINT = 'spt_mine';

const actors = {
  admin: user('admin'),
  commune: user('commune', HOME),
  council: user('council'),
  secretary: user('secretary'),
  producer: user('producer', MINE),
  salespoint: user('salespoint', MY_POINT),
  buyer: user('buyer'),
  anonymous: { kind: 'anonymous', id: 'anonymous', grants: [] } as Actor,
};
type Who = keyof typeof actors;

/** [who, action, resource, allowed]: each scoped rule is checked inside and outside its scope. */
const MATRIX: Array<[Who, Action, Resource, boolean]> = [
  ['admin', 'update', { type: 'product', producerId: THEIRS, communeId: AWAY }, true],
  ['admin', 'revoke', { type: 'certificate', producerId: THEIRS }, true],
  ['admin', 'use', { type: 'import' }, true],
  ['admin', 'read', { type: 'outbox' }, true],
  ['admin', 'create', { type: 'user' }, true],

  ['commune', 'update', { type: 'producer', id: THEIRS, communeId: HOME }, true],
  ['commune', 'update', { type: 'producer', id: THEIRS, communeId: AWAY }, false],
  ['commune', 'create', { type: 'product', producerId: THEIRS, communeId: HOME }, true],
  ['commune', 'create', { type: 'product', producerId: THEIRS, communeId: AWAY }, false],
  ['commune', 'update', { type: 'salesPoint', id: MY_POINT, communeId: HOME }, true],
  ['commune', 'update', { type: 'craftVillage', communeId: AWAY }, false],
  ['commune', 'read', { type: 'certificate', communeId: HOME }, true],
  ['commune', 'revoke', { type: 'certificate', communeId: HOME }, false],
  ['commune', 'issue', { type: 'certificate', communeId: HOME }, false],
  ['commune', 'use', { type: 'import' }, false],
  ['commune', 'create', { type: 'user' }, false],
  ['commune', 'update', { type: 'product', producerId: THEIRS }, false], // no commune known: refused

  ['council', 'read', { type: 'product', communeId: AWAY }, true],
  ['council', 'update', { type: 'product', communeId: AWAY }, false],
  ['secretary', 'use', { type: 'export' }, true],
  ['secretary', 'revoke', { type: 'certificate' }, false],

  ['producer', 'update', { type: 'producer', id: MINE }, true],
  ['producer', 'update', { type: 'producer', id: THEIRS }, false],
  ['producer', 'create', { type: 'product', producerId: MINE, communeId: AWAY }, true],
  ['producer', 'update', { type: 'product', producerId: THEIRS, communeId: HOME }, false],
  ['producer', 'read', { type: 'certificate', producerId: MINE }, true],
  ['producer', 'revoke', { type: 'certificate', producerId: MINE }, false],
  ['producer', 'update', { type: 'salesPoint', id: MY_POINT }, false],

  ['salespoint', 'update', { type: 'salesPoint', id: MY_POINT }, true],
  ['salespoint', 'update', { type: 'salesPoint', id: 'spt_other' }, false],
  ['salespoint', 'update', { type: 'product', producerId: MINE }, false],

  // The evaluation workflow (issue 8): each step belongs to one actor, within its scope.
  ['producer', 'submit', { type: 'application', producerId: MINE, communeId: AWAY }, true],
  ['producer', 'submit', { type: 'application', producerId: THEIRS, communeId: HOME }, false],
  ['producer', 'check', { type: 'application', producerId: MINE, communeId: HOME }, false],
  ['producer', 'score', { type: 'application', producerId: MINE }, false],
  ['commune', 'check', { type: 'application', producerId: THEIRS, communeId: HOME }, true],
  ['commune', 'check', { type: 'application', producerId: THEIRS, communeId: AWAY }, false],
  ['commune', 'submit', { type: 'application', producerId: THEIRS, communeId: HOME }, false],
  ['commune', 'review', { type: 'application', communeId: HOME }, false],
  ['secretary', 'review', { type: 'application', communeId: AWAY }, true],
  ['secretary', 'manage', { type: 'application' }, true],
  ['secretary', 'create', { type: 'councilSession' }, true],
  ['secretary', 'decide', { type: 'application' }, false],
  ['secretary', 'score', { type: 'application' }, false],
  ['council', 'score', { type: 'application', communeId: AWAY }, true],
  ['council', 'read', { type: 'application', communeId: AWAY }, true],
  ['council', 'manage', { type: 'application' }, false],
  ['council', 'create', { type: 'councilSession' }, false],
  ['council', 'decide', { type: 'application' }, false],
  ['admin', 'decide', { type: 'application' }, true],
  ['admin', 'create', { type: 'round' }, true],
  ['salespoint', 'read', { type: 'application', producerId: MINE }, false],
  ['buyer', 'list', { type: 'application' }, false],
  // The shop (issue 9): a producer handles only the sub-orders of their own products.
  ['producer', 'update', { type: 'subOrder', producerId: MINE }, true],
  ['producer', 'update', { type: 'subOrder', producerId: THEIRS }, false],
  ['producer', 'read', { type: 'subOrder', producerId: THEIRS }, false],
  ['admin', 'update', { type: 'subOrder', producerId: THEIRS }, true],
  ['commune', 'update', { type: 'subOrder', producerId: MINE }, false],
  ['buyer', 'read', { type: 'subOrder', producerId: MINE }, false],
  ['buyer', 'use', { type: 'backOffice' }, false],
  ['buyer', 'read', { type: 'product', producerId: MINE }, false],
  ['anonymous', 'use', { type: 'backOffice' }, false],
  ['anonymous', 'update', { type: 'producer', id: MINE }, false],
];

describe('policy: role × action × resource', () => {
  it.each(MATRIX)('%s may %s %j: %s', (who, action, resource, allowed) => {
    expect(can(actors[who], action, resource)).toBe(allowed);
  });

  it('lets the system and the CLI do everything', () => {
    expect(can({ kind: 'system', id: 'job' }, 'revoke', { type: 'certificate' })).toBe(true);
    expect(can({ kind: 'cli', id: 'cli' }, 'use', { type: 'import' })).toBe(true);
  });

  it('adds up several grants', () => {
    const both: Actor = {
      kind: 'user',
      id: 'u',
      grants: [
        { role: 'commune', scopeId: HOME },
        { role: 'commune', scopeId: AWAY },
      ],
    };
    expect(can(both, 'update', { type: 'producer', communeId: AWAY })).toBe(true);
    expect(scopeOf(both, 'product')).toMatchObject({ all: false, communeIds: [HOME, AWAY] });
  });
});

describe('list scopes', () => {
  it('narrows lists to the actor scope', () => {
    expect(scopeOf(actors.admin, 'product').all).toBe(true);
    expect(scopeOf(actors.council, 'product').all).toBe(true);
    expect(scopeOf(actors.commune, 'product')).toEqual({
      all: false,
      communeIds: [HOME],
      producerIds: [],
      salesPointIds: [],
    });
    expect(scopeOf(actors.producer, 'certificate').producerIds).toEqual([MINE]);
    expect(scopeOf(actors.salespoint, 'salesPoint').salesPointIds).toEqual([MY_POINT]);
    expect(scopeOf(actors.buyer, 'product')).toEqual({
      all: false,
      communeIds: [],
      producerIds: [],
      salesPointIds: [],
    });
  });
});
