import type { WidgetMessages as Messages } from "./en";

export const pt: Messages = {
  "widget.title": "Fale com a gente",
  "widget.intro": "Escreva aqui e alguém da nossa equipe vai responder.",
  "widget.name": "Seu nome",
  "widget.start": "Começar a conversa",
  "widget.message": "Sua mensagem",
  "widget.send": "Enviar",
  "widget.you": "Você",
  "widget.team": "Equipe",
  "widget.empty": "Nenhuma mensagem ainda. Diga olá!",
  "widget.error.name": "Diga seu nome (até 80 caracteres).",
  "widget.error.message": "Sua mensagem está vazia ou longa demais.",
  "widget.error.rate": "Você está enviando mensagens rápido demais; espere um pouco.",
  "widget.error.generic": "Não foi possível enviar sua mensagem. Tente de novo.",
  "widget.unavailable": "Este chat não está disponível.",
  "widget.refresh": "Atualizar",
};
