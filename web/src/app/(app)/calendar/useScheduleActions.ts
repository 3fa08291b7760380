"use client";

import { useQueryClient } from "@tanstack/react-query";

import { useApiMutation } from "@/api";

/**
 * Every change to a publication from the calendar, each refreshing what shows it afterwards (the
 * calendar window, the publication's own details, the home page's cards read the same calendar).
 */
export function useScheduleActions() {
  const queryClient = useQueryClient();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ["get", "/v1/schedule/calendar"] }),
      queryClient.invalidateQueries({ queryKey: ["get", "/v1/schedule/{pid}"] }),
    ]);
  const options = { onSettled: refresh };
  return {
    refresh,
    move: useApiMutation("patch", "/v1/schedule/{pid}", options),
    cancel: useApiMutation("delete", "/v1/schedule/{pid}", options),
    retry: useApiMutation("post", "/v1/schedule/{pid}/retry", options),
    confirmPublished: useApiMutation("post", "/v1/schedule/{pid}/confirm-published", options),
    schedule: useApiMutation("post", "/v1/schedule", options),
    postNow: useApiMutation("post", "/v1/schedule/now", options),
  };
}

export type ScheduleActions = ReturnType<typeof useScheduleActions>;
