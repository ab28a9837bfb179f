import { MonitoringPage } from "@/components/alerts/monitoring-page";

// /admin/monitoring/incidents – the platform's monitoring and alerts (operators; the layout checks)
export default function AdminMonitoringIncidentsPage() {
  return <MonitoringPage mchNo={null} tab="incidents" />;
}
