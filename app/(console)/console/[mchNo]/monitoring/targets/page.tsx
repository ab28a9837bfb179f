import { MonitoringPage } from "@/components/alerts/monitoring-page";
import { orInterrupt } from "@/server/auth/guards";
import { serverCaller } from "@/server/trpc/server";

// /console/[mchNo]/monitoring/targets – monitoring and alerts (alerts.read; changes need alerts.manage)
export default async function MonitoringTargetsPage({ params }: { params: Promise<{ mchNo: string }> }) {
  const { mchNo } = await params;
  const caller = await serverCaller();
  await orInterrupt(caller.alerts.bell({ mchNo }), `/console/${mchNo}/monitoring/targets`);
  return <MonitoringPage mchNo={mchNo} tab="targets" />;
}
