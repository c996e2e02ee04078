// Refusals of the customer-satisfaction settings (issue 15).
export const csatErrorsEn = {
  "error.csat.interval": "Ask again after between {min} and {max} days.",
  "error.csat.templateName": "A WhatsApp template name has only lower-case letters, digits and underscores.",
};
