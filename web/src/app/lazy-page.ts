import { type ComponentType, lazy } from 'react';

/**
 * React.lazy for a named export: pages use named exports (no defaults), and each page becomes its own
 * chunk, fetched the first time its route is opened.
 */
export function lazyPage<M, K extends keyof M>(load: () => Promise<M>, name: K) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}
