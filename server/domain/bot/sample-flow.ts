import type { FlowInput } from "./flow";

// The Spanish sample the demo ships (and the tests walk): greeting → out-of-hours branch → a menu
// (Ventas / Soporte / hablar con una persona) → a question → hand-off to the chosen team with the answers.

export function sampleFlow(teams: { ventas?: number | null; soporte?: number | null } = {}): FlowInput {
  return {
    start: "saludo",
    listButton: "Ver opciones",
    handoffText: "Te comunico con una persona del equipo. 🙂",
    noReply: { minutes: 30, action: "close", text: "Cerramos esta conversación por falta de respuesta. Escríbenos cuando quieras." },
    steps: [
      { id: "saludo", kind: "message", text: "¡Hola! Soy el asistente virtual. Escribe «persona» en cualquier momento para hablar con alguien del equipo.", next: "horario" },
      { id: "horario", kind: "condition", label: "¿En horario?", test: { type: "open", teamId: null }, then: "menu", else: "fuera-de-horario" },
      {
        id: "menu",
        kind: "menu",
        label: "Motivo",
        text: "¿En qué te podemos ayudar?",
        retryText: "No entendí tu respuesta. Elige una opción o escribe su número.",
        maxRetries: 2,
        options: [
          { id: "ventas", title: "Ventas", description: "Precios, pedidos y presupuestos", synonyms: ["comprar", "precio", "presupuesto", "cotización"], next: "nombre" },
          { id: "soporte", title: "Soporte", description: "Problemas con tu pedido o producto", synonyms: ["ayuda", "problema", "reclamo", "soporte técnico"], next: "correo" },
          { id: "persona", title: "Hablar con una persona", synonyms: ["hablar con alguien"], next: "a-persona" },
        ],
      },
      { id: "nombre", kind: "question", label: "Nombre", text: "¡Genial! ¿Cuál es tu nombre?", field: "name", validate: "not_empty", next: "a-ventas" },
      {
        id: "correo",
        kind: "question",
        label: "Correo",
        text: "Para ayudarte, ¿cuál es tu correo electrónico?",
        field: "email",
        validate: "email",
        retryText: "Ese correo no parece válido. Escríbelo así: nombre@ejemplo.com",
        maxRetries: 2,
        next: "a-soporte",
      },
      { id: "a-ventas", kind: "handoff", text: "¡Gracias! Te comunico con el equipo de Ventas.", teamId: teams.ventas ?? null },
      { id: "a-soporte", kind: "handoff", text: "Gracias. Una persona de Soporte te atenderá en breve.", teamId: teams.soporte ?? null },
      { id: "a-persona", kind: "handoff", text: "Te comunico con una persona del equipo.", teamId: null },
      { id: "fuera-de-horario", kind: "message", text: "Ahora estamos fuera de horario (lunes a viernes de 9 a 18 h). Déjanos tu mensaje y te responderemos en cuanto abramos.", next: "a-persona-fuera" },
      { id: "a-persona-fuera", kind: "handoff", teamId: null },
    ],
  };
}
