export const ADMIN = { email: "admin@example.com", password: "admin-password", name: "Administrator" };
export const AGENT = { email: "ana@example.com", password: "ana-password", name: "Ana Lima" };
