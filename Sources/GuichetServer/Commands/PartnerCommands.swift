import ArgumentParser
import Foundation
import GuichetCore
import GuichetOperations
import GuichetStore

/// `guichet partner-key create|list|revoke`: the partner API's keys (SPEC §6).
struct PartnerKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partner-key",
        abstract: "Creates, lists and revokes the partner API's keys.",
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: OperatorCommand {
        static let configuration = CommandConfiguration(
            abstract: "Creates a key for an organisation and prints it, once, alone on the last line.",
            discussion: "Only its SHA-256 is stored: a lost key cannot be shown again, only revoked and replaced.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The organisation id: an id of organisations.json, or mairie-<INSEE code>.") var organisation: String
        @Option(help: "A name for the key, shown in the dossiers' history (default: clé <organisation>).") var name: String?
        @Flag(help: "The key may only read.") var readOnly = false
        @Option(help: "The key stops working after this many days (1 to 3650).") var expiresInDays: Int?

        func apply(in context: OperationContext) async throws -> [String] {
            do {
                let issued = try await PartnerAccess.create(organisationKey: organisation, name: name, readOnly: readOnly,
                                                            expiresInDays: expiresInDays, in: context)
                return ["Key \(issued.id.uuidString.lowercased()) created for \(organisation)\(readOnly ? " (read-only)" : ""). It is shown only once:",
                        issued.secret]
            } catch let refusal as PartnerAccess.Refusal {
                throw CommandRefusal(refusal.description)
            }
        }
    }

    struct List: OperatorCommand {
        static let configuration = CommandConfiguration(abstract: "Lists the keys (never the keys themselves).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Only this organisation's keys.") var organisation: String?

        func apply(in context: OperationContext) async throws -> [String] {
            let keys = try await PartnerAccess.list(organisationKey: organisation, in: context)
            guard !keys.isEmpty else { return ["No key."] }
            let now = context.now
            return ["id\torganisation\tname\tscope\tcreated\tlast used\texpires\tstatus"] + keys.map { key in
                let status = key.revokedAt != nil ? "revoked" : key.isUsable(at: now) ? "active" : "expired"
                return [key.id?.uuidString.lowercased() ?? "", key.organisationKey, key.name, key.readOnly ? "read" : "read-write",
                        Self.day(key.createdAt), key.lastUsedAt.map(Self.day) ?? "never", key.expiresAt.map(Self.day) ?? "never", status]
                    .joined(separator: "\t")
            }
        }

        static func day(_ date: Date) -> String { APITimestamp.format(date) }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revokes a key: it stops working at once.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The key's id, as partner-key list shows it.") var id: String

        func run() async throws {
            let command = self
            try await Runtime.run(global) { app in printLine(try await command.apply(in: Runtime.context(app))) }
        }

        func apply(in context: OperationContext) async throws -> String {
            guard let uuid = UUID(uuidString: id) else { throw CommandRefusal("Not a key id: \(id)", usage: true) }
            guard try await PartnerAccess.revoke(uuid, in: context) else { throw CommandRefusal("No active key has the id \(id).") }
            return "Key \(id.lowercased()) revoked."
        }
    }
}

/// `guichet partner-webhook set|remove|deliveries`: an organisation's webhook.
struct PartnerWebhookCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partner-webhook",
        abstract: "Sets or removes an organisation's webhook, and shows its deliveries.",
        subcommands: [SetWebhook.self, Remove.self, Deliveries.self])

    struct SetWebhook: OperatorCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Sets (or replaces) the webhook and prints its signing secret, once, alone on the last line.",
            discussion: "In production the URL must be https and resolve to public addresses only.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The organisation id.") var organisation: String
        @Argument(help: "Where events are POSTed.") var url: String

        func apply(in context: OperationContext) async throws -> [String] {
            do {
                let secret = try await Webhooks.set(organisationKey: organisation, url: url, in: context)
                return ["Webhook set for \(organisation). Its signing secret is shown only once:", secret]
            } catch let refusal as Webhooks.Refusal {
                throw CommandRefusal(refusal.description)
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Removes the webhook (the event feed keeps everything).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The organisation id.") var organisation: String

        func run() async throws {
            let command = self
            try await Runtime.run(global) { app in printLine(try await command.apply(in: Runtime.context(app))) }
        }

        func apply(in context: OperationContext) async throws -> String {
            guard try await Webhooks.remove(organisationKey: organisation, in: context) else {
                throw CommandRefusal("\(organisation) has no webhook.")
            }
            return "Webhook of \(organisation) removed."
        }
    }

    struct Deliveries: OperatorCommand {
        static let configuration = CommandConfiguration(abstract: "Shows the webhook's last delivery attempts.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The organisation id.") var organisation: String

        func apply(in context: OperationContext) async throws -> [String] {
            let status = try await Webhooks.status(organisationKey: organisation, in: context)
            var lines = [status.url.map { "Webhook: \($0) — delivered up to event \(status.deliveredSequence ?? 0)" }
                ?? "\(organisation) has no webhook."]
            if let next = status.nextAttemptAt, status.attempts.first?.outcome == "retrying" {
                lines.append("Next attempt: \(APITimestamp.format(next))")
            }
            guard !status.attempts.isEmpty else { return lines + ["No delivery attempt yet."] }
            lines.append("event\toutcome\tstatus\ttime\tnext retry\terror")
            lines += status.attempts.map { attempt in
                ["\(attempt.eventSequence)", attempt.outcome, attempt.status.map(String.init) ?? "-", APITimestamp.format(attempt.attemptedAt),
                 attempt.nextRetryAt.map(APITimestamp.format) ?? "-", attempt.error ?? ""].joined(separator: "\t")
            }
            return lines
        }
    }
}

/// `guichet account-link add`: a link migrated from the former portal (SPEC §6).
struct AccountLinkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "account-link",
        abstract: "Imports account links (liaisons de comptes); organisations delete them through the API.",
        subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Links an account to an organisation's reference.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The account's identifier.") var identifier: String
        @Argument(help: "The organisation id.") var organisation: String
        @Argument(help: "The organisation's own reference for this person.") var partnerReference: String

        func run() async throws {
            let command = self
            try await Runtime.run(global) { app in printLine(try await command.apply(in: Runtime.context(app))) }
        }

        func apply(in context: OperationContext) async throws -> String {
            do {
                let id = try await AccountLinking.add(identifier: identifier, organisationKey: organisation, partnerReference: partnerReference,
                                                      in: context)
                return "Link \(id.uuidString.lowercased()) added: \(identifier) – \(organisation)."
            } catch let refusal as AccountLinking.Refusal {
                throw CommandRefusal(refusal.description)
            }
        }
    }
}
