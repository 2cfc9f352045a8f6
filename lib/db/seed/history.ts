// A small, deterministic history so a fresh console is not empty: the same clients, orders and chats
// on every machine; only the dates follow the seed day so metrics show recent activity.
export type SeedClient = {
  documentType: "CC" | "NIT";
  documentNumber: string;
  name: string;
  phone: string;
  email: string | null;
  address: string;
  city: string;
};

export const SEED_CLIENTS: SeedClient[] = [
  {
    documentType: "NIT",
    documentNumber: "9001234567",
    name: "Constructora Andina S.A.S.",
    phone: "3154441122",
    email: "compras@constructoraandina.example",
    address: "Calle 10 # 4-25",
    city: "Cali",
  },
  {
    documentType: "CC",
    documentNumber: "12345678",
    name: "Juan Pérez",
    phone: "3001234567",
    email: null,
    address: "Carrera 8 # 12-40",
    city: "Palmira",
  },
  {
    documentType: "CC",
    documentNumber: "1098765432",
    name: "María Fernanda Ríos",
    phone: "3209876543",
    email: "mfrios@correo.example",
    address: "Avenida 6N # 23-50",
    city: "Cali",
  },
  {
    documentType: "NIT",
    documentNumber: "8050123456",
    name: "Agroindustrias del Valle Ltda.",
    phone: "3167778899",
    email: "sst@agrovalle.example",
    address: "Km 3 vía Yumbo",
    city: "Yumbo",
  },
  {
    documentType: "CC",
    documentNumber: "31456789",
    name: "Carlos Andrés Muñoz",
    phone: "3112223344",
    email: null,
    address: "Calle 5 # 38-25",
    city: "Jamundí",
  },
];

export type SeedOrder = {
  client: string; // documentNumber
  daysAgo: number;
  channel: "web" | "api" | "ws" | "console";
  lines: { sku: string; quantity: number }[];
};

export const SEED_ORDERS: SeedOrder[] = [
  {
    client: "9001234567",
    daysAgo: 27,
    channel: "web",
    lines: [
      { sku: "CAB-001", quantity: 20 },
      { sku: "VIS-001", quantity: 20 },
      { sku: "MAN-002", quantity: 40 },
    ],
  },
  { client: "12345678", daysAgo: 21, channel: "web", lines: [{ sku: "CAL-003", quantity: 2 }] },
  {
    client: "1098765432",
    daysAgo: 16,
    channel: "api",
    lines: [
      { sku: "INC-001", quantity: 3 },
      { sku: "SEN-002", quantity: 3 },
    ],
  },
  {
    client: "8050123456",
    daysAgo: 12,
    channel: "web",
    lines: [
      { sku: "RES-001", quantity: 5 },
      { sku: "ROP-001", quantity: 30 },
    ],
  },
  {
    client: "9001234567",
    daysAgo: 8,
    channel: "console",
    lines: [
      { sku: "ALT-001", quantity: 4 },
      { sku: "ALT-003", quantity: 4 },
    ],
  },
  { client: "31456789", daysAgo: 5, channel: "ws", lines: [{ sku: "AUX-001", quantity: 1 }] },
  {
    client: "12345678",
    daysAgo: 3,
    channel: "web",
    lines: [
      { sku: "MAN-001", quantity: 12 },
      { sku: "AUD-001", quantity: 50 },
    ],
  },
  { client: "1098765432", daysAgo: 1, channel: "web", lines: [{ sku: "CAB-002", quantity: 6 }] },
];

export type SeedConversation = {
  chatId: string;
  channel: "web" | "api" | "ws";
  client: string | null;
  daysAgo: number;
  turns: { role: "customer" | "assistant"; text: string; intent: string }[];
};

export const SEED_CONVERSATIONS: SeedConversation[] = [
  {
    chatId: "seed-chat-0001",
    channel: "web",
    client: "9001234567",
    daysAgo: 27,
    turns: [
      { role: "customer", text: "Buenos días, necesito dotación para una obra", intent: "contexto" },
      {
        role: "assistant",
        text: "¡Buenos días! Con gusto te ayudo. ¿Qué elementos necesitas y para cuántas personas?",
        intent: "contexto",
      },
      {
        role: "customer",
        text: "20 cascos blancos, 20 gafas claras y 40 pares de guantes de vaqueta",
        intent: "venta",
      },
      {
        role: "assistant",
        text: "Listo, agregué los productos a tu pedido. Para finalizar necesito tus datos de facturación.",
        intent: "venta",
      },
    ],
  },
  {
    chatId: "seed-chat-0002",
    channel: "web",
    client: null,
    daysAgo: 2,
    turns: [
      { role: "customer", text: "¿Qué horario tienen el sábado?", intent: "contexto" },
      { role: "assistant", text: "Los sábados atendemos de 8:00 a. m. a 12:30 p. m.", intent: "contexto" },
    ],
  },
  {
    chatId: "seed-chat-0003",
    channel: "api",
    client: null,
    daysAgo: 1,
    turns: [
      { role: "customer", text: "precio de extintores de 10 libras", intent: "inventario" },
      {
        role: "assistant",
        text: "El Extintor multipropósito ABC 10 lb (INC-001) cuesta $ 98.000 y tenemos 160 unidades.",
        intent: "inventario",
      },
    ],
  },
];
