/// A kind of public body, named by the DILA `type_service_local` slug (`mairie`, `caf`,
/// `sip`…), with the French label the directory shows and the words people type to
/// look for it ("caf", "impots", "allocations familiales").
///
/// Several slugs can share a label: the DILA distinguishes the *service des impôts des
/// particuliers* (`sip`) from the one for businesses (`sie`), but people look for "the
/// centre des finances publiques", so both are shown and searched under that name.
public struct PublicBodyKind: Sendable, Hashable, Codable {
    public let slug: String
    public let label: String
    /// Search words and phrases in `DirectorySearchKey` form (folded, one space between
    /// words). A query naming one of them filters on this kind.
    public let searchTerms: [String]

    public init(slug: String, label: String, searchTerms: [String] = []) {
        self.slug = slug
        self.label = label
        self.searchTerms = searchTerms
    }

    /// The kind of a slug: a known one with its label, or an unknown one kept with a
    /// label made from the slug ("maison_justice" → "Maison justice"), so that a new
    /// DILA category is shown rather than dropped.
    public init(slug: String) {
        if let known = Self.bySlug[slug] {
            self = known
        } else {
            let words = slug.split { $0 == "_" || $0 == "-" || $0 == " " }.joined(separator: " ")
            let label = words.isEmpty ? "Autre organisme" : words.prefix(1).uppercased() + words.dropFirst()
            self.init(slug: slug, label: label, searchTerms: [])
        }
    }

    public var isKnown: Bool { Self.bySlug[slug] != nil }

    /// The kinds a query phrase (already in `DirectorySearchKey` form) designates.
    public static func matching(term: String) -> [PublicBodyKind] {
        known.filter { $0.searchTerms.contains(term) }
    }

    /// The key of the set of kinds a search term stands for (`mairie` stands for `mairie`
    /// and `mairie_com`): a database keeps one row per body and group, so that a search by
    /// kind counts and pages through one index range, each body once.
    public static func groupKey(_ slugs: [String]) -> String { Set(slugs).sorted().joined(separator: "+") }

    /// Every group a body with these kinds is found under.
    public static func groups(of kinds: [String]) -> [String] {
        let kinds = Set(kinds)
        return Array(Set(allSearchTerms.compactMap { term -> String? in
            let slugs = matching(term: term).map(\.slug)
            return slugs.contains(where: kinds.contains) ? groupKey(slugs) : nil
        })).sorted()
    }

    /// Every search term of the known kinds, longest first, so that a query parser tries
    /// "sous prefecture" before "prefecture".
    public static let allSearchTerms: [String] = Array(Set(known.flatMap(\.searchTerms)))
        .sorted { ($0.split(separator: " ").count, $0.count, $1) > ($1.split(separator: " ").count, $1.count, $0) }

    private static let bySlug: [String: PublicBodyKind] = Dictionary(known.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
}

extension PublicBodyKind {
    private static let publicFinances = "Centre des finances publiques"
    private static let publicFinancesTerms = ["finances publiques", "centre des finances publiques", "impots", "impot", "tresor public",
                                              "tresorerie", "fisc", "dgfip"]
    private static let prefectureTerms = ["prefecture", "prefectures", "pref"]

    /// The `type_service_local` slugs the directory knows. Others are kept as they come
    /// (see `init(slug:)`).
    public static let known: [PublicBodyKind] = [
        PublicBodyKind(slug: "mairie", label: "Mairie", searchTerms: ["mairie", "mairies", "hotel de ville", "etat civil"]),
        PublicBodyKind(slug: "mairie_com", label: "Mairie déléguée", searchTerms: ["mairie", "mairies", "mairie deleguee", "mairie annexe"]),
        PublicBodyKind(slug: "prefecture", label: "Préfecture", searchTerms: prefectureTerms),
        PublicBodyKind(slug: "prefecture_region", label: "Préfecture de région", searchTerms: prefectureTerms + ["prefecture de region"]),
        PublicBodyKind(slug: "paris_ppp", label: "Préfecture de police", searchTerms: prefectureTerms + ["prefecture de police"]),
        // A sous-préfecture answers for the préfecture in its arrondissement: "préfecture"
        // finds it too, "sous-préfecture" finds only it.
        PublicBodyKind(slug: "sous_pref", label: "Sous-préfecture", searchTerms: prefectureTerms + ["sous prefecture", "sous prefectures", "sous pref"]),
        PublicBodyKind(slug: "caf", label: "Caisse d'allocations familiales (CAF)",
                       searchTerms: ["caf", "allocations familiales", "caisse d allocations familiales", "alloc", "allocs"]),
        PublicBodyKind(slug: "cpam", label: "Caisse primaire d'assurance maladie (CPAM)",
                       searchTerms: ["cpam", "assurance maladie", "caisse primaire d assurance maladie", "secu", "securite sociale", "ameli"]),
        PublicBodyKind(slug: "msa", label: "Mutualité sociale agricole (MSA)", searchTerms: ["msa", "mutualite sociale agricole"]),
        PublicBodyKind(slug: "carsat", label: "Caisse d'assurance retraite et de la santé au travail (Carsat)",
                       searchTerms: ["carsat", "retraite", "assurance retraite"]),
        PublicBodyKind(slug: "urssaf", label: "Urssaf", searchTerms: ["urssaf"]),
        PublicBodyKind(slug: "pole_emploi", label: "France Travail", searchTerms: ["france travail", "pole emploi", "chomage"]),
        PublicBodyKind(slug: "france_travail", label: "France Travail", searchTerms: ["france travail", "pole emploi", "chomage"]),
        PublicBodyKind(slug: "france_services", label: "France services", searchTerms: ["france services", "maison france services", "msap"]),
        PublicBodyKind(slug: "sip", label: publicFinances, searchTerms: publicFinancesTerms + ["sip", "service des impots des particuliers"]),
        PublicBodyKind(slug: "sie", label: publicFinances, searchTerms: publicFinancesTerms + ["sie", "service des impots des entreprises"]),
        PublicBodyKind(slug: "sip_sie", label: publicFinances, searchTerms: publicFinancesTerms + ["sip", "sie"]),
        PublicBodyKind(slug: "cdfip", label: publicFinances, searchTerms: publicFinancesTerms + ["cdfip"]),
        PublicBodyKind(slug: "accueil_finances_publiques", label: publicFinances, searchTerms: publicFinancesTerms),
        PublicBodyKind(slug: "tresorerie", label: publicFinances, searchTerms: publicFinancesTerms),
        PublicBodyKind(slug: "centre_impots_fonciers", label: "Centre des impôts foncier",
                       searchTerms: publicFinancesTerms + ["cadastre", "centre des impots foncier", "cdif"]),
        PublicBodyKind(slug: "hypotheque", label: "Service de publicité foncière", searchTerms: publicFinancesTerms + ["publicite fonciere", "spf"]),
        PublicBodyKind(slug: "ddfip", label: "Direction départementale des finances publiques", searchTerms: publicFinancesTerms + ["ddfip"]),
        PublicBodyKind(slug: "drfip", label: "Direction régionale des finances publiques", searchTerms: publicFinancesTerms + ["drfip"]),
        PublicBodyKind(slug: "gendarmerie", label: "Gendarmerie", searchTerms: ["gendarmerie", "gendarmes"]),
        PublicBodyKind(slug: "commissariat_police", label: "Commissariat de police", searchTerms: ["commissariat", "police"]),
        PublicBodyKind(slug: "tj", label: "Tribunal judiciaire", searchTerms: ["tribunal", "tribunal judiciaire"]),
        PublicBodyKind(slug: "ti", label: "Tribunal de proximité", searchTerms: ["tribunal", "tribunal de proximite"]),
        PublicBodyKind(slug: "conseil_departemental", label: "Conseil départemental", searchTerms: ["conseil departemental"]),
        PublicBodyKind(slug: "cg", label: "Conseil départemental", searchTerms: ["conseil departemental"]),
        PublicBodyKind(slug: "cr", label: "Conseil régional", searchTerms: ["conseil regional"]),
    ]
}
