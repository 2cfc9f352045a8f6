// Zod schemas of the sale machine's inputs, for producers that are not this codebase's own code (a hosted
// model's tool calls, stored snapshots). They mirror types.ts exactly; `satisfies` keeps them in step.

import { z } from "zod";
import type { CustomerData, SaleEvent } from "./types";

const sku = z.string().trim().min(1).max(60);
const quantity = z.number().int().positive().max(1_000_000);

export const customerDataSchema = z
  .object({
    name: z.string().max(120).optional(),
    documentType: z.enum(["CC", "NIT", "CE", "PASAPORTE"]).optional(),
    documentNumber: z.string().max(20).optional(),
    phone: z.string().max(20).optional(),
    address: z.string().max(200).optional(),
    city: z.string().max(80).optional(),
    email: z.string().max(120).optional(),
  })
  .strict() satisfies z.ZodType<CustomerData>;

export const saleEventSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("start") }),
  z.object({ type: z.literal("add"), sku, quantity, answersChoice: z.literal(true).optional() }),
  z.object({ type: z.literal("set_quantity"), sku, quantity: z.number().int().nonnegative().max(1_000_000) }),
  z.object({ type: z.literal("remove"), sku }),
  z.object({ type: z.literal("replace"), sku, by: sku }),
  z.object({
    type: z.literal("choose"),
    options: z.array(sku).min(1).max(10),
    quantity: quantity.nullable(),
    replaces: sku.optional(),
    queue: z.literal(true).optional(),
  }),
  z.object({ type: z.literal("product_not_found"), query: z.string().max(200) }),
  z.object({ type: z.literal("customer_data"), data: customerDataSchema }),
  z.object({ type: z.literal("finish_cart") }),
  z.object({ type: z.literal("confirm"), shown: z.string().max(16).optional() }),
  z.object({ type: z.literal("refuse") }),
  z.object({ type: z.literal("cancel") }),
  z.object({ type: z.literal("close_confirmed"), orderId: z.string().optional() }),
  z.object({
    type: z.literal("close_failed"),
    conflicts: z.array(z.object({ sku, available: z.number().int().nonnegative() })),
  }),
]) satisfies z.ZodType<SaleEvent>;
