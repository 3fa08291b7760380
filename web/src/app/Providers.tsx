"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { NextIntlClientProvider } from "next-intl";
import { useEffect, useState, type ReactNode } from "react";

import { isApiProblem } from "@/api/problem";
import { AuthProvider } from "@/auth/AuthProvider";
import { ToastProvider } from "@/components/ui";
import { browserTimeZone } from "@/i18n/format";
import messages from "../../messages/en.json";
import { registerServiceWorker } from "./service-worker";

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // Retry only when the network failed; an API problem will answer the same again.
        retry: (failures, error) => failures < 2 && isApiProblem(error) && error.kind === "network",
      },
      mutations: { retry: false },
    },
  });
}

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
