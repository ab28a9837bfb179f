import { MonitoringPage } from "@/components/alerts/monitoring-page";

// /admin/monitoring/targets – the platform's monitoring and alerts (operators; the layout checks)
export default function AdminMonitoringTargetsPage() {
  return <MonitoringPage mchNo={null} tab="targets" />;
}
