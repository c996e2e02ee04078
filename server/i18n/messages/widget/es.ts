import type { WidgetMessages as Messages } from "./en";

export const es: Messages = {
  "widget.title": "Chatea con nosotros",
  "widget.intro": "Escríbenos aquí y alguien de nuestro equipo te responderá.",
  "widget.name": "Tu nombre",
  "widget.start": "Empezar a chatear",
  "widget.message": "Tu mensaje",
  "widget.send": "Enviar",
  "widget.you": "Tú",
  "widget.team": "Equipo",
  "widget.empty": "Aún no hay mensajes. ¡Saluda!",
  "widget.error.name": "Dinos tu nombre (hasta 80 caracteres).",
  "widget.error.message": "Tu mensaje está vacío o es demasiado largo.",
  "widget.error.rate": "Estás enviando mensajes demasiado rápido; espera un momento.",
  "widget.error.generic": "No se pudo enviar tu mensaje. Inténtalo de nuevo.",
  "widget.unavailable": "Este chat no está disponible.",
  "widget.refresh": "Actualizar",
};
