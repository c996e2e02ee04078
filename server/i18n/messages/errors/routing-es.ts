import type { routingErrorsEn } from "./routing-en";

export const routingErrorsEs: Record<keyof typeof routingErrorsEn, string> = {
  "error.hours.timeZone": "«{zone}» no es una zona horaria conocida; usa un nombre como America/Argentina/Buenos_Aires.",
  "error.hours.days": "El horario necesita una entrada por día de la semana, de lunes a domingo.",
  "error.hours.tooMany": "El día {day} de la semana (1 = lunes) tiene más de {max} intervalos.",
  "error.hours.interval": "Día {day} de la semana (1 = lunes): «{start}–{end}» no es un intervalo; escríbelo como 09:00–18:00.",
  "error.hours.overlap": "Día {day} de la semana (1 = lunes): {first} y {second} se superponen.",
  "error.hours.holidays": "Como máximo {max} feriados.",
  "error.hours.holiday": "«{value}» no es una fecha; escribe los feriados como AAAA-MM-DD.",
  "error.routing.capacity": "La capacidad debe ser un número entero de {min} a {max}; se recibió {value}.",
  "error.routing.offerSeconds": "Una oferta dura de {min} segundos a {max} minutos; se recibieron {value} segundos.",
  "error.team.name": "Un equipo necesita un nombre de hasta {max} caracteres.",
  "error.team.message": "Los mensajes automáticos admiten hasta {max} caracteres; este tiene {count}.",
  "error.team.notFound": "No existe el equipo #{id}.",
  "error.team.nameTaken": "Ya existe un equipo llamado «{name}».",
  "error.team.noAgents": "El equipo «{name}» no tiene agentes, así que no puede recibir los chats de un canal.",
  "error.team.deleteDefault": "«{name}» es el equipo predeterminado; elige otro antes de eliminarlo.",
  "error.team.inUse": "«{name}» todavía tiene chats o canales; pásalos a otro equipo primero.",
  "error.team.lastMember": "«{name}» recibe los chats de un canal, así que debe conservar al menos un agente.",
  "error.team.member": "El usuario #{id} no puede sumarse a un equipo: no existe o está desactivado.",
  "error.offer.notYours": "Este chat ya no te está ofrecido.",
  "error.routing.teamHidden": "No perteneces al equipo «{name}».",
};
