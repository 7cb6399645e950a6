// Where `serve --db`'s JSON API answers (pg/dbApi.ts); a module of its own so `open` need not load pg.
export const DB_PREFIX = '/__db/';
