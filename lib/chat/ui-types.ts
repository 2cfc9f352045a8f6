import type { OrderSummary } from "@/lib/db/open-orders";
import type { ProductMetadata } from "./shapes";

// Types shared by the web chat's routes (server) and its React components (client). Types only: nothing here
// may pull server code (or the AI SDK's runtime) into the shop's bundle.
export type TurnData = {
  chatId: string;
  intent: string;
  saleState: string | null;
  products: ProductMetadata[];
  order: OrderSummary | null;
  suggestions: string[];
  botDisabled: boolean;
  /** The authoritative answer text (differs from the streamed text only if the model failed mid-answer). */
  reply: string;
  replaced: boolean;
  /** Database ids of the customer's message and the answer (the live stream echoes them). */
  messageIds?: number[];
};

/** Who answers the customer now: the bot, a person (takeover), or nobody right now (bot off for everyone). */
export type Attendance = "bot" | "human" | "paused";

export type CartLineView = {
  /** null when the SKU is internal (generated on import): customers see the name only */
  sku: string | null;
  name: string;
  quantity: number;
  unitPrice: number;
  subtotal: number;
  thumb: string | null;
};

export type OrderView = {
  number: string;
  state: string;
  lines: CartLineView[];
  units: number;
  total: number;
  customer: {
    name: string | null;
    document: string | null;
    phone: string | null;
    email: string | null;
    address: string | null;
  };
  updatedAt: string;
};

export type ChatState = {
  attendance: Attendance;
  /** who attends the chat while a person does ("Te atiende Carlos") */
  attendedBy?: string | null;
  /** What the customer is told while the bot does not answer. */
  notice: string | null;
  order: OrderView | null;
  earlierOrders: { number: string; state: string; total: number; at: string }[];
  quote: { number: string; validUntil: string } | null;
};

export type { OrderSummary, ProductMetadata };
