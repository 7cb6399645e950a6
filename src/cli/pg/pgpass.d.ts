// Types for pgpass 1.0.5 (no published ones): the ~/.pgpass lookup node-postgres itself uses.
declare module 'pgpass' {
  interface ConnectionInfo {
    host: string;
    port: number | string;
    database: string;
    user: string;
  }
  function pgpass(info: ConnectionInfo, callback: (password: string | undefined) => void): void;
  export default pgpass;
}
