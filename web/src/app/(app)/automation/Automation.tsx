"use client";

import { useSearchParams } from "next/navigation";

import { CampaignDetail } from "./CampaignDetail";
import { CampaignList } from "./CampaignList";
import { NewCampaign } from "./NewCampaign";

/** One page for campaigns (static export: the campaign travels as `?id=`, a new one as `?new=1`). */
export function Automation() {
  const params = useSearchParams();
  const id = params?.get("id");
  if (id) return <CampaignDetail id={id} />;
  if (params?.get("new")) return <NewCampaign />;
  return <CampaignList />;
}
