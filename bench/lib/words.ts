// Vocabulary for realistic message text and contact names in Portuguese, Spanish and English, accents
// included. Word lists are ordered roughly from most to least frequent: the seeder draws them with a
// Zipf distribution, so "pedido" is everywhere and "reembolsável" is rare — as in a real inbox.

export type Lang = "pt" | "es" | "en";

export const WORDS: Record<Lang, readonly string[]> = {
  pt: `o a de que e não é do da em um para com uma os no se na por mais as dos como mas ao ele das à seu sua ou
    quando muito já também só pelo pela até isso entre depois sem mesmo aos seus quem nas me esse eles você essa
    num nem suas meu às minha numa pelos elas qual nós lhe deles essas esses pelas este dele tu te vocês vos lhes
    meus minhas teu tua nosso nossa pedido entrega obrigado obrigada olá bom dia boa tarde noite preço produto
    está estou pode posso quero gostaria ajuda informação endereço cartão pagamento boleto pix frete prazo
    amanhã hoje ontem semana sábado domingo segunda terça quarta quinta sexta troca tamanho cor estoque
    disponível promoção desconto cupom código rastreio rastreamento chegou chegar enviado envio nota fiscal
    cancelar cancelamento devolução reembolso atendimento atendente vendedor loja site aplicativo conta senha
    cadastro número telefone whatsapp email mensagem resposta problema defeito garantia assistência técnica
    orçamento parcelamento parcelas juros valor total compra comprei comprar pagar paguei confirmação confirmar
    horário funcionamento aberto fechado feriado retirada retirar agência correios transportadora motoboy
    urgente aguardando esperando demora atraso atrasado previsão ação solução reclamação satisfeito ótimo
    excelente péssimo agradeço favor certo claro perfeito beleza tudo bem então aqui ali lá onde porque porquê
    sim talvez ainda sempre nunca agora logo cedo tarde rápido devagar pronto feito coleção lançamento vestido
    camisa calça tênis sapato bolsa relógio celular notebook geladeira fogão máquina lavar peça acessório
    manual instalação voltagem bivolt tomada bateria carregador tela câmera memória capa película fone
    caixa embalagem lacrada avariada quebrada amassada faltando item itens quantidade unidade kit conjunto
    açúcar café pão queijo manhã refeição almoço jantar reserva mesa pessoas aniversário evento convite
    consulta agendamento agendar remarcar horários disponíveis médico clínica exame resultado convênio
    matrícula curso aula turma mensalidade certificado inscrição vaga vagas currículo entrevista salário
    imóvel aluguel visita apartamento casa condomínio contrato fiador documentos cópia assinatura cartório
    reembolsável ressarcimento estorno chargeback contestação ouvidoria procon judicial advogado processo`.split(/\s+/).filter(Boolean),
  es: `el la de que y a en un ser se no haber por con su para como estar tener le lo todo pero más hacer o poder
    decir este ir otro ese si me ya ver porque dar cuando muy sin vez mucho saber qué sobre mi alguno mismo yo
    también hasta año dos querer entre así primero desde grande eso ni nos llegar pasar tiempo ella sí día uno
    bien poco deber entonces poner cosa tanto hombre parecer nuestro tan donde ahora parte después vida quedar
    siempre creer hablar llevar dejar nada cada seguir menos nuevo encontrar pedido envío gracias hola buenos
    días buenas tardes noches precio producto estoy puedo quiero quisiera ayuda información dirección tarjeta
    pago transferencia efectivo plazo mañana hoy ayer semana sábado domingo lunes martes miércoles jueves
    viernes cambio talla color stock disponible promoción descuento cupón código seguimiento llegó llegar
    enviado factura boleta cancelar cancelación devolución reembolso atención asesor vendedor tienda sitio
    aplicación cuenta contraseña registro número teléfono correo mensaje respuesta problema defecto garantía
    servicio técnico presupuesto cuotas interés valor compra compré comprar pagar pagué confirmación confirmar
    horario abierto cerrado feriado retiro sucursal correo paquetería repartidor urgente esperando demora
    retraso atrasado solución reclamo queja satisfecho excelente pésimo agradezco favor claro perfecto vale
    bueno aquí allí dónde cuánto cuál quién acá listo hecho colección lanzamiento vestido camisa pantalón
    zapatillas zapato bolso reloj celular portátil nevera cocina lavadora pieza accesorio manual instalación
    voltaje enchufe batería cargador pantalla cámara memoria funda protector audífonos caja embalaje sellada
    dañada rota abollada faltante artículo artículos cantidad unidad kit conjunto azúcar café pan queso
    desayuno almuerzo cena reserva mesa personas cumpleaños evento invitación consulta cita agendar
    reprogramar médico clínica examen resultado seguro matrícula curso clase grupo mensualidad certificado
    inscripción vacante currículum entrevista sueldo inmueble alquiler visita departamento casa contrato
    garante documentos copia firma notaría reembolsable resarcimiento contracargo impugnación defensoría`.split(/\s+/).filter(Boolean),
  en: `the be to of and a in that have i it for not on with he as you do at this but his by from they we say her
    she or an will my one all would there their what so up out if about who get which go me when make can like
    time no just him know take people into year your good some could them see other than then now look only come
    its over think also back after use two how our work first well way even new want because any these give day
    most us order delivery thanks thank hello hi morning afternoon evening price product please help
    information address card payment transfer cash shipping tracking arrived arrive shipped invoice receipt
    cancel cancellation return refund support agent seller store website app account password signup number
    phone email message reply problem defect warranty repair quote installments interest amount total purchase
    bought buy pay paid confirmation confirm hours open closed holiday pickup branch courier urgent waiting
    delay late estimate solution complaint satisfied great excellent terrible appreciate sure perfect okay fine
    here there where why yes maybe still always never soon early quick ready done collection launch dress
    shirt pants sneakers shoes bag watch phone laptop fridge stove washer part accessory manual installation
    voltage plug battery charger screen camera memory case protector headphones box packaging sealed damaged
    broken dented missing item items quantity unit kit bundle sugar coffee café bread cheese breakfast lunch
    dinner booking table guests birthday event invitation appointment schedule reschedule doctor clinic exam
    result insurance enrollment course class group tuition certificate registration opening résumé interview
    salary property rent visit apartment house lease guarantor documents copy signature notary naïve
    refundable reimbursement chargeback dispute ombudsman`.split(/\s+/).filter(Boolean),
};

/** Whole phrases customers and agents actually open or close with. */
export const OPENERS: Record<Lang, readonly string[]> = {
  pt: ["Olá, bom dia!", "Oi, tudo bem?", "Boa tarde", "Boa noite, preciso de ajuda", "Olá", "Bom dia, gostaria de saber", "Oi!"],
  es: ["Hola, buenos días", "Hola, ¿qué tal?", "Buenas tardes", "Buenas noches, necesito ayuda", "Hola", "Buen día, quisiera saber", "¡Hola!"],
  en: ["Hi there", "Hello, good morning", "Good afternoon", "Hi, I need some help", "Hello", "Hey!", "Good evening"],
};

export const AGENT_LINES: Record<Lang, readonly string[]> = {
  pt: [
    "Olá! Sou {agent}, vou te ajudar. Pode me passar o número do pedido?",
    "Obrigado por aguardar. Já verifiquei aqui e o seu pedido está em rota de entrega.",
    "Entendo, sinto muito pelo transtorno. Vou abrir uma solicitação de troca agora mesmo.",
    "O prazo de entrega para o seu CEP é de 3 a 5 dias úteis.",
    "Consegue me enviar uma foto da embalagem, por favor?",
    "Pronto! O cupom já foi aplicado na sua conta.",
    "Posso ajudar em mais alguma coisa?",
    "Perfeito, qualquer dúvida é só chamar. Tenha um ótimo dia!",
  ],
  es: [
    "¡Hola! Soy {agent}, te ayudo. ¿Me pasas el número de pedido?",
    "Gracias por esperar. Ya revisé y tu pedido está en camino.",
    "Entiendo, disculpa las molestias. Voy a abrir una solicitud de cambio ahora mismo.",
    "El plazo de envío a tu código postal es de 3 a 5 días hábiles.",
    "¿Puedes enviarme una foto del embalaje, por favor?",
    "¡Listo! El cupón ya quedó aplicado en tu cuenta.",
    "¿Te ayudo con algo más?",
    "Perfecto, cualquier duda me escribes. ¡Que tengas un excelente día!",
  ],
  en: [
    "Hi! I'm {agent}, happy to help. Could you share your order number?",
    "Thanks for waiting. I checked and your order is out for delivery.",
    "I understand, sorry for the trouble. I'm opening an exchange request right now.",
    "Delivery to your area takes 3 to 5 business days.",
    "Could you send me a photo of the packaging, please?",
    "Done! The coupon is now applied to your account.",
    "Anything else I can help you with?",
    "Perfect, just message us if anything comes up. Have a great day!",
  ],
};

export const CLOSERS: Record<Lang, readonly string[]> = {
  pt: ["Obrigado!", "Valeu, obrigada!", "Perfeito, obrigado", "Ok", "👍", "Muito obrigado pela ajuda 🙏"],
  es: ["¡Gracias!", "Muchas gracias", "Perfecto, gracias", "Ok", "👍", "Mil gracias por la ayuda 🙏"],
  en: ["Thanks!", "Thank you so much", "Perfect, thanks", "Ok", "👍", "Really appreciate it 🙏"],
};

export const FIRST_NAMES: Record<Lang, readonly string[]> = {
  pt: ["Maria", "João", "Ana", "José", "Francisca", "Antônio", "Adriana", "Luís", "Júlia", "Márcio", "Letícia", "Cláudio",
    "Beatriz", "Lúcia", "Sérgio", "Patrícia", "Vinícius", "Mônica", "Fábio", "Débora", "Luíza", "Rogério", "Cecília", "Inês",
    "Tânia", "Caio", "Gabriela", "Rafael", "Juliana", "Thiago", "Camila", "Gustavo", "Larissa", "Felipe", "Bruna", "Otávio"],
  es: ["María", "José", "Lucía", "Martín", "Sofía", "Andrés", "Valentina", "Ramón", "Inés", "Julián", "Camila", "Joaquín",
    "Florencia", "Matías", "Belén", "Sebastián", "Agustina", "Tomás", "Ximena", "Iván", "Mónica", "Rubén", "Dolores", "Néstor",
    "Paula", "Diego", "Carmen", "Javier", "Elena", "Álvaro", "Rocío", "Germán", "Noemí", "Héctor", "Begoña", "Óscar"],
  en: ["James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth", "William", "Susan",
    "Chloé", "Zoë", "Renée", "André", "Noël", "Emily", "Daniel", "Olivia", "Ethan", "Ava", "Liam", "Mia"],
};

export const LAST_NAMES: Record<Lang, readonly string[]> = {
  pt: ["Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves", "Pereira", "Lima", "Gomes", "Ribeiro",
    "Carvalho", "Araújo", "Conceição", "Gonçalves", "Assunção", "Magalhães", "Brandão", "Damião", "Simões", "Guimarães",
    "Romão", "Estêvão", "Falcão", "Nóbrega", "Câmara", "Peçanha", "Sá", "Loureiro", "Teixeira"],
  es: ["García", "Rodríguez", "González", "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Martín", "Jiménez",
    "Ruiz", "Hernández", "Díaz", "Moreno", "Muñoz", "Álvarez", "Romero", "Núñez", "Ibáñez", "Peña", "Ordóñez", "Beltrán",
    "Calderón", "Echeverría", "Quiñones", "Solís", "Vázquez", "Castaño", "Montaño"],
  en: ["Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor", "Thomas", "Moore",
    "Martin", "Jackson", "Thompson", "White", "Harris", "Clark", "Lewis", "Walker", "O'Brien", "Brontë", "Zoë-Hall", "Nuñez"],
};

export const AGENTS: ReadonlyArray<{ name: string; lang: Lang }> = [
  { name: "Ana Júlia Ribeiro", lang: "pt" },
  { name: "João Pedro Almeida", lang: "pt" },
  { name: "Letícia Conceição", lang: "pt" },
  { name: "María José Fernández", lang: "es" },
  { name: "Joaquín Ibáñez", lang: "es" },
  { name: "Emily Carter", lang: "en" },
];

export const CITIES = ["São Paulo", "Rio de Janeiro", "Belo Horizonte", "Curitiba", "Porto Alegre", "Salvador", "Recife",
  "Buenos Aires", "Córdoba", "Bogotá", "Medellín", "Ciudad de México", "Lima", "Santiago", "Montevideo", "Asunción", "Madrid"];

export const EMOJIS = ["😊", "🙏", "👍", "❤️", "😂", "😅", "😢", "🔥", "✅", "🎉", "🤔", "👀"];
