/**
 * A fetch that sends `https://<shop>.myshopify.com/<path>` to `<base URL>/<path>` instead: for a shop whose Admin API
 * is served elsewhere (the sandbox serves each shop under `http://127.0.0.1:4001/shops/<shop domain>`). The official
 * client builds its URLs from the shop domain, so the base is swapped here, below it.
 */
export function rebasedFetch(baseUrl: string, fetchImpl: typeof fetch = fetch): typeof fetch {
  const base = baseUrl.replace(/\/+$/, '');
  return (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    return fetchImpl(`${base}${url.pathname}${url.search}`, init);
  };
}
