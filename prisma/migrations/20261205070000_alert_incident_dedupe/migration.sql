-- At most one unresolved incident per (rule, subject): the evaluator opens one with
-- INSERT … ON CONFLICT DO NOTHING against this index, so two evaluators running at once (two worker
-- nodes, cron and the self-rescheduling chain) never open it twice (docs/adr/0020).
CREATE UNIQUE INDEX "AlertIncident_open_subject" ON "AlertIncident" ("ruleId", "subjectKey") WHERE "status" <> 'RESOLVED';

-- The rate limit of a target (robots: 20 messages a minute) counts its notifications by sentAt.
-- (AlertNotification_targetId_sentAt_idx already serves it.)

-- WEBHOOK_FAILING reads the delivery attempts of the rule's window every minute: by time, not the whole table.
-- Hand-written (not in schema.prisma) like JournalEntry_unsettled; the schema diff never sees or drops it.
CREATE INDEX "WebhookAttempt_attemptedAt_idx" ON "WebhookAttempt" ("attemptedAt");
