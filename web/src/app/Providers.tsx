"use client";

import { QueryClientProvider } from "@tanstack/react-query";
import { NextIntlClientProvider } from "next-intl";
import { useEffect, useState, type ReactNode } from "react";

import { makeQueryClient } from "@/api/queryClient";
import { AuthProvider } from "@/auth/AuthProvider";
import { ToastProvider } from "@/components/ui";
import { browserTimeZone } from "@/i18n/format";
import messages from "../../messages/en.json";
import { registerServiceWorker } from "./service-worker";

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
  // The page is rendered at build time in UTC; once in a browser, formatting follows its time zone.
  const [timeZone, setTimeZone] = useState("UTC");
  useEffect(() => {
    setTimeZone(browserTimeZone());
    registerServiceWorker();
  }, []);
  return (
    <NextIntlClientProvider locale="en" messages={messages} timeZone={timeZone}>
      <QueryClientProvider client={queryClient}>
        <AuthProvider>
          <ToastProvider>{children}</ToastProvider>
        </AuthProvider>
      </QueryClientProvider>
    </NextIntlClientProvider>
  );
}
