import type { UIMessage } from "ai";
import type { OrderSummary } from "@/lib/db/open-orders";
import type { ProductMetadata } from "./shapes";

// Types shared by the web chat's route (server) and its React components (client). Types only.
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
};

export type StaffData = { at: string };

export type ShopUIMessage = UIMessage<{ createdAt?: string }, { turn: TurnData; staff: StaffData }>;

export type { OrderSummary, ProductMetadata };
