import { describe, expect, it } from 'vitest';
import { createRouteMethods, honoPathToRegExp } from './route-methods.js';

describe('honoPathToRegExp', () => {
  it.each([
    ['/health', '/health', true],
    ['/health', '/health/ready', false],
    ['/', '/', true],
    ['/users/:id', '/users/42', true],
    ['/users/:id', '/users/42/x', false],
    ['/users/:id{[0-9]+}', '/users/abc', false],
    ['/users/:id{[0-9]+}', '/users/12', true],
    ['/posts/:slug?', '/posts', true],
    ['/posts/:slug?', '/posts/a', true],
    ['/storage/local/*', '/storage/local/a/b.txt', true],
    ['/storage/local/*', '/storage/local', true],
    ['/storage/local/*', '/storage/other', false],
    ['/a.b', '/aXb', false],
    ['*', '/anything', true],
  ])('%s against %s → %s', (pattern, path, expected) => {
    expect(honoPathToRegExp(pattern).test(path)).toBe(expected);
  });
});

describe('createRouteMethods', () => {
  it('lists the methods of matching routes, adds HEAD for GET and skips ALL entries', () => {
    const methodsFor = createRouteMethods([
      { method: 'ALL', path: '*' },
      { method: 'GET', path: '/items/:id' },
      { method: 'DELETE', path: '/items/:id' },
      { method: 'POST', path: '/items' },
    ]);
    expect(methodsFor('/items/7')).toEqual(['DELETE', 'GET', 'HEAD']);
    expect(methodsFor('/items')).toEqual(['POST']);
    expect(methodsFor('/nothing')).toEqual([]);
  });
});
