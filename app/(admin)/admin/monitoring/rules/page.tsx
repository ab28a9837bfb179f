import { MonitoringPage } from "@/components/alerts/monitoring-page";

// /admin/monitoring/rules – the platform's monitoring and alerts (operators; the layout checks)
export default function AdminMonitoringRulesPage() {
  return <MonitoringPage mchNo={null} tab="rules" />;
}
