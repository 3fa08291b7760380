"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";

import { useApiMutation, useApiQuery, type components } from "@/api";
import { Button, Card, ErrorMessage, QueryView, TextField, TextLink, useToast } from "@/components/ui";

const useSettings = () => useApiQuery("get", "/v1/compliance/settings");
type Settings = NonNullable<ReturnType<typeof useSettings>["data"]>;

const LISTS = ["deny_people", "deny_companies", "deny_keywords", "allow_people", "allow_companies"] as const;

/** Quiet hours, days off, the daily pace and the people or companies never (or only) to contact. */
export function AutomationSettings() {
  const t = useTranslations("compliance.settings");
  const settings = useSettings();
  return (
    <Card title={t("title")}>
      <p className="mb-4 text-sm text-ink-muted">
        {t.rich("description", { link: (chunks) => <TextLink href="/settings/">{chunks}</TextLink> })}
      </p>
      <QueryView query={settings} data={settings.data}>
        {(data) => (
          <SettingsForm key={data.version} settings={data} />
        )}
      </QueryView>
    </Card>
  );
}

function ListField({ label, hint, value, onChange }: { label: string; hint: string; value: string; onChange: (v: string) => void }) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-semibold">
        {label}
      </label>
      <textarea
        id={id}
        rows={3}
        aria-describedby={`${id}-hint`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className="rounded-control border border-line-strong bg-surface px-3 py-2 text-base"
      />
      <p id={`${id}-hint`} className="text-sm text-ink-muted">
        {hint}
      </p>
    </div>
  );
}

function SettingsForm({ settings }: { settings: Settings }) {
  const t = useTranslations("compliance.settings");
  const toast = useToast();
  const queryClient = useQueryClient();
  const pacing = settings.pacing as { daily_volume?: number };
  const [volume, setVolume] = useState(String(pacing.daily_volume ?? 15));
  const [quiet, setQuiet] = useState<Array<[string, string]>>(settings.quiet.map((pair) => [String(pair[0] ?? ""), String(pair[1] ?? "")] as [string, string]));
  const [daysOff, setDaysOff] = useState<string[]>(settings.daysOff);
  const [newDay, setNewDay] = useState("");
  const [lists, setLists] = useState<Record<string, string>>(
    Object.fromEntries(LISTS.map((name) => [name, (settings.lists[name] ?? []).join("\n")])),
  );
  const save = useApiMutation("patch", "/v1/compliance/settings", {
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["get", "/v1/compliance/settings"] });
      await queryClient.invalidateQueries({ queryKey: ["get", "/v1/compliance"] });
      toast.show(t("saved"), "success");
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({
      params: { header: { "If-Match": `"v${settings.version}"` } },
      body: {
        quiet: quiet.filter(([a, b]) => a && b) as components["schemas"]["AutomationSettingsIn"]["quiet"],
        daysOff,
        lists: Object.fromEntries(
          LISTS.map((name) => [name, (lists[name] ?? "").split("\n").map((line) => line.trim()).filter(Boolean)]),
        ),
        pacing: { ...(settings.pacing as Record<string, unknown>), daily_volume: Number(volume) } as components["schemas"]["PacingPolicy"],
      },
    });
  };
  return (
    <form onSubmit={submit} className="flex flex-col gap-6" noValidate>
      <TextField
        type="number"
        label={t("dailyVolume")}
        hint={t("dailyVolumeHint")}
        min={1}
        max={100}
        value={volume}
        onChange={(e) => setVolume(e.target.value)}
        className="max-w-xs"
      />
      <fieldset className="flex flex-col gap-3">
        <legend className="mb-1 text-sm font-semibold">{t("quiet")}</legend>
        <p className="text-sm text-ink-muted">{t("quietHint")}</p>
        {quiet.map(([start, end], index) => (
          <div key={index} className="flex flex-wrap items-end gap-3">
            <TextField type="time" label={t("quietFrom", { n: index + 1 })} value={start} onChange={(e) => setQuiet((all) => all.map((q, i) => (i === index ? [e.target.value, q[1]] : q)))} />
            <TextField type="time" label={t("quietTo", { n: index + 1 })} value={end} onChange={(e) => setQuiet((all) => all.map((q, i) => (i === index ? [q[0], e.target.value] : q)))} />
            <Button variant="ghost" onClick={() => setQuiet((all) => all.filter((_, i) => i !== index))}>
              {t("remove")}
              <span className="sr-only"> {t("quietFrom", { n: index + 1 })}</span>
            </Button>
          </div>
        ))}
        <div>
          <Button variant="secondary" onClick={() => setQuiet((all) => [...all, ["12:00", "13:00"]])}>
            {t("addQuiet")}
          </Button>
        </div>
      </fieldset>
      <fieldset className="flex flex-col gap-3">
        <legend className="mb-1 text-sm font-semibold">{t("daysOff")}</legend>
        <p className="text-sm text-ink-muted">{t("daysOffHint")}</p>
        {daysOff.length > 0 ? (
          <ul className="flex flex-wrap gap-2">
            {daysOff.map((day) => (
              <li key={day} className="inline-flex items-center gap-1 rounded-full border border-line-strong pl-3 text-sm">
                <time dateTime={day}>{day}</time>
                <button
                  type="button"
                  className="inline-flex size-9 items-center justify-center rounded-full hover:bg-canvas"
                  aria-label={t("removeDay", { day })}
                  onClick={() => setDaysOff((all) => all.filter((d) => d !== day))}
                >
                  <span aria-hidden="true">×</span>
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        <div className="flex flex-wrap items-end gap-3">
          <TextField type="date" label={t("dayOff")} value={newDay} onChange={(e) => setNewDay(e.target.value)} />
          <Button
            variant="secondary"
            disabled={!newDay}
            onClick={() => {
              setDaysOff((all) => (all.includes(newDay) ? all : [...all, newDay].sort()));
              setNewDay("");
            }}
          >
            {t("addDay")}
          </Button>
        </div>
      </fieldset>
      <fieldset className="grid gap-4 md:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold">{t("lists")}</legend>
        {LISTS.map((name) => (
          <ListField
            key={name}
            label={t(`listNames.${name}`)}
            hint={t("listHint")}
            value={lists[name] ?? ""}
            onChange={(value) => setLists((all) => ({ ...all, [name]: value }))}
          />
        ))}
      </fieldset>
      <ErrorMessage error={save.error} />
      <div>
        <Button type="submit" busy={save.isPending}>
          {t("save")}
        </Button>
      </div>
    </form>
  );
}
