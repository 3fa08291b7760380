"use client";

import { useQueryClient } from "@tanstack/react-query";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";

import { api, session } from "@/api";
import type { components } from "@/api/schema";

export type User = components["schemas"]["ProfileOut"];
export type TokenAnswer = components["schemas"]["LoginOut"];
export type AuthStatus = "loading" | "signed-in" | "signed-out";

type AuthContextValue = {
  status: AuthStatus;
  /** A session token is in memory: calls can start, even while the user record is still loading. */
  hasSession: boolean;
  user: User | null;
  isAdmin: boolean;
  /** Takes a login (or MFA login) answer, loads the account, and marks the browser signed in. */
  completeSignIn(answer: TokenAnswer): Promise<void>;
  /** Ends this browser's session (or every session) and forgets everything cached for the account. */
  signOut(options?: { everywhere?: boolean }): Promise<void>;
  /** Reads the account again (after a profile change). */
  reloadUser(): Promise<void>;
};

const AuthContext = createContext<AuthContextValue | null>(null);

// Renew the access token this long before it expires, so a page never waits on a 401 first.
const RENEW_EARLY_MS = 60_000;

async function fetchUser(): Promise<User> {
  const { data } = await api.GET("/v1/me");
  return data as User;
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<AuthStatus>("loading");
  const [hasSession, setHasSession] = useState(false);
  const [user, setUser] = useState<User | null>(null);
  const renewTimer = useRef<number | undefined>(undefined);

  const scheduleRenewal = useCallback(() => {
    window.clearTimeout(renewTimer.current);
    const expiry = session.expiresAt();
    if (!expiry) return;
    const delay = Math.max(5_000, expiry - Date.now() - RENEW_EARLY_MS);
    renewTimer.current = window.setTimeout(() => void session.refresh(), delay);
  }, []);

  useEffect(() => {
    // A page load starts with no token in memory: the refresh cookie (if any) gives one.
    let live = true;
    const unsubscribe = session.subscribe((token) => {
      if (token) scheduleRenewal();
      else if (live) {
        window.clearTimeout(renewTimer.current);
        setUser(null);
        setHasSession(false);
        setStatus("signed-out");
      }
    });
    (async () => {
      const token = session.token() ?? (await session.refresh());
      if (!live) return;
      if (!token) {
        setStatus("signed-out");
        return;
      }
      // The page's own calls start now, beside /v1/me, instead of one round trip after it.
      setHasSession(true);
      try {
        const me = await fetchUser();
        if (!live) return;
        setUser(me);
        setStatus("signed-in");
      } catch {
        if (live) {
          setHasSession(false);
          setStatus("signed-out");
        }
      }
    })();
    return () => {
      live = false;
      unsubscribe();
      window.clearTimeout(renewTimer.current);
    };
  }, [scheduleRenewal]);

  const completeSignIn = useCallback(async (answer: TokenAnswer) => {
    session.accept(answer);
    const me = await fetchUser();
    setUser(me);
    setHasSession(true);
    setStatus("signed-in");
  }, []);

  const signOut = useCallback(
    async ({ everywhere = false }: { everywhere?: boolean } = {}) => {
      try {
        await api.POST(everywhere ? "/v1/auth/logout-all" : "/v1/auth/logout", {
          headers: { "X-Session-Mode": "cookie" },
        });
      } catch {
        // Signed out here whatever the server answered: the token is dropped below.
      }
      session.clear();
      queryClient.clear();
      setUser(null);
      setHasSession(false);
      setStatus("signed-out");
    },
    [queryClient],
  );

  const reloadUser = useCallback(async () => {
    setUser(await fetchUser());
  }, []);

  const value = useMemo<AuthContextValue>(
    () => ({ status, hasSession, user, isAdmin: user?.role === "admin", completeSignIn, signOut, reloadUser }),
    [status, hasSession, user, completeSignIn, signOut, reloadUser],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error("useAuth needs an AuthProvider above it");
  return value;
}
