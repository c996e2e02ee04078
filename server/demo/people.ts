// Who writes to the demo company, and what they say. Portuguese and Spanish, like the customers of a
// Latin American shop; the first line of each script opens the chat.

export type DemoState = "pending" | "pending-assigned" | "answered" | "scheduled" | "closed" | "transferred";

export interface DemoContact {
  name: string;
  channel: "whatsapp" | "instagram" | "zenvia" | "webchat";
  state: DemoState;
  lines: string[];
  reply?: string;
}

const NAMES = [
  "Marina Souza", "João Pereira", "Ana Beatriz Lima", "Carlos Eduardo", "Fernanda Rocha", "Lucas Almeida",
  "Juliana Costa", "Rafael Gomes", "Patrícia Martins", "Bruno Ferreira", "Camila Ribeiro", "Diego Fernández",
  "Valentina López", "Mateo García", "Sofía Martínez", "Santiago Rodríguez", "Isabella Torres", "Tomás Díaz",
  "Lucía Romero", "Martín Sánchez", "Gabriela Castro", "Andrés Morales", "Renata Oliveira", "Felipe Barbosa",
  "Larissa Mendes", "Gustavo Cardoso", "Beatriz Teixeira", "Thiago Nunes", "Carolina Vargas", "Emilia Herrera",
  "Joaquín Silva", "Paula Navarro", "Ricardo Moreira", "Helena Duarte", "Pedro Henrique", "Manuela Reyes",
  "Daniela Ortiz", "Vinícius Araújo", "Laura Méndez", "Otávio Campos",
];

const SCRIPTS: { lines: string[]; reply: string }[] = [
  { lines: ["Oi! Vocês entregam no sábado?", "Moro na Vila Mariana"], reply: "Olá! Entregamos sim, aos sábados das 9h às 14h." },
  { lines: ["Hola, ¿tienen este modelo en talla 38?"], reply: "¡Hola! Sí, lo tenemos en negro y en blanco." },
  { lines: ["Meu pedido 4821 ainda não chegou", "Já faz 8 dias"], reply: "Sinto muito! Vou verificar com a transportadora agora." },
  { lines: ["¿Cuál es el horario de la tienda?"], reply: "Abrimos de lunes a sábado, de 10 a 20 h." },
  { lines: ["Quero trocar um produto que veio com defeito"], reply: "Claro! Pode me mandar uma foto do defeito?" },
  { lines: ["Buenas, ¿aceptan pago en cuotas?"], reply: "Sí, hasta 6 cuotas sin interés con tarjeta." },
  { lines: ["Vocês têm loja física em Campinas?"], reply: "Temos sim, no Shopping Iguatemi, piso 2." },
  { lines: ["Hola! Quiero cancelar mi pedido"], reply: "Entendido, ¿me pasas el número del pedido?" },
];

const STATES: DemoState[] = ["pending", "pending-assigned", "answered", "answered", "scheduled", "closed", "closed", "transferred"];
const CHANNELS: DemoContact["channel"][] = ["whatsapp", "whatsapp", "instagram", "zenvia", "webchat"];

export const DEMO_CONTACTS: DemoContact[] = NAMES.map((name, i) => {
  const script = SCRIPTS[i % SCRIPTS.length]!;
  return { name, channel: CHANNELS[i % CHANNELS.length]!, state: STATES[i % STATES.length]!, lines: script.lines, reply: script.reply };
});
