// The run-list queries the store benchmark times: each filter the run browser
// offers (fsm, status, has failures, UTC start range, metadata key = value,
// text in ids), the sorts of its headers, and all filters at once. Each asks
// for the first page (PAGE_SIZE runs) and the count, as the run browser does.
import type { RunQuery } from '../../src/model/store/storeTypes.ts';

/** Every generated run starts within one day of this (shape.ts). */
const DAY_START = 1758400000;
const HOUR = 3600;
const NEWEST_FIRST = { sort: 'start_time', desc: true } as const;

export const STORE_QUERIES: ReadonlyArray<readonly [string, RunQuery]> = [
  ['no filter (first page)', NEWEST_FIRST],
  ['fsm = support_agent', { ...NEWEST_FIRST, fsm: 'support_agent' }],
  ['status = in_progress', { ...NEWEST_FIRST, status: 'in_progress' }],
  ['has failures', { ...NEWEST_FIRST, failures: 'with' }],
  ['no failures', { ...NEWEST_FIRST, failures: 'without' }],
  [
    'start between 06:00 and 12:00 UTC',
    { ...NEWEST_FIRST, since: DAY_START + 6 * HOUR, until: DAY_START + 12 * HOUR },
  ],
  ['metadata tenant_id = globex', { ...NEWEST_FIRST, metadata: [{ key: 'tenant_id', value: 'globex' }] }],
  ['metadata user.plan = pro (nested)', { ...NEWEST_FIRST, metadata: [{ key: 'user.plan', value: 'pro' }] }],
  [
    'metadata tenant_id = acme and channel = web',
    {
      ...NEWEST_FIRST,
      metadata: [
        { key: 'tenant_id', value: 'acme' },
        { key: 'channel', value: 'web' },
      ],
    },
  ],
  ['text "order-0" in ids', { ...NEWEST_FIRST, text: 'order-0' }],
  ['text "4b2" in ids', { ...NEWEST_FIRST, text: '4b2' }],
  ['sort: steps, most first', { sort: 'steps', desc: true }],
  ['sort: fsm name A-Z', { sort: 'fsm_name', desc: false }],
  ['sort: duration, longest first', { sort: 'duration', desc: true }],
  ['sort: execution id A-Z', { sort: 'execution_id', desc: false }],
  [
    'all at once: fsm, failures, tenant, text, by duration',
    {
      sort: 'duration',
      desc: true,
      fsm: 'enrichment_pipeline',
      failures: 'with',
      metadata: [{ key: 'tenant_id', value: 'acme' }],
      text: 'e',
    },
  ],
];
