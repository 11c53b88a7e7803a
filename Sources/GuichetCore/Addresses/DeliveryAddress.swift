/// A French postal address as typed in the structured form of the change-of-address
/// declaration, one field per line of the AFNOR NF Z10-011 layout, before normalisation.
///
/// Named apart from `PostalAddress` (a dossier answer of two free lines): this one keeps
/// each part where La Poste expects it, so the normaliser knows which rules apply.
public struct DeliveryAddress: Sendable, Hashable, Codable {
    /// L1: who receives the mail (*M. Jean Dupont*).
    public var recipient: String
    /// L2: the delivery point inside the building (*Appartement 12, 3e étage, chez…*).
    public var deliveryPoint: String
    /// L3: the building (*Entrée B, Bâtiment 4, Résidence les Pins*).
    public var building: String
    /// L4: number and street as typed (*12 bis, avenue du Général-de-Gaulle*).
    public var street: String
    /// L5: lieu-dit, *BP 123*, *CS 30001*, or a former commune.
    public var locality: String
    public var postalCode: String
    /// The commune; may end with the CEDEX mention (*Albi Cedex 9*).
    public var commune: String
    /// The CEDEX number when the form has its own field: `"9"`, or `""` for a bare CEDEX.
    public var cedex: String?

    public init(recipient: String = "", deliveryPoint: String = "", building: String = "", street: String = "",
                locality: String = "", postalCode: String = "", commune: String = "", cedex: String? = nil) {
        self.recipient = recipient
        self.deliveryPoint = deliveryPoint
        self.building = building
        self.street = street
        self.locality = locality
        self.postalCode = postalCode
        self.commune = commune
        self.cedex = cedex
    }

    /// The address of *Mes coordonnées*, to pre-fill the form. The profile has one
    /// complement line; it goes where its first word says (*BP*, *lieu-dit* → L5;
    /// *appartement*, *étage*, *chez* → L2; otherwise L3, the building).
    public init(profile: Profile) {
        self.init(street: profile.addressLine1, postalCode: profile.postalCode, commune: profile.city)
        let complement = profile.addressLine2
        guard let first = AddressText.words(complement).first else { return }
        switch first {
        case "BP", "CS", "TSA", "LIEU", "LIEUDIT", "LD", "BOITE", "HAMEAU":
            locality = complement
        case "APPARTEMENT", "APT", "APPT", "ETAGE", "ETG", "CHEZ", "PORTE", "LOGEMENT":
            deliveryPoint = complement
        default:
            building = complement
        }
    }

    /// Whether the person typed a street or its replacement (lieu-dit, BP): mail cannot be
    /// delivered without one of them.
    public var hasDeliveryLine: Bool {
        !AddressText.words(street).isEmpty || !AddressText.words(locality).isEmpty
    }
}
