// Refusals of the customer-satisfaction settings (issue 15).
export const csatErrorsEn = {
  "error.csat.interval": "Ask again after between {min} and {max} days.",
  "error.csat.templateName": "A WhatsApp template name has only lower-case letters, digits and underscores.",
  "error.csat.channel": "There is no channel #{id}.",
  "error.csat.template": "The channel “{channel}” has no template named “{name}”; add it under Templates first.",
  "error.csat.templateChannel": "Only WhatsApp channels send templates; leave the template empty for “{channel}”.",
  "error.csat.language": "The survey language is es, pt or en.",
};
