-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "channelUserId" TEXT;

-- CreateTable
CREATE TABLE "ChannelEvent" (
    "id" SERIAL NOT NULL,
    "channel" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "orderKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" TIMESTAMP(3),
    "leaseOwner" TEXT,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "ChannelEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" SERIAL NOT NULL,
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
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" TIMESTAMP(3),
    "leaseOwner" TEXT,
    "lastError" TEXT,
    "providerMessageId" TEXT,
    "deliveryStatus" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChannelState" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL DEFAULT '{}',
    "leaseOwner" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChannelState_pkey" PRIMARY KEY ("key")
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
