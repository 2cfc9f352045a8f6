// What the previous system's file becomes once mapped: plain values, ready for lib/db to write.
export type DocumentRef = { documentType: "CC" | "NIT"; documentNumber: string };

export type MappedProduct = {
  legacyId: number;
  sku: string;
  name: string;
  description: string;
  category: string;
  price: number;
  stock: number;
  active: boolean;
  updatedAt: Date | null;
};

export type MappedClient = DocumentRef & {
  name: string;
  phone: string | null;
  email: string | null;
  address: string | null;
  neighborhood: string | null;
  notes: string | null;
  createdAt: Date | null;
};

export type MappedOrderLine = {
  legacyProductId: number;
  name: string;
  quantity: number;
  unitPrice: number;
  subtotal: number;
};

export type MappedOrder = {
  number: string;
  legacySaleIds: number[];
  chatId: string | null;
  channel: string;
  state: string;
  createdAt: Date;
  client: DocumentRef | null;
  customer: {
    name: string | null;
    documentType: string | null;
    document: string | null;
    phone: string | null;
    email: string | null;
    address: string | null;
  };
  lines: MappedOrderLine[];
  total: number;
};

export type MappedMessage = {
  legacyId: number;
  role: "customer" | "assistant" | "system";
  text: string;
  intent: string | null;
  saleState: string | null;
  metadata: Record<string, unknown>;
  createdAt: Date;
};

export type BotSwitch = { enabled: boolean; reason: string | null; by: string | null; at: Date | null };

export type MappedConversation = {
  legacyChatId: string;
  channel: "web" | "telegram" | "api";
  messages: MappedMessage[];
  bot: BotSwitch | null;
};

export type MappedCompanyVersion = {
  legacyId: number;
  legacyVersion: number;
  content: string;
  active: boolean;
  createdAt: Date | null;
};

export type LegacyDataset = {
  products: MappedProduct[];
  clients: MappedClient[];
  orders: MappedOrder[];
  conversations: MappedConversation[];
  globalBot: BotSwitch | null;
  company: MappedCompanyVersion[];
  /** Things the mapping decided that a person should know (rounded prices, clients taken from sales…). */
  notes: string[];
};

export type EntityCounts = { created: number; updated: number; unchanged: number };

export type LegacyImportReport = {
  dryRun: boolean;
  changed: boolean;
  products: EntityCounts & { deactivated: number };
  clients: EntityCounts;
  orders: EntityCounts & { skipped: number };
  conversations: EntityCounts;
  messages: { created: number; unchanged: number };
  botSwitches: EntityCounts;
  companyVersions: EntityCounts;
  notes: string[];
  ignoredTables: { table: string; rows: number }[];
};
