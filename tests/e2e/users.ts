export const ADMIN = { email: "admin@example.com", password: "admin-password", name: "Administrator" };
export const AGENT = { email: "ana@example.com", password: "ana-password", name: "Ana Lima" };
export const AGENT2 = { email: "luis@example.com", password: "luis-password", name: "Luis Pérez" };

/** The WhatsApp channel global-setup creates; its API is the local provider simulator, so nothing leaves the machine. */
export const WHATSAPP = { phoneNumberId: "100000000000001", appSecret: "e2e-app-secret", verifyToken: "e2e-verify", accessToken: "e2e-token" };
export const SIMULATOR_PORT = Number(process.env.E2E_SIM_PORT ?? 3907);
