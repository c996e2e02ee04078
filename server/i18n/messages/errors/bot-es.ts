import type { botErrorsEn } from "./bot-en";

export const botErrorsEs: Record<keyof typeof botErrorsEn, string> = {
  "error.permission.manageBotFlows": "Solo los administradores pueden gestionar los flujos del bot.",
  "error.bot.duplicateStep": "Hay dos pasos llamados «{step}».",
  "error.bot.start": "El primer paso «{step}» no existe.",
  "error.bot.missingStep": "El paso «{step}» va a «{target}», que no existe.",
  "error.bot.duplicateOption": "El menú «{step}» tiene dos opciones llamadas «{option}».",
  "error.bot.loop": "El paso «{step}» forma parte de un ciclo que nunca espera al contacto.",
  "error.bot.stepField": "Paso «{step}», {field}: {detail}",
  "error.bot.flowField": "El flujo, {field}: {detail}",
  "error.bot.limit": "Paso «{step}»: {channel} enviaría {count} caracteres; admite {max}.",
  "error.bot.flowLimit": "Un texto del flujo tendría {count} caracteres en {channel}; admite {max}.",
  "error.bot.media": "Paso «{step}»: {channel} no puede enviar el archivo «{file}» (tipo o tamaño).",
  "error.bot.notFound": "No existe el flujo #{id}.",
  "error.bot.name": "Un flujo necesita un nombre de hasta {max} caracteres.",
  "error.bot.json": "Eso no es un flujo en JSON: el texto no es JSON válido.",
  "error.bot.jsonAt": "Eso no es un flujo en JSON: el texto deja de ser JSON válido en la línea {line}, columna {column}.",
  "error.bot.unpublished": "Publica el flujo «{name}» antes de asignarle un canal.",
  "error.bot.inUse": "Hay chats que usaron «{name}», así que se conserva; quítalo de sus canales.",
  "error.bot.channel": "No existe el canal #{id}.",
  "error.bot.hours": "Los contactos que vuelven pasan de nuevo por el bot después de 1 a {max} horas; se indicó {value}.",
};
