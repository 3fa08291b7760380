/**
 * Registers `/sw.js` (it caches the app shell, never API answers) in production builds only: in
 * `next dev` a cached shell would hide the code being edited.
 */
export function registerServiceWorker(): void {
  if (process.env.NODE_ENV !== "production") return;
  if (typeof navigator === "undefined" || !("serviceWorker" in navigator)) return;
  navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {
    // The app works without it; only offline start and install are lost.
  });
}
