/**
 * nock 15 intercepts fetch through @mswjs/interceptors 0.44, which calls Promise.withResolvers (Node 22+).
 * Node 20 lacks it, so intercepted requests fail with "Promise.withResolvers is not a function".
 * Belongs in the shared test setup; kept here until it is there.
 */
if (!("withResolvers" in Promise)) {
  Object.defineProperty(Promise, "withResolvers", {
    configurable: true,
    writable: true,
    value<T>() {
      let resolve!: (value: T | PromiseLike<T>) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}
