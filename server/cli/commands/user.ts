import { roles, type Role } from "@/server/domain/user-rules";
import { allUsers, createUser, findUserByEmailOrThrow, setPassword, updateUserAccess } from "@/server/services/users";
import { cliActor, cliDb } from "../context";
import { parse, required, UsageError, type CliIo } from "../io";

const USAGE = {
  add: "charla user add --email E --name N --role admin|agent --password P",
  list: "charla user list [--json]",
  setPassword: "charla user set-password --email E --password P",
  deactivate: "charla user deactivate --email E",
  activate: "charla user activate --email E",
};

export async function userCommand(args: string[], io: CliIo): Promise<void> {
  const [sub, ...rest] = args;
  switch (sub) {
    case "add": {
      const { values } = parse(rest, { email: { type: "string" }, name: { type: "string" }, role: { type: "string" }, password: { type: "string" } }, USAGE.add);
      required(values, ["email", "name", "role", "password"], USAGE.add);
      if (!roles.includes(values.role as Role)) throw new UsageError(`--role must be admin or agent; got “${values.role}”.\nUsage: ${USAGE.add}`);
      const user = await createUser(cliDb(), { email: values.email!, name: values.name!, role: values.role as Role, password: values.password! }, cliActor());
      io.out(`Created ${user.role} ${user.name} <${user.email}> (#${user.id}).`);
      return;
    }
    case "list": {
      const { values } = parse(rest, { json: { type: "boolean" } }, USAGE.list);
      const users = allUsers(cliDb());
      if (values.json) return io.out(JSON.stringify(users.map(({ id, name, email, role, active }) => ({ id, name, email, role, active }))));
      for (const u of users) io.out(`#${u.id}\t${u.role}\t${u.active ? "active" : "deactivated"}\t${u.name} <${u.email}>`);
      if (!users.length) io.out("No users yet.");
      return;
    }
    case "set-password": {
      const { values } = parse(rest, { email: { type: "string" }, password: { type: "string" } }, USAGE.setPassword);
      required(values, ["email", "password"], USAGE.setPassword);
      const user = findUserByEmailOrThrow(cliDb(), values.email!);
      await setPassword(cliDb(), user.id, values.password!, cliActor());
      io.out(`Password changed for ${user.email}.`);
      return;
    }
    case "deactivate":
    case "activate": {
      const usage = sub === "activate" ? USAGE.activate : USAGE.deactivate;
      const { values } = parse(rest, { email: { type: "string" } }, usage);
      required(values, ["email"], usage);
      const user = findUserByEmailOrThrow(cliDb(), values.email!);
      updateUserAccess(cliDb(), user.id, { active: sub === "activate" }, cliActor());
      io.out(`${user.email} is now ${sub === "activate" ? "active" : "deactivated"}.`);
      return;
    }
    default:
      throw new UsageError(`Usage:\n  ${Object.values(USAGE).join("\n  ")}`);
  }
}
