// The kinds of FSM a generated store's runs come from: each kind's shape
// (fan-out or chain), data mode, share of the runs, execution id prefix and
// the metadata its caller passes (history row and step rows), with state
// names of its own, the tenants, and the errors a chain's last step fails with.
import type { Prng } from './prng.ts';
import type { PyValue } from './pyjson.ts';
import type { RunShape } from './shape.ts';
import type { DataMode } from './storeRuns.ts';

export const TENANTS = [
  'acme',
  'acme',
  'acme',
  'acme',
  'globex',
  'globex',
  'globex',
  'initech',
  'umbrella',
  'hooli',
];
export const CHAIN_RENAMES: Record<string, Record<string, string>> = {
  log_replay: {},
  customer_etl: {
    read_chunk: 'extract',
    parse_records: 'transform',
    validate: 'validate_rows',
    write_batch: 'load',
  },
  order_workflow: {
    read_chunk: 'received',
    parse_records: 'reserve_stock',
    validate: 'charge',
    write_batch: 'ship',
  },
  invoice_approval: {
    read_chunk: 'load_invoice',
    parse_records: 'check_threshold',
    validate: 'approve',
    write_batch: 'notify',
  },
  log_ingest: {
    read_chunk: 'read_chunk',
    parse_records: 'parse_lines',
    validate: 'index_batch',
    write_batch: 'commit',
  },
};
export const SUPPORT_RENAMES: Record<string, string> = {
  receive_job: 'receive_message',
  plan: 'classify',
  dispatch_batch: 'route',
  fetch_record: 'retrieve_context',
  skip_record: 'escalate_to_human',
  enrich: 'draft_answer',
  validate: 'policy_check',
  split_chunks: 'split_reply',
  embed_chunk: 'embed_reply',
  batch_done: 'reply_sent',
  batch_report: 'log_conversation',
};
export const CHAIN_ERRORS = [
  'psycopg2.OperationalError: server closed the connection unexpectedly\n\tThis probably means the server terminated abnormally',
  "KeyError: 'customer_id'",
  'TimeoutError: carrier API did not answer within 30.0s',
  'ValueError: invoice total 1840.50 does not match the sum of its lines (1804.50)',
  "PermissionError: [Errno 13] Permission denied: '/var/log/ingest/2025-09-20.log'",
];

export interface FsmKind {
  readonly name: string;
  readonly shape: RunShape;
  readonly mode: DataMode;
  readonly weight: number;
  /** Execution ids: uuid4 or this prefix and a number. */
  readonly prefix: string;
  metadata(rng: Prng, tenant: string, i: number): PyValue | null;
  stepMetadata(rng: Prng, tenant: string, history: PyValue | null): PyValue | null;
}

const KINDS: readonly FsmKind[] = [
  {
    name: 'enrichment_pipeline',
    shape: 'fanout',
    mode: 'copy',
    weight: 0.2,
    prefix: 'enrich',
    metadata: (rng, tenant, i) =>
      rng.chance(0.1) ? null : { tenant_id: tenant, pipeline: 'enrich-v2', run_no: i % 97 },
    stepMetadata: () => null,
  },
  {
    name: 'support_agent',
    shape: 'fanout',
    mode: 'reference',
    weight: 0.12,
    prefix: 'conv',
    metadata: (rng, tenant) => ({
      tenant_id: tenant,
      channel: rng.pick(['web', 'web', 'email', 'slack']),
      user: { id: `u-${rng.int(100, 999)}`, plan: rng.pick(['free', 'pro', 'pro', 'enterprise']) },
    }),
    stepMetadata: (rng, tenant) => ({
      tenant_id: tenant,
      agent: rng.pick(['support-v3', 'support-v3', 'support-v4']),
    }),
  },
  {
    name: 'log_replay',
    shape: 'chain',
    mode: 'copy',
    weight: 0.14,
    prefix: 'replay',
    metadata: (rng, tenant) => (rng.chance(0.5) ? null : { tenant_id: tenant }),
    stepMetadata: () => null,
  },
  {
    name: 'customer_etl',
    shape: 'chain',
    mode: 'copy',
    weight: 0.18,
    prefix: 'etl-2025-09-20',
    metadata: (_rng, tenant, i) => ({ tenant_id: tenant, pipeline: 'nightly', run_no: i % 31 }),
    stepMetadata: () => null,
  },
  {
    name: 'order_workflow',
    shape: 'chain',
    mode: 'copy',
    weight: 0.16,
    prefix: 'order',
    metadata: (rng, tenant) => ({ tenant_id: tenant, order_id: `SO-${rng.int(1000, 99999)}` }),
    stepMetadata: (_rng, _tenant, history) => history,
  },
  {
    name: 'invoice_approval',
    shape: 'chain',
    mode: 'copy',
    weight: 0.1,
    prefix: 'inv-2025',
    metadata: () => null,
    stepMetadata: () => null,
  },
  {
    name: 'log_ingest',
    shape: 'chain',
    mode: 'direct',
    weight: 0.1,
    prefix: 'ingest',
    metadata: (rng, tenant) => ({
      tenant_id: tenant,
      source: rng.pick(['s3', 's3', 'gcs']),
      agent: { name: 'ingestd', version: rng.pick(['2.4.1', '2.5.0']) },
    }),
    stepMetadata: (_rng, tenant) => ({ tenant_id: tenant }),
  },
];

export function pickKind(rng: Prng): FsmKind {
  let x = rng.next();
  for (const k of KINDS) {
    x -= k.weight;
    if (x < 0) return k;
  }
  return KINDS[KINDS.length - 1]!;
}
