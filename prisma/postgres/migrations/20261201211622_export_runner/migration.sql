-- AlterTable
ALTER TABLE "ExportFile" ADD COLUMN     "runner" TEXT;
