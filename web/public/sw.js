// InErgize's service worker: keeps the app shell (HTML, scripts, styles, icons) so the installed app
// opens without a network, and NEVER stores API answers: they are personal and must be fresh.
const SHELL_CACHE = "inergize-shell-v1";
const SHELL = ["/", "/sign-in/", "/manifest.webmanifest", "/icons/icon-192.png", "/icons/icon.svg"];
// Paths the server answers itself (API, docs, probes): always the network, never a cache.
const NEVER_CACHED = /^\/(v1|schema|health|ready|metrics|\.well-known)(\/|$)/;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(SHELL_CACHE)
      .then((cache) => cache.addAll(SHELL))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== SHELL_CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

async function putInCache(request, response) {
  if (response.ok && response.type === "basic") {
    const cache = await caches.open(SHELL_CACHE);
    await cache.put(request, response.clone());
  }
  return response;
}

// Pages: the network first (a new build shows at once), the stored copy when offline.
async function page(request) {
  try {
    return await putInCache(request, await fetch(request));
  } catch (error) {
    const cached = (await caches.match(request, { ignoreSearch: true })) || (await caches.match("/"));
    if (cached) return cached;
    throw error;
  }
}

// Build files have content hashes in their names: a stored copy never goes stale.
async function immutable(request) {
  const cached = await caches.match(request);
  return cached || putInCache(request, await fetch(request));
}

// Icons and the manifest: the stored copy now, a fresh one for next time.
async function staleWhileRevalidate(request) {
  const cached = await caches.match(request);
  const fresh = fetch(request).then((response) => putInCache(request, response));
  return cached || fresh;
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || NEVER_CACHED.test(url.pathname)) {
    return;
  }
  if (request.mode === "navigate") event.respondWith(page(request));
  else if (url.pathname.startsWith("/_next/static/")) event.respondWith(immutable(request));
  else event.respondWith(staleWhileRevalidate(request));
});
