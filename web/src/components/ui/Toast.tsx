"use client";

import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from "react";
import { useTranslations } from "next-intl";

import { cx } from "./cx";

export type ToastTone = "info" | "success" | "error";
type Toast = { id: number; message: string; tone: ToastTone };

type ToastApi = { show: (message: string, tone?: ToastTone) => void };

const ToastContext = createContext<ToastApi | null>(null);

const TONES: Record<ToastTone, string> = {
  info: "border-line-strong bg-surface text-ink",
  success: "border-success bg-success-soft text-success",
  error: "border-danger bg-danger-soft text-danger",
};

/**
 * Short messages after an action ("Saved"). They live in two live regions that are in the page from the
 * start (so screen readers announce them): errors assertively, the rest politely.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const t = useTranslations("common");
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((toast) => toast.id !== id)), []);
  const show = useCallback(
    (message: string, tone: ToastTone = "info") => {
      const id = next.current++;
      setToasts((all) => [...all.slice(-2), { id, message, tone }]);
      window.setTimeout(() => dismiss(id), tone === "error" ? 10000 : 5000);
    },
    [dismiss],
  );
  const api = useMemo(() => ({ show }), [show]);
  const region = (tones: ToastTone[], live: "polite" | "assertive") => (
    <div aria-live={live} aria-relevant="additions" className="flex w-full max-w-sm flex-col gap-2">
      {toasts
        .filter((toast) => tones.includes(toast.tone))
        .map((toast) => (
          <div
            key={toast.id}
            className={cx(
              "pointer-events-auto flex items-start justify-between gap-3 rounded-control border p-3 shadow-lg",
              TONES[toast.tone],
            )}
          >
            <p className="text-sm font-medium">{toast.message}</p>
            <button
              type="button"
              onClick={() => dismiss(toast.id)}
              className="-m-1 inline-flex size-8 shrink-0 items-center justify-center rounded text-lg leading-none"
              aria-label={t("dismiss")}
            >
              <span aria-hidden="true">×</span>
            </button>
          </div>
        ))}
    </div>
  );
  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="pointer-events-none fixed inset-x-0 bottom-0 z-50 flex flex-col items-center gap-2 p-4 sm:items-end">
        {region(["info", "success"], "polite")}
        {region(["error"], "assertive")}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error("useToast needs a ToastProvider above it");
  return api;
}
