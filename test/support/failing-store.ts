/** A store that throws `StoreUnavailableError` from every call while `isDown()` says so. */
import { type CaseStore, StoreUnavailableError } from '../../lib/ports.js';

export function failingStore(isDown: () => boolean, cause = new Error('injected')) {
  return (store: CaseStore): CaseStore =>
    new Proxy(store, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (isDown()) throw new StoreUnavailableError('DynamoDB PutItem failed', { cause });
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
}
