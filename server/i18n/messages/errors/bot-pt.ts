import type { botErrorsEn } from "./bot-en";

export const botErrorsPt: Record<keyof typeof botErrorsEn, string> = {
  "error.permission.manageBotFlows": "Só administradores podem gerenciar os fluxos do bot.",
  "error.bot.duplicateStep": "Há dois passos chamados “{step}”.",
  "error.bot.start": "O primeiro passo “{step}” não existe.",
  "error.bot.missingStep": "O passo “{step}” vai para “{target}”, que não existe.",
  "error.bot.duplicateOption": "O menu “{step}” tem duas opções chamadas “{option}”.",
  "error.bot.loop": "O passo “{step}” faz parte de um ciclo que nunca espera o contato.",
  "error.bot.stepField": "Passo “{step}”, {field}: {detail}",
  "error.bot.flowField": "O fluxo, {field}: {detail}",
  "error.bot.limit": "Passo “{step}”: o {channel} enviaria {count} caracteres; aceita {max}.",
  "error.bot.flowLimit": "Um texto do fluxo teria {count} caracteres no {channel}; aceita {max}.",
  "error.bot.media": "Passo “{step}”: o {channel} não consegue enviar o arquivo “{file}” (tipo ou tamanho).",
  "error.bot.notFound": "Não existe o fluxo #{id}.",
  "error.bot.name": "Um fluxo precisa de um nome de até {max} caracteres.",
  "error.bot.json": "Isso não é um fluxo em JSON: o texto não é um JSON válido.",
  "error.bot.jsonAt": "Isso não é um fluxo em JSON: o texto deixa de ser um JSON válido na linha {line}, coluna {column}.",
  "error.bot.unpublished": "Publique o fluxo “{name}” antes de atribuir um canal a ele.",
  "error.bot.inUse": "Há conversas que usaram “{name}”, então ele fica; tire-o dos canais.",
  "error.bot.channel": "Não existe o canal #{id}.",
  "error.bot.hours": "Contatos que voltam passam de novo pelo bot depois de 1 a {max} horas; veio {value}.",
};
