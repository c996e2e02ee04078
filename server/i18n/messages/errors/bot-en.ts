// The refusals of bot flows (issue 14), merged into the error dictionaries.
export const botErrorsEn = {
  "error.bot.duplicateStep": "Two steps are called “{step}”.",
  "error.bot.start": "The first step “{step}” does not exist.",
  "error.bot.missingStep": "Step “{step}” goes to “{target}”, which does not exist.",
  "error.bot.duplicateOption": "Menu “{step}” has two options called “{option}”.",
  "error.bot.loop": "Step “{step}” is part of a loop that never waits for the contact.",
  "error.bot.stepField": "Step “{step}”, {field}: {detail}",
  "error.bot.flowField": "The flow, {field}: {detail}",
  "error.bot.limit": "Step “{step}”: {channel} would send {count} characters; it allows {max}.",
  "error.bot.flowLimit": "A text of the flow would be {count} characters on {channel}; it allows {max}.",
  "error.bot.notFound": "There is no bot flow #{id}.",
  "error.bot.name": "A flow needs a name of at most {max} characters.",
  "error.bot.json": "That is not a flow in JSON: {detail}",
  "error.bot.unpublished": "Publish the flow “{name}” before giving it a channel.",
  "error.bot.inUse": "Chats have run “{name}”, so it stays; take it off its channels instead.",
  "error.bot.channel": "There is no channel #{id}.",
  "error.bot.hours": "Returning contacts meet the bot again after 1 to {max} hours; got {value}.",
} as const;
