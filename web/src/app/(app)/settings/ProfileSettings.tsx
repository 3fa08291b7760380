"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useMemo, useState, type FormEvent } from "react";

import { useApiMutation, useApiQuery, type components } from "@/api";
import { useAuth } from "@/auth/AuthProvider";
import { Button, Card, ErrorMessage, PageHeader, QueryView, TextField, useToast } from "@/components/ui";
import { NativeSelect } from "./NativeSelect";
import { SettingsTabs } from "./SettingsTabs";
import { timeZones } from "./timezones";

type Profile = components["schemas"]["ProfileOut"];

const INDUSTRIES = ["Technology", "Software", "Marketing", "Finance", "Healthcare", "Education", "Consulting", "Recruiting", "Sales", "Real estate"];
const DAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** Name, time zone, industry, role, the tone AI drafts are written in, and the working hours. */
export function ProfileSettings() {
  const t = useTranslations("settings.profile");
  const me = useApiQuery("get", "/v1/me");
  const profile = me.data as Profile | undefined;
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <SettingsTabs />
      <QueryView query={me} data={profile}>
        {(profile) => <ProfileForm key={profile.version} profile={profile} />}
      </QueryView>
    </>
  );
}

function ProfileForm({ profile }: { profile: Profile }) {
  const t = useTranslations("settings.profile");
  const toast = useToast();
  const queryClient = useQueryClient();
  const { reloadUser } = useAuth();
  const [displayName, setDisplayName] = useState(profile.displayName);
  const [timezone, setTimezone] = useState(profile.timezone);
  const [industry, setIndustry] = useState(profile.industry ?? "");
  const [jobRole, setJobRole] = useState(profile.jobRole ?? "");
  const [tone, setTone] = useState(profile.tone ?? "");
  const [start, setStart] = useState(profile.workingHours.start);
  const [end, setEnd] = useState(profile.workingHours.end);
  const [days, setDays] = useState<number[]>(profile.workingHours.days);
  const zones = useMemo(() => timeZones(profile.timezone).map((z) => ({ value: z, label: z.replaceAll("_", " ") })), [profile.timezone]);
  const weekday = useMemo(() => {
    const format = new Intl.DateTimeFormat(undefined, { weekday: "long", timeZone: "UTC" });
    // 2024-01-01 was a Monday: ISO weekday n is that date plus n - 1 days.
    return (n: number) => format.format(new Date(Date.UTC(2024, 0, n)));
  }, []);
  const save = useApiMutation("patch", "/v1/me", {
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["get", "/v1/me"] });
      await reloadUser();
      toast.show(t("saved"), "success");
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({
      params: { header: { "If-Match": `"v${profile.version}"` } },
      body: {
        displayName: displayName.trim(),
        timezone,
        industry: industry.trim(),
        jobRole: jobRole.trim(),
        tone: tone.trim(),
        workingHours: { start, end, days: [...days].sort() },
      },
    });
  };

  return (
    <form onSubmit={submit} className="flex flex-col gap-6" noValidate>
      <Card title={t("about")}>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label={t("displayName")} value={displayName} onChange={(e) => setDisplayName(e.target.value)} required maxLength={100} autoComplete="name" />
          <NativeSelect label={t("timezone")} hint={t("timezoneHint")} value={timezone} onChange={(e) => setTimezone(e.target.value)} options={zones} />
          <TextField label={t("industry")} hint={t("industryHint")} value={industry} onChange={(e) => setIndustry(e.target.value)} list="settings-industries" maxLength={100} />
          <TextField label={t("jobRole")} value={jobRole} onChange={(e) => setJobRole(e.target.value)} maxLength={100} autoComplete="organization-title" />
          <TextField className="sm:col-span-2" label={t("tone")} hint={t("toneHint")} value={tone} onChange={(e) => setTone(e.target.value)} maxLength={100} />
        </div>
        <datalist id="settings-industries">
          {INDUSTRIES.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
      </Card>
      <Card title={t("workingHours")}>
        <p className="mb-4 text-sm text-ink-muted">{t("workingHoursHint")}</p>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField type="time" label={t("start")} value={start} onChange={(e) => setStart(e.target.value)} required />
          <TextField type="time" label={t("end")} value={end} onChange={(e) => setEnd(e.target.value)} required />
        </div>
        <fieldset className="mt-4">
          <legend className="mb-2 text-sm font-semibold">{t("days")}</legend>
          <div className="flex flex-wrap gap-2">
            {DAYS.map((day) => (
              <label key={day} className="inline-flex min-h-11 items-center gap-2 rounded-control border border-line px-3">
                <input
                  type="checkbox"
                  className="size-4"
                  checked={days.includes(day)}
                  onChange={(e) => setDays((all) => (e.target.checked ? [...all, day] : all.filter((d) => d !== day)))}
                />
                {weekday(day)}
              </label>
            ))}
          </div>
        </fieldset>
      </Card>
      <ErrorMessage error={save.error} />
      <div>
        <Button type="submit" busy={save.isPending}>
          {t("save")}
        </Button>
      </div>
    </form>
  );
}
