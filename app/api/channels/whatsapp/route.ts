import { receiveWhatsappDelivery, verifySubscription } from "@/lib/channels/whatsapp/webhook";
import { json, publicRoute } from "@/lib/http/route";

// WhatsApp Cloud API webhook: GET is Meta's verification handshake, POST the signed deliveries.
export const dynamic = "force-dynamic";

export const GET = publicRoute(async ({ req }) => {
  const challenge = verifySubscription(req.nextUrl);
  return new Response(challenge, { status: 200, headers: { "content-type": "text/plain; charset=utf-8" } });
});

export const POST = publicRoute(async ({ req }) => {
  await receiveWhatsappDelivery(req);
  return json({ ok: true });
});
