"use client";

import { useMemo } from "react";

import { useAuth } from "@/auth/AuthProvider";

/** The browser's locale for dates and numbers (messages stay in the catalogue's language). */
export function userLocale(): string {
  return typeof navigator !== "undefined" && navigator.language ? navigator.language : "en";
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

export type Formatter = {
  locale: string;
  timeZone: string;
  /** A date and time in the user's time zone (`dateStyle: "medium", timeStyle: "short"` by default). */
  dateTime(value: string | number | Date, options?: Intl.DateTimeFormatOptions): string;
  date(value: string | number | Date, options?: Intl.DateTimeFormatOptions): string;
  number(value: number, options?: Intl.NumberFormatOptions): string;
  /** "in 3 hours", "2 days ago", relative to `now`. */
  relative(value: string | number | Date, now?: number): string;
};

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
  ["second", 1],
];

export function createFormatter(locale: string, timeZone: string): Formatter {
  const toDate = (value: string | number | Date) => (value instanceof Date ? value : new Date(value));
  return {
    locale,
    timeZone,
    dateTime: (value, options = { dateStyle: "medium", timeStyle: "short" }) =>
      new Intl.DateTimeFormat(locale, { ...options, timeZone }).format(toDate(value)),
    date: (value, options = { dateStyle: "medium" }) =>
      new Intl.DateTimeFormat(locale, { ...options, timeZone }).format(toDate(value)),
    number: (value, options) => new Intl.NumberFormat(locale, options).format(value),
    relative(value, now = Date.now()) {
      const seconds = Math.round((toDate(value).getTime() - now) / 1000);
      const format = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
      for (const [unit, size] of UNITS) {
        if (Math.abs(seconds) >= size || unit === "second") return format.format(Math.round(seconds / size), unit);
      }
      return format.format(0, "second");
    },
  };
}

/** Dates and numbers in the user's locale and the time zone of their profile (else the browser's). */
export function useFormat(): Formatter {
  const { user } = useAuth();
  const zone = user?.timezone || browserTimeZone();
  return useMemo(() => createFormatter(userLocale(), zone), [zone]);
}
