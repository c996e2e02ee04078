import type { routingErrorsEn } from "./routing-en";

export const routingErrorsPt: Record<keyof typeof routingErrorsEn, string> = {
  "error.hours.timeZone": "“{zone}” não é um fuso horário conhecido; use um nome como America/Sao_Paulo.",
  "error.hours.days": "O horário precisa de uma entrada por dia da semana, de segunda a domingo.",
  "error.hours.tooMany": "O dia {day} da semana (1 = segunda) tem mais de {max} intervalos.",
  "error.hours.interval": "Dia {day} da semana (1 = segunda): “{start}–{end}” não é um intervalo; escreva como 09:00–18:00.",
  "error.hours.overlap": "Dia {day} da semana (1 = segunda): {first} e {second} se sobrepõem.",
  "error.hours.holidays": "No máximo {max} feriados.",
  "error.hours.holiday": "“{value}” não é uma data; escreva os feriados como AAAA-MM-DD.",
  "error.routing.capacity": "A capacidade deve ser um número inteiro de {min} a {max}; recebido {value}.",
  "error.routing.offerSeconds": "Uma oferta dura de {min} segundos a {max} minutos; recebidos {value} segundos.",
  "error.team.name": "Uma equipe precisa de um nome de até {max} caracteres.",
  "error.team.message": "Mensagens automáticas aceitam até {max} caracteres; esta tem {count}.",
  "error.team.notFound": "Não existe a equipe #{id}.",
  "error.team.nameTaken": "Já existe uma equipe chamada “{name}”.",
  "error.team.noAgents": "A equipe “{name}” não tem atendentes, então não pode receber os chats de um canal.",
  "error.team.deleteDefault": "“{name}” é a equipe padrão; escolha outra antes de excluí-la.",
  "error.team.inUse": "“{name}” ainda tem chats ou canais; mova-os para outra equipe primeiro.",
  "error.team.lastMember": "“{name}” recebe os chats de um canal, então deve manter pelo menos um atendente.",
  "error.team.member": "O usuário #{id} não pode entrar em uma equipe: não existe ou está desativado.",
  "error.offer.notYours": "Este chat não está mais oferecido a você.",
  "error.routing.teamHidden": "Você não faz parte da equipe “{name}”.",
};
