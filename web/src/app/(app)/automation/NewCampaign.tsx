"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";

import { api, ApiProblem, type components } from "@/api";
import { Button, Card, ErrorMessage, PageHeader, ProgressBar, TextField, TextLink } from "@/components/ui";
import { NoteEditor } from "./NoteEditor";
import { NOTE_LIMIT, noteLength, type Person } from "./note";
import { TargetsFields, emptyTargets, targetsBody, type Targets } from "./TargetsFields";

type Kind = components["schemas"]["CampaignKind"];
type FollowUp = { afterDays: string; template: string };
const REACTIONS = ["LIKE", "PRAISE", "EMPATHY", "INTEREST", "APPRECIATION", "ENTERTAINMENT"] as const;
const COMMENT_LIMIT = 1250;

/** A new campaign in one form: what it is, the note and follow-ups, its pace, and who it reaches. */
export function NewCampaign() {
  const t = useTranslations("automation.new");
  const router = useRouter();
  const queryClient = useQueryClient();
  const reactionId = useId();
  const [name, setName] = useState("");
  const [kind, setKind] = useState<Kind>("connection");
  const [assisted, setAssisted] = useState(false);
  const [note, setNote] = useState("Hi {first_name}, I enjoyed reading about your work at {company}. I'd be glad to connect.");
  const [followUps, setFollowUps] = useState<FollowUp[]>([]);
  const [withdrawAfter, setWithdrawAfter] = useState("21");
  const [dailyVolume, setDailyVolume] = useState("15");
  const [reaction, setReaction] = useState<(typeof REACTIONS)[number]>("LIKE");
  const [comment, setComment] = useState("");
  const [targets, setTargets] = useState<Targets>(emptyTargets("connection"));
  const [phase, setPhase] = useState<"form" | "creating" | "adding">("form");
  const [error, setError] = useState<unknown>(null);
  const [createdId, setCreatedId] = useState<string | null>(null);

  const example: Person =
    (targets.source === "csv" && targets.people?.[0]) || { name: "Ada Lovelace", company: "Analytical Engines", headline: "Mathematician" };
  const body = targetsBody(targets);
  const noteTooLong = kind === "connection" && noteLength(note) > NOTE_LIMIT;
  const ready = name.trim() && body && !noteTooLong;

  const changeKind = (next: Kind) => {
    setKind(next);
    setTargets(emptyTargets(next));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!ready || !body) return;
    setError(null);
    try {
      let id = createdId;
      if (!id) {
        setPhase("creating");
        const connection = kind === "connection";
        const config: components["schemas"]["ConfigIn"] = {
          noteTemplate: connection ? note.trim() : "",
          followUps: connection
            ? followUps
                .filter((f) => f.template.trim())
                .map((f) => ({ afterDays: Number(f.afterDays), template: f.template.trim() }))
            : [],
          withdrawAfterDays: Number(withdrawAfter),
          reaction,
          commentTemplate: connection ? "" : comment.trim(),
          dailyVolume: Number(dailyVolume),
          seed: 0,
        };
        const { data } = await api.POST("/v1/campaigns", {
          body: { name: name.trim(), kind, config, ...(assisted ? { assisted: true } : {}) },
        });
        id = data!.id;
        // A retry after a failed import adds to this campaign rather than creating a second one.
        setCreatedId(id);
      }
      setPhase("adding");
      await api.POST("/v1/campaigns/{campaign_id}/targets", { params: { path: { campaign_id: id } }, body });
      await queryClient.invalidateQueries({ queryKey: ["get", "/v1/campaigns"] });
      router.push(`/automation/?id=${id}`);
    } catch (problem) {
      setError(problem instanceof ApiProblem ? problem : ApiProblem.network(problem));
      setPhase("form");
    }
  };

  const busy = phase !== "form";
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <p className="mb-4 text-sm">
        <TextLink href="/automation/">{t("back")}</TextLink>
      </p>
      <form onSubmit={submit} className="flex flex-col gap-6" noValidate>
        <Card title={t("basics")}>
          <div className="flex flex-col gap-4">
            <TextField label={t("name")} value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} hint={t("nameHint")} />
            <fieldset>
              <legend className="mb-2 text-sm font-semibold">{t("kind")}</legend>
              <div className="flex flex-col gap-2">
                {(["connection", "engagement"] as const).map((option) => (
                  <label key={option} className="flex min-h-11 items-start gap-3 rounded-control border border-line p-3">
                    <input type="radio" name="kind" className="mt-0.5 size-5" checked={kind === option} onChange={() => changeKind(option)} />
                    <span>
                      <span className="block font-medium">{t(`kinds.${option}`)}</span>
                      <span className="block text-sm text-ink-muted">{t(`kindHints.${option}`)}</span>
                    </span>
                  </label>
                ))}
              </div>
            </fieldset>
            <label className="flex items-start gap-3">
              <input type="checkbox" className="mt-0.5 size-5" checked={assisted} onChange={(e) => setAssisted(e.target.checked)} />
              <span>
                <span className="block font-medium">{t("assisted")}</span>
                <span className="block text-sm text-ink-muted">{t("assistedHint")}</span>
              </span>
            </label>
          </div>
        </Card>

        {kind === "connection" ? (
          <Card title={t("messages")}>
            <div className="flex flex-col gap-6">
              <NoteEditor label={t("note")} value={note} onChange={setNote} example={example} />
              <fieldset className="flex flex-col gap-4">
                <legend className="mb-1 text-sm font-semibold">{t("followUps")}</legend>
                <p className="text-sm text-ink-muted">{t("followUpsHint")}</p>
                {followUps.map((followUp, index) => (
                  <div key={index} className="flex flex-col gap-3 rounded-control border border-line p-3">
                    <TextField
                      type="number"
                      min={1}
                      label={t("followUpAfter", { n: index + 1 })}
                      value={followUp.afterDays}
                      onChange={(e) => setFollowUps((all) => all.map((f, i) => (i === index ? { ...f, afterDays: e.target.value } : f)))}
                      className="max-w-xs"
                    />
                    <NoteEditor
                      label={t("followUpMessage", { n: index + 1 })}
                      value={followUp.template}
                      limit={8000}
                      example={example}
                      onChange={(template) => setFollowUps((all) => all.map((f, i) => (i === index ? { ...f, template } : f)))}
                    />
                    <div>
                      <Button variant="ghost" onClick={() => setFollowUps((all) => all.filter((_, i) => i !== index))}>
                        {t("removeFollowUp", { n: index + 1 })}
                      </Button>
                    </div>
                  </div>
                ))}
                <div>
                  <Button variant="secondary" onClick={() => setFollowUps((all) => [...all, { afterDays: String(3 + all.length * 4), template: "" }])}>
                    {t("addFollowUp")}
                  </Button>
                </div>
              </fieldset>
              <TextField type="number" min={1} max={90} label={t("withdrawAfter")} hint={t("withdrawHint")} value={withdrawAfter} onChange={(e) => setWithdrawAfter(e.target.value)} className="max-w-xs" />
            </div>
          </Card>
        ) : (
          <Card title={t("engagement")}>
            <div className="flex flex-col gap-4">
              <div className="flex max-w-xs flex-col gap-1">
                <label htmlFor={reactionId} className="text-sm font-semibold">
                  {t("reaction")}
                </label>
                <select
                  id={reactionId}
                  value={reaction}
                  onChange={(e) => setReaction(e.target.value as (typeof REACTIONS)[number])}
                  className="min-h-11 rounded-control border border-line-strong bg-surface px-3 py-2 text-base"
                >
                  {REACTIONS.map((r) => (
                    <option key={r} value={r}>
                      {t(`reactions.${r}`)}
                    </option>
                  ))}
                </select>
              </div>
              <NoteEditor label={t("comment")} value={comment} onChange={setComment} limit={COMMENT_LIMIT} example={example} />
            </div>
          </Card>
        )}

        <Card title={t("pace")}>
          <TextField type="number" min={1} max={100} label={t("dailyVolume")} hint={t("dailyVolumeHint")} value={dailyVolume} onChange={(e) => setDailyVolume(e.target.value)} className="max-w-xs" />
        </Card>

        <Card title={t("targets")}>
          <TargetsFields kind={kind} value={targets} onChange={setTargets} />
        </Card>

        {busy ? <ProgressBar label={phase === "creating" ? t("creating") : t("adding")} value={phase === "creating" ? 1 : 2} max={3} /> : null}
        <ErrorMessage error={error} />
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" busy={busy} disabled={!ready}>
            {t("create")}
          </Button>
          {!ready ? <p className="text-sm text-ink-muted">{t("needs")}</p> : null}
        </div>
      </form>
    </>
  );
}
