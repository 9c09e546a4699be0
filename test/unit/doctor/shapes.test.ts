// The shapes of the panel's answers (issue 22 §4): keys and value types, never values.
import { describe, expect, it } from 'vitest';
import { diffShapes, endpointOf, mergeShapes, shapeOf } from '../../../src/doctor/shapes.js';

describe('shapeOf', () => {
  it('keeps keys and types, recursively, an array as one merged shape, and no value at all', () => {
    const answer = {
      success: true,
      total: 2,
      data: [
        { id: 2101, email: 'zlata.kvas@mail.test', last_name: 'Квасова', patro_name: null, kids: [] },
        { id: '2102', email: 'x@y.ru', last_name: 'Б', patro_name: 'Ярополковна', kids: [{ birthday: '2015-03-17' }] },
      ],
      access_token: 'tok-SECRET-123',
    };
    const shape = shapeOf(answer);
    expect(shape).toEqual({
      type: 'object',
      keys: {
        access_token: 'string',
        data: {
          type: 'array',
          of: {
            type: 'object',
            keys: {
              email: 'string',
              id: 'number|string',
              kids: { type: 'array', of: { type: 'object', keys: { birthday: 'string' } } },
              last_name: 'string',
              patro_name: 'null|string',
            },
          },
        },
        success: 'boolean',
        total: 'number',
      },
    });
    const text = JSON.stringify(shape);
    for (const v of ['zlata', 'Квасова', 'Ярополковна', '2015', 'tok-SECRET', '2101']) expect(text).not.toContain(v);
  });

  it('folds keys that are values (e-mails, ids, Cyrillic) into one map key', () => {
    const shape = shapeOf({ byEmail: { 'ivanova@mail.ru': { n: 1 }, 'Петров Пётр': { n: 2 }, '12345': { n: 3 } } });
    expect(JSON.stringify(shape)).not.toMatch(/ivanova|Петров|12345/);
    expect(shape).toEqual({ type: 'object', keys: { byEmail: { type: 'object', keys: { '*': { type: 'object', keys: { n: 'number' } } } } } });
  });

  it('merges an empty array or a null with the structure seen elsewhere', () => {
    expect(mergeShapes({ type: 'array', of: null }, shapeOf([{ a: 1 }]))).toEqual({ type: 'array', of: { type: 'object', keys: { a: 'number' } } });
    expect(mergeShapes('null', shapeOf({ a: 1 }))).toEqual({ type: 'object', keys: { a: 'number' } });
  });
});

describe('diffShapes', () => {
  const ref = shapeOf({ data: [{ id: 1, number: '55-1', type: 'accounting' }], success: true });
  it('names keys missing, extra and types changed by path; null and empty arrays say nothing', () => {
    const got = shapeOf({ data: { id: 'u', number: null, is_cancelled: false }, success: true });
    expect(diffShapes(ref, got)).toEqual([{ kind: 'type', path: 'data', expected: 'array', found: 'object' }]);
    const got2 = shapeOf({ data: [{ id: 'u', number: null, is_cancelled: false }], success: true });
    expect(diffShapes(ref, got2)).toEqual([
      { kind: 'type', path: 'data[].id', expected: 'number', found: 'string' },
      { kind: 'missing', path: 'data[].type', expected: 'string' },
      { kind: 'extra', path: 'data[].is_cancelled', found: 'boolean' },
    ]);
    expect(diffShapes(ref, shapeOf({ data: [], success: true }))).toEqual([]);
    expect(diffShapes(ref, ref)).toEqual([]);
  });
});

describe('endpointOf', () => {
  it('names an endpoint without values: ids as {id}, query names only, no cache buster', () => {
    expect(endpointOf('get', 'http://h/api/rest/siteuser/2101?_dc=1700000000&query=ivanova%40mail.ru&start=0')).toBe('GET /api/rest/siteuser/{id}?query&start');
    expect(endpointOf('POST', 'http://h/api/pfdod/billing/check/event/certificate/kid/f6c7c6d2-1111-4222-8333-444455556666?eventId=77')).toBe(
      'POST /api/pfdod/billing/check/event/certificate/kid/{id}?eventId',
    );
    expect(endpointOf('GET', 'http://h/api/activity/rest/kid?search[value]=Иванов')).toBe('GET /api/activity/rest/kid?search[]');
    expect(endpointOf('GET', 'http://h/u/ivanova@mail.ru/card')).toBe('GET /u/{id}/card');
  });
});
