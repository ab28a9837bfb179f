import { MonitoringPage } from "@/components/alerts/monitoring-page";

// /admin/monitoring – the platform's monitoring and alerts (operators; the layout checks)
export default function AdminMonitoringOverviewPage() {
  return <MonitoringPage mchNo={null} tab="overview" />;
}
