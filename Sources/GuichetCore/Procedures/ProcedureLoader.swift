import Foundation

/// The procedure definitions could not be loaded: every problem found, one per line.
public struct ProcedureLoadError: Error, Sendable, CustomStringConvertible {
    public let problems: [DefinitionProblem]
    public var description: String {
        "Invalid procedure definitions:\n" + problems.map { "  " + $0.description }.joined(separator: "\n")
    }
}

/// Reads `organisations.json` and every other `*.json` file of the procedures folder,
/// checks them completely, and gives the catalogue or every problem found. The portal
/// refuses to start on any problem: a half-loaded catalogue would fail in front of users.
public enum ProcedureLoader {
    public static let organisationsFile = "organisations.json"

    public static func load(directory: URL) throws(ProcedureLoadError) -> ProcedureCatalog {
        let folder = directory.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ProcedureLoadError(problems: [DefinitionProblem(file: folder, path: "", message: "folder not found")])
        }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasSuffix(".json") }.sorted()
        guard names.contains(organisationsFile) else {
            throw ProcedureLoadError(problems: [DefinitionProblem(file: organisationsFile, path: "", message: "file not found in \(folder)")])
        }
        var files: [(name: String, data: Data)] = []
        for name in names {
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) else {
                throw ProcedureLoadError(problems: [DefinitionProblem(file: name, path: "", message: "cannot be read")])
            }
            files.append((name, data))
        }
        return try load(organisations: files.first { $0.name == organisationsFile }!.data,
                        procedures: files.filter { $0.name != organisationsFile })
    }

    /// Loads from file contents (the folder reader above, and tests).
    public static func load(organisations: Data, procedures: [(name: String, data: Data)]) throws(ProcedureLoadError) -> ProcedureCatalog {
        var problems: [DefinitionProblem] = []
        let organisationList = OrganisationReader.read(organisations, file: organisationsFile, problems: &problems)
        let known = Dictionary(organisationList.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        var loaded: [Procedure] = []
        var seen: [String: String] = [:]
        for file in procedures {
            guard let procedure = ProcedureReader.read(file.data, file: file.name, organisations: known, problems: &problems) else { continue }
            if let other = seen[procedure.id] {
                problems.append(DefinitionProblem(file: file.name, path: "id", message: "duplicate procedure id \"\(procedure.id)\", already declared in \(other)"))
                continue
            }
            seen[procedure.id] = file.name
            loaded.append(procedure)
        }
        guard problems.isEmpty else { throw ProcedureLoadError(problems: problems) }
        return ProcedureCatalog(procedures: loaded, organisations: organisationList)
    }

    /// Ids are used in addresses and form names: lower-case letters, digits, hyphens.
    static func isSlug(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 80 && !text.hasPrefix("-") && !text.hasSuffix("-")
            && text.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
    }

    static func parse(_ data: Data, file: String, problems: inout [DefinitionProblem]) -> JSONValue? {
        do {
            return try JSONValue.parse(data)
        } catch {
            problems.append(DefinitionProblem(file: file, path: "", message: error.description))
            return nil
        }
    }
}

/// `organisations.json`: an array of organisations.
enum OrganisationReader {
    static let keys = ["id", "name", "kind", "contacts", "help"]
    static let contactKeys = ["address", "phone", "phoneNote", "email", "website", "hours"]

    static func read(_ data: Data, file: String, problems: inout [DefinitionProblem]) -> [Organisation] {
        guard let json = ProcedureLoader.parse(data, file: file, problems: &problems) else { return [] }
        let list = ProblemList(file: file)
        defer { problems += list.problems }
        guard case .array(let items) = json else {
            list.add("", "expected an array of organisations, found \(json.kindDescription)")
            return []
        }
        var result: [Organisation] = []
        var ids: Set<String> = []
        for (index, item) in items.enumerated() {
            guard let reader = ObjectReader(item, path: "[\(index)]", problems: list) else { continue }
            let id = reader.string("id")
            let name = reader.string("name")
            let kind = reader.string("kind")
            let contacts = reader.object("contacts", required: false).map(readContacts) ?? Contacts()
            let help = reader.strings("help", required: false) ?? []
            reader.finish(known: keys)
            guard let id, let name, let kind else { continue }
            if !ProcedureLoader.isSlug(id) {
                reader.report("id", "\"\(id)\" must use lower-case letters, digits and hyphens only")
            } else if id.hasPrefix(TownHall.organisationPrefix) {
                reader.report("id", "ids starting with \"\(TownHall.organisationPrefix)\" are reserved for town halls")
            } else if !ids.insert(id).inserted {
                reader.report("id", "duplicate organisation id \"\(id)\"")
            } else {
                result.append(Organisation(id: id, name: name, kind: kind, contacts: contacts, help: help))
            }
        }
        return result
    }

    static func readContacts(_ reader: ObjectReader) -> Contacts {
        let contacts = Contacts(address: reader.strings("address", required: false) ?? [],
                                phone: reader.string("phone", required: false),
                                phoneNote: reader.string("phoneNote", required: false),
                                email: reader.string("email", required: false),
                                website: reader.string("website", required: false),
                                hours: reader.strings("hours", required: false) ?? [])
        if let email = contacts.email, EmailAddress(email) == nil { reader.report("email", "\"\(email)\" is not an email address") }
        if let website = contacts.website, !(website.hasPrefix("https://") || website.hasPrefix("http://")) || URL(string: website) == nil {
            reader.report("website", "\"\(website)\" must be an http(s) address")
        }
        reader.finish(known: contactKeys)
        return contacts
    }
}
