import type { csatErrorsEn } from "./csat-en";

export const csatErrorsEs: Record<keyof typeof csatErrorsEn, string> = {
  "error.csat.interval": "Volver a preguntar tras {min} a {max} días.",
  "error.csat.templateName": "El nombre de una plantilla de WhatsApp solo lleva minúsculas, dígitos y guiones bajos.",
  "error.csat.channel": "No existe el canal #{id}.",
  "error.csat.template": "El canal «{channel}» no tiene una plantilla llamada «{name}»; añádela antes en Plantillas.",
  "error.csat.templateChannel": "Solo los canales de WhatsApp envían plantillas; deja la plantilla vacía para «{channel}».",
  "error.csat.language": "El idioma de la encuesta es es, pt o en.",
};
