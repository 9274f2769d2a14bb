/**
 * nock 15 intercepts through @mswjs/interceptors, which calls Promise.withResolvers (Node 22+). The project
 * supports Node 20, where it is missing, so every intercepted request would fail. Installed only when absent.
 */
if (!("withResolvers" in Promise)) {
  Object.defineProperty(Promise, "withResolvers", {
    configurable: true,
    writable: true,
    value: function withResolvers<T>() {
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
