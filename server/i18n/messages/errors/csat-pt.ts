import type { csatErrorsEn } from "./csat-en";

export const csatErrorsPt: Record<keyof typeof csatErrorsEn, string> = {
  "error.csat.interval": "Perguntar de novo após {min} a {max} dias.",
  "error.csat.templateName": "O nome de um modelo do WhatsApp só tem minúsculas, dígitos e sublinhados.",
  "error.csat.channel": "Não existe o canal #{id}.",
  "error.csat.template": "O canal “{channel}” não tem um modelo chamado “{name}”; adicione-o antes em Modelos.",
  "error.csat.templateChannel": "Só canais do WhatsApp enviam modelos; deixe o modelo vazio para “{channel}”.",
  "error.csat.language": "O idioma da pesquisa é es, pt ou en.",
};
