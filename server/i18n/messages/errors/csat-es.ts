import type { csatErrorsEn } from "./csat-en";

export const csatErrorsEs: Record<keyof typeof csatErrorsEn, string> = {
  "error.csat.interval": "Volver a preguntar tras {min} a {max} días.",
  "error.csat.templateName": "El nombre de una plantilla de WhatsApp solo lleva minúsculas, dígitos y guiones bajos.",
};
