-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN "channelUserId" TEXT;

-- CreateTable
CREATE TABLE "ChannelEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "channel" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "orderKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" DATETIME,
    "leaseOwner" TEXT,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "channel" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "orderKey" TEXT,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "dedupeKey" TEXT,
    "messageId" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" DATETIME,
    "leaseOwner" TEXT,
    "lastError" TEXT,
    "providerMessageId" TEXT,
    "deliveryStatus" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ChannelState" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL DEFAULT '{}',
    "leaseOwner" TEXT,
    "leaseUntil" DATETIME,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "ChannelEvent_status_nextAttemptAt_idx" ON "ChannelEvent"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "ChannelEvent_orderKey_status_id_idx" ON "ChannelEvent"("orderKey", "status", "id");

-- CreateIndex
CREATE INDEX "ChannelEvent_channel_createdAt_idx" ON "ChannelEvent"("channel", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ChannelEvent_channel_externalId_key" ON "ChannelEvent"("channel", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_dedupeKey_key" ON "OutboxMessage"("dedupeKey");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_orderKey_status_id_idx" ON "OutboxMessage"("orderKey", "status", "id");

-- CreateIndex
CREATE INDEX "OutboxMessage_chatId_id_idx" ON "OutboxMessage"("chatId", "id");

-- CreateIndex
CREATE INDEX "OutboxMessage_channel_providerMessageId_idx" ON "OutboxMessage"("channel", "providerMessageId");

-- CreateIndex
CREATE INDEX "OutboxMessage_channel_createdAt_idx" ON "OutboxMessage"("channel", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Conversation_channel_channelUserId_key" ON "Conversation"("channel", "channelUserId");
