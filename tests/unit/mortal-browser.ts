/**
 * The browser as one service worker sees it, until the worker is stopped. A stopped
 * worker's code in Node still runs (its timers fire, its promises settle), where the real
 * browser would simply have ended it; through this view, everything it asks of the
 * browser or the network afterwards never answers, and events no longer reach it, so a
 * test's leftover work cannot write into, or send requests during, a later test.
 * @module
 */

/** Calls that answer at once, which a stopped worker may still make harmlessly. */
const IMMEDIATE = new Set(['getURL', 'getManifest', 'getMessage', 'getUILanguage']);

const never = () => new Promise<never>(() => undefined);

/** Reports whether the worker this view belongs to was stopped. */
export type Stopped = () => boolean;

/** `target` (an API object of the fake browser, or a function like fetch) as seen by a worker that may be stopped. */
export function mortal<T extends object>(target: T, stopped: Stopped): T {
  const wrappers = new WeakMap<object, unknown>();
  const views = new WeakMap<object, object>();
  const view = <U extends object>(object: U): U => {
    if (!views.has(object)) views.set(object, proxyOf(object));
    return views.get(object) as U;
  };
  const proxyOf = <U extends object>(object: U): U =>
    new Proxy(object, {
      get(inner, key) {
        const value: unknown = Reflect.get(inner, key, inner);
        if (typeof value === 'function') return wrapFunction(inner, key, value as (...args: unknown[]) => unknown);
        if (value !== null && typeof value === 'object') return view(value);
        return value;
      },
    });
  function wrapListener(listener: (...args: unknown[]) => unknown) {
    if (!wrappers.has(listener)) wrappers.set(listener, (...args: unknown[]) => (stopped() ? undefined : listener(...args)));
    return wrappers.get(listener);
  }
  function wrapFunction(owner: object, key: PropertyKey, fn: (...args: unknown[]) => unknown) {
    if (key === 'addListener' || key === 'removeListener' || key === 'hasListener') {
      return (listener: (...args: unknown[]) => unknown, ...rest: unknown[]) => fn.call(owner, wrapListener(listener), ...rest);
    }
    return (...args: unknown[]) => (stopped() && !IMMEDIATE.has(String(key)) ? never() : fn.apply(owner, args));
  }
  if (typeof target === 'function') {
    const fn = target as unknown as (...args: unknown[]) => unknown;
    return ((...args: unknown[]) => (stopped() ? never() : fn(...args))) as unknown as T;
  }
  return view(target);
}
