-- CreateEnum
CREATE TYPE "RiskCheckpoint" AS ENUM ('ORDER', 'PAY_ORDER', 'TRADE', 'CASHIER');

-- CreateEnum
CREATE TYPE "RiskAction" AS ENUM ('ALLOW', 'REVIEW', 'BLOCK');

-- CreateEnum
CREATE TYPE "RiskRuleStatus" AS ENUM ('DRAFT', 'ACTIVE', 'DISABLED');

-- CreateEnum
CREATE TYPE "RiskListKind" AS ENUM ('BUYER_ID', 'PHONE', 'IP', 'OPENID', 'DEVICE', 'ADDRESS_KEYWORD');

-- CreateEnum
CREATE TYPE "RiskReviewStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "ComplaintStatus" AS ENUM ('OPEN', 'ANSWERED', 'ESCALATED', 'RESOLVED');

-- CreateEnum
CREATE TYPE "ComplaintReason" AS ENUM ('NOT_RECEIVED', 'NOT_AS_DESCRIBED', 'CHARGED_TWICE', 'WRONG_AMOUNT', 'UNAUTHORISED', 'OTHER');

-- CreateEnum
CREATE TYPE "ComplaintResolution" AS ENUM ('REFUNDED', 'REJECTED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "ComplaintAuthor" AS ENUM ('CONSUMER', 'MERCHANT', 'OPERATOR', 'SYSTEM');

-- CreateEnum
CREATE TYPE "AlertKind" AS ENUM ('SUCCESS_RATE_DROP', 'ERROR_SPIKE', 'NO_CALLBACKS', 'WEBHOOK_FAILING', 'JOB_BACKLOG', 'RISK_BLOCKS_SPIKE', 'RECON_DIFFERENCES');

-- CreateEnum
CREATE TYPE "AlertTargetKind" AS ENUM ('DINGTALK', 'WECOM', 'EMAIL');

-- CreateEnum
CREATE TYPE "AlertIncidentStatus" AS ENUM ('FIRING', 'ACKNOWLEDGED', 'RESOLVED');

-- CreateEnum
CREATE TYPE "AlertNotificationStatus" AS ENUM ('PENDING', 'SENT', 'FAILED', 'DROPPED');

-- AlterEnum
ALTER TYPE "OrderCancelReason" ADD VALUE 'risk_rejected';

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "riskReview" "RiskReviewStatus";

-- CreateTable
CREATE TABLE "RiskRule" (
    "id" TEXT NOT NULL,
    "merchantId" TEXT,
    "name" TEXT NOT NULL,
    "checkpoints" "RiskCheckpoint"[],
    "condition" JSONB NOT NULL,
    "action" "RiskAction" NOT NULL,
    "priority" INTEGER NOT NULL DEFAULT 100,
    "status" "RiskRuleStatus" NOT NULL DEFAULT 'DRAFT',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RiskRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RiskListEntry" (
    "id" TEXT NOT NULL,
    "merchantId" TEXT,
    "kind" "RiskListKind" NOT NULL,
    "value" TEXT NOT NULL,
    "note" TEXT,
    "expiresAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RiskListEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RiskCounter" (
    "key" TEXT NOT NULL,
    "grain" CHAR(1) NOT NULL,
    "bucket" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "amount" BIGINT NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RiskCounter_pkey" PRIMARY KEY ("key","grain","bucket")
);

-- CreateTable
CREATE TABLE "RiskDecision" (
    "id" TEXT NOT NULL,
    "merchantId" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "checkpoint" "RiskCheckpoint" NOT NULL,
    "action" "RiskAction" NOT NULL,
    "hits" JSONB NOT NULL,
    "facts" JSONB NOT NULL,
    "orderNo" TEXT,
    "payOrderNo" TEXT,
    "tradeNo" TEXT,
    "sourceNo" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RiskDecision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RiskReview" (
    "orderNo" TEXT NOT NULL,
    "merchantId" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "decisionId" TEXT NOT NULL,
    "status" "RiskReviewStatus" NOT NULL DEFAULT 'PENDING',
    "reviewedById" TEXT,
    "reviewedAt" TIMESTAMP(3),
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RiskReview_pkey" PRIMARY KEY ("orderNo")
);

-- CreateTable
CREATE TABLE "Complaint" (
    "complaintNo" TEXT NOT NULL,
    "merchantId" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "payOrderNo" TEXT NOT NULL,
    "orderNo" TEXT,
    "buyerId" TEXT,
    "contactPhone" TEXT NOT NULL,
    "reason" "ComplaintReason" NOT NULL,
    "description" TEXT NOT NULL,
    "requestedAmount" BIGINT,
    "status" "ComplaintStatus" NOT NULL DEFAULT 'OPEN',
    "slaDueAt" TIMESTAMP(3) NOT NULL,
    "answeredAt" TIMESTAMP(3),
    "escalatedAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),
    "resolution" "ComplaintResolution",
    "refundNo" TEXT,
    "viewToken" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Complaint_pkey" PRIMARY KEY ("complaintNo")
);

-- CreateTable
CREATE TABLE "ComplaintMessage" (
    "id" TEXT NOT NULL,
    "complaintNo" TEXT NOT NULL,
    "author" "ComplaintAuthor" NOT NULL,
    "userId" TEXT,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ComplaintMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ComplaintPhoto" (
    "id" TEXT NOT NULL,
    "complaintNo" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "size" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ComplaintPhoto_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChannelMetricBucket" (
    "channelAccountId" TEXT NOT NULL,
    "bucket" TIMESTAMP(3) NOT NULL,
    "merchantId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "succeeded" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "started" INTEGER NOT NULL DEFAULT 0,
    "calls" INTEGER NOT NULL DEFAULT 0,
    "callErrors" INTEGER NOT NULL DEFAULT 0,
    "latencyHist" INTEGER[],
    "callbacks" INTEGER NOT NULL DEFAULT 0,
    "callbackHist" INTEGER[],
    "errorCodes" JSONB NOT NULL DEFAULT '{}',
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChannelMetricBucket_pkey" PRIMARY KEY ("channelAccountId","bucket")
);

-- CreateTable
CREATE TABLE "AlertRule" (
    "id" TEXT NOT NULL,
    "merchantId" TEXT,
    "kind" "AlertKind" NOT NULL,
    "name" TEXT NOT NULL,
    "params" JSONB NOT NULL,
    "windowMinutes" INTEGER NOT NULL DEFAULT 10,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "targetIds" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AlertRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertTarget" (
    "id" TEXT NOT NULL,
    "merchantId" TEXT,
    "kind" "AlertTargetKind" NOT NULL,
    "name" TEXT NOT NULL,
    "configEnc" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AlertTarget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertIncident" (
    "id" TEXT NOT NULL,
    "ruleId" TEXT NOT NULL,
    "merchantId" TEXT,
    "kind" "AlertKind" NOT NULL,
    "subjectKey" TEXT NOT NULL,
    "subjectLabel" TEXT NOT NULL,
    "status" "AlertIncidentStatus" NOT NULL DEFAULT 'FIRING',
    "value" DOUBLE PRECISION,
    "threshold" DOUBLE PRECISION,
    "summary" TEXT NOT NULL,
    "firstAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledgedById" TEXT,
    "acknowledgedAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),
    "seenAt" TIMESTAMP(3),

    CONSTRAINT "AlertIncident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertNotification" (
    "id" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "status" "AlertNotificationStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AlertNotification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RiskRule_merchantId_status_idx" ON "RiskRule"("merchantId", "status");

-- CreateIndex
CREATE INDEX "RiskListEntry_kind_value_idx" ON "RiskListEntry"("kind", "value");

-- CreateIndex
CREATE INDEX "RiskListEntry_merchantId_createdAt_idx" ON "RiskListEntry"("merchantId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "RiskCounter_bucket_idx" ON "RiskCounter"("bucket");

-- CreateIndex
CREATE INDEX "RiskDecision_merchantId_createdAt_idx" ON "RiskDecision"("merchantId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "RiskDecision_orderNo_idx" ON "RiskDecision"("orderNo");

-- CreateIndex
CREATE INDEX "RiskDecision_merchantId_action_createdAt_idx" ON "RiskDecision"("merchantId", "action", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "RiskReview_merchantId_status_createdAt_idx" ON "RiskReview"("merchantId", "status", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "RiskReview_status_createdAt_idx" ON "RiskReview"("status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Complaint_viewToken_key" ON "Complaint"("viewToken");

-- CreateIndex
CREATE INDEX "Complaint_merchantId_status_createdAt_idx" ON "Complaint"("merchantId", "status", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Complaint_status_slaDueAt_idx" ON "Complaint"("status", "slaDueAt");

-- CreateIndex
CREATE INDEX "Complaint_payOrderNo_idx" ON "Complaint"("payOrderNo");

-- CreateIndex
CREATE INDEX "ComplaintMessage_complaintNo_createdAt_idx" ON "ComplaintMessage"("complaintNo", "createdAt");

-- CreateIndex
CREATE INDEX "ComplaintPhoto_complaintNo_idx" ON "ComplaintPhoto"("complaintNo");

-- CreateIndex
CREATE INDEX "ChannelMetricBucket_bucket_idx" ON "ChannelMetricBucket"("bucket");

-- CreateIndex
CREATE INDEX "ChannelMetricBucket_merchantId_bucket_idx" ON "ChannelMetricBucket"("merchantId", "bucket");

-- CreateIndex
CREATE INDEX "AlertRule_merchantId_idx" ON "AlertRule"("merchantId");

-- CreateIndex
CREATE INDEX "AlertTarget_merchantId_idx" ON "AlertTarget"("merchantId");

-- CreateIndex
CREATE INDEX "AlertIncident_ruleId_subjectKey_status_idx" ON "AlertIncident"("ruleId", "subjectKey", "status");

-- CreateIndex
CREATE INDEX "AlertIncident_merchantId_status_firstAt_idx" ON "AlertIncident"("merchantId", "status", "firstAt" DESC);

-- CreateIndex
CREATE INDEX "AlertNotification_targetId_sentAt_idx" ON "AlertNotification"("targetId", "sentAt");

-- CreateIndex
CREATE UNIQUE INDEX "AlertNotification_incidentId_targetId_event_key" ON "AlertNotification"("incidentId", "targetId", "event");

-- AddForeignKey
ALTER TABLE "ComplaintMessage" ADD CONSTRAINT "ComplaintMessage_complaintNo_fkey" FOREIGN KEY ("complaintNo") REFERENCES "Complaint"("complaintNo") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ComplaintPhoto" ADD CONSTRAINT "ComplaintPhoto_complaintNo_fkey" FOREIGN KEY ("complaintNo") REFERENCES "Complaint"("complaintNo") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertNotification" ADD CONSTRAINT "AlertNotification_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "AlertIncident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
