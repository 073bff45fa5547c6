/** Store ports that throw `StoreUnavailableError` from every call while `isDown()` says so. */
import { StoreUnavailableError } from '../../lib/errors.js';
import type { Stores } from '../../lib/ports.js';

function failing<T extends object>(port: T, isDown: () => boolean, cause: Error): T {
  return new Proxy(port, {
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

export function failingStore(isDown: () => boolean, cause = new Error('injected')) {
  return (stores: Stores): Stores =>
    Object.fromEntries(Object.entries(stores).map(([name, port]) => [name, failing(port as object, isDown, cause)])) as unknown as Stores;
}
