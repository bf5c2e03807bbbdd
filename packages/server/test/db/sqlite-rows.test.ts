// database.ts builds SQLite result rows in JavaScript from better-sqlite3's raw arrays. These tests
// hold them to the objects better-sqlite3 makes itself, statement by statement: same keys in the
// same order, same values, own properties, duplicate names resolved the same way.
import { createRequire } from 'node:module';
import type SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { rowsBuiltInJavaScript } from '../../src/db/database.ts';

const Sqlite = createRequire(import.meta.url)('better-sqlite3') as typeof SQLite;
let sqlite: SQLite.Database;

beforeEach(() => {
  sqlite = new Sqlite(':memory:');
  sqlite.exec(`create table t (id integer primary key, name text, note text, data blob, ratio real);
    insert into t values (1, 'one', null, x'0102', 0.5), (2, 'two', 'n', null, 2), (3, 'three', '', x'', -1.25);`);
});
afterEach(() => sqlite.close());

/** The same query both ways: better-sqlite3's own rows, and ours. */
function both(sqlText: string, parameters: unknown[] = []) {
  const native = sqlite.prepare(sqlText).all(parameters);
  const ours = rowsBuiltInJavaScript(sqlite.prepare(sqlText)).all(parameters);
  return { native, ours };
}

describe('rows built in JavaScript', () => {
  test.each([
    ['every column', 'select * from t order by id', []],
    ['some columns, with a parameter', 'select name, id from t where id > ? order by id desc', [1]],
    ['two columns of one name', 'select id as x, name as x from t order by id', []],
    ['computed columns and no rows', "select count(*) as n, 'a' || name as label from t where id = ?", [99]],
    ['a name that looks like a number', 'select id as "0", name as "b c" from t', []],
  ])(
    'when a statement reads %s, then its rows equal better-sqlite3’s, keys in order',
    (_case, sqlText, parameters) => {
      const { native, ours } = both(sqlText, parameters);
      expect(ours).toStrictEqual(native);
      expect(ours.map((row) => Object.keys(row as object))).toEqual(
        native.map((row) => Object.keys(row as object)),
      );
      expect(JSON.stringify(ours)).toBe(JSON.stringify(native));
    },
  );

  test('when a column is named __proto__, then the statement keeps better-sqlite3’s own rows', () => {
    const sqlText = 'select id as "__proto__", name from t order by id';
    const statement = sqlite.prepare(sqlText);
    const ours = rowsBuiltInJavaScript(statement);
    expect(ours).toBe(statement);
    expect(ours.all([])).toStrictEqual(sqlite.prepare(sqlText).all());
  });

  test('when rows are iterated, then each is the same object as better-sqlite3’s', () => {
    const sqlText = 'select id, name from t order by id';
    const ours = [...rowsBuiltInJavaScript(sqlite.prepare(sqlText)).iterate([])];
    expect(ours).toStrictEqual(sqlite.prepare(sqlText).all());
  });

  test('when a statement writes, then it runs as before and reports its changes', () => {
    const statement = rowsBuiltInJavaScript(sqlite.prepare('update t set note = ? where id > ?'));
    expect(statement.reader).toBe(false);
    expect(statement.run(['x', 1]).changes).toBe(2);
    expect(sqlite.prepare('select count(*) as n from t where note = ?').get('x')).toEqual({ n: 2 });
  });
});
