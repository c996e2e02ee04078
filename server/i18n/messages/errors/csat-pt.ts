import type { csatErrorsEn } from "./csat-en";

export const csatErrorsPt: Record<keyof typeof csatErrorsEn, string> = {
  "error.csat.interval": "Perguntar de novo após {min} a {max} dias.",
  "error.csat.templateName": "O nome de um modelo do WhatsApp só tem minúsculas, dígitos e sublinhados.",
};
