// The filter values a store offers (fsm names, statuses, metadata keys, with
// counts), asked of its worker once per store and kept for as long as the
// store is open. Null until they arrive, or when they cannot be had (the
// filters then offer what the query already holds).
import { useEffect, useState } from 'react';
import type { StoreFacets } from '../../model/store/storeTypes.ts';
import type { StoreHandle } from '../../worker/storeClient.ts';

const asked = new WeakMap<StoreHandle, Promise<StoreFacets>>();

function facetsOf(store: StoreHandle): Promise<StoreFacets> {
  let p = asked.get(store);
  if (!p) {
    p = store.facets();
    asked.set(store, p);
    p.catch(() => asked.delete(store));
  }
  return p;
}

export function useStoreFacets(store: StoreHandle): StoreFacets | null {
  const [got, setGot] = useState<{ store: StoreHandle; facets: StoreFacets } | null>(null);
  useEffect(() => {
    let live = true;
    facetsOf(store).then(
      (facets) => {
        if (live) setGot({ store, facets });
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [store]);
  return got?.store === store ? got.facets : null;
}
