import FluentKit
import Foundation
import GuichetCore
import GuichetStore

/// *Où s'informer* (SPEC §8): the body that serves a person's commune for a procedure —
/// the town hall of the commune for a procedure sent to it, the local office of another
/// organisation (CAF, CPAM, finances publiques…) once the directory holds them (an
/// import), in the commune or else in its department.
public enum DirectoryGuide {
    /// The directory kinds of each partner organisation's local offices.
    static let officeKinds: [String: [String]] = [
        "caf": ["caf"],
        "ameli": ["cpam"],
        "impots": ["sip", "sip_sie", "cdfip", "accueil_finances_publiques"],
        "cnav": ["carsat"],
        "msa": ["msa"],
    ]

    /// Where the person lives, as the search needs it.
    public struct Place: Sendable, Equatable {
        public let inseeCode: String
        public let postalCode: String
    }

    /// The bodies to show for organisations (`organisations.json` ids or town halls'
    /// `mairie-<INSEE>`), each once, in order.
    public static func bodies(for organisationKeys: [String], near place: Place?, in context: OperationContext) async throws -> [PublicBody] {
        var found: [PublicBody] = []
        for key in organisationKeys {
            if key.hasPrefix(TownHall.organisationPrefix) {
                if let body = try await PublicBodies.find(key, on: context.db) { found.append(body) }
                continue
            }
            guard let place, let kinds = officeKinds[key] else { continue }
            // The commune, then its postal code (an arrondissement's office), then the department.
            for (insee, prefix) in [(place.inseeCode, nil), (nil, place.postalCode), (nil, String(place.postalCode.prefix(2)))] as [(String?, String?)] {
                let offices = try await PublicBodies.serving(inseeCode: insee, postalCodePrefix: prefix, kinds: kinds, limit: 1, on: context.db)
                if let office = offices.first {
                    found.append(office)
                    break
                }
            }
        }
        var seen: Set<String> = []
        return found.filter { seen.insert($0.id).inserted }
    }

    /// A procedure's page: the organisations it goes to, the town hall being the one of
    /// the signed-in person's commune.
    public static func forProcedure(_ procedure: Procedure, account: Account?, in context: OperationContext) async throws -> [PublicBody] {
        let place = account.flatMap { Place(profile: $0.profile, postalCodes: context.guichet.postalCodes) }
        let keys = procedure.processedBy.flatMap { target -> [String] in
            switch target {
            case .organisation(let id): [id]
            case .townHallOf: place.map { [TownHall.organisationPrefix + $0.inseeCode] } ?? []
            case .chosenIn(let field): procedure.field(field)?.organisations.map(\.value) ?? []
            }
        }
        return try await bodies(for: keys, near: place, in: context)
    }

    /// A transmitted dossier: the organisations it went to, near the commune its answers
    /// give (the new address of a change of address), else the account's.
    public static func forDossier(_ dossier: Dossier, organisationKeys: [String], account: Account?,
                                  in context: OperationContext) async throws -> [PublicBody] {
        var place: Place?
        if let procedure = context.guichet.procedures.procedure(dossier.procedureID) {
            let preferred = procedure.profileUpdate.map { [$0.addressField] } ?? []
            for id in preferred + procedure.fields.map(\.id) {
                guard let answer = dossier.answers[id], let insee = answer.inseeCode, let postalCode = postalCode(of: answer) else { continue }
                place = Place(inseeCode: insee, postalCode: postalCode)
                break
            }
        }
        if place == nil { place = account.flatMap { Place(profile: $0.profile, postalCodes: context.guichet.postalCodes) } }
        return try await bodies(for: organisationKeys, near: place, in: context)
    }

    private static func postalCode(of answer: AnswerValue) -> String? {
        switch answer {
        case .address(let address): address.postalCode
        case .commune(let commune): commune.postalCode
        case .delivery(let delivery): delivery.input.postalCode
        default: nil
        }
    }
}

extension DirectoryGuide.Place {
    /// The commune of a profile's address, when its postal code and commune match.
    init?(profile: Profile, postalCodes: PostalCodeDirectory) {
        guard case .found(let commune) = postalCodes.match(postalCode: profile.postalCode, name: profile.city) else { return nil }
        self.init(inseeCode: commune.municipality.inseeCode, postalCode: profile.postalCode)
    }
}
