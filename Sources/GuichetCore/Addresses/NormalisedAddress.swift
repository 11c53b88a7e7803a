/// An address written to La Poste standards (AFNOR NF Z10-011): the proposal shown beside
/// what the person typed. At most six lines of at most 38 characters, empty lines dropped;
/// lines 4 to 6 hold only `A`–`Z`, `0`–`9` and single spaces.
public struct NormalisedAddress: Sendable, Hashable {
    /// L1 to L3, tidied but in the person's own case and accents: people read them.
    public let recipient: String
    public let deliveryPoint: String
    public let building: String
    /// L4, read into its parts.
    public let street: StreetLine
    /// L5: lieu-dit, `BP 123`, `CS 30001`, former commune.
    public let locality: String
    public let postalCode: String
    /// The commune as La Poste writes it on L6 (`ST DENIS`), without the CEDEX mention.
    public let deliveryLocality: String
    /// `"9"` for *CEDEX 9*, `""` for a bare *CEDEX*, `nil` without CEDEX.
    public let cedex: String?
    /// Whether some line was still too long after every abbreviation and lost its last words.
    public let isShortened: Bool

    /// L6: `81013 ALBI CEDEX 9`.
    public var lastLine: String {
        var locality = deliveryLocality
        if let cedex { locality = [locality, "CEDEX", cedex].filter { !$0.isEmpty }.joined(separator: " ") }
        return [postalCode, locality].filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// The lines to print or send, top to bottom, without the empty ones.
    public var lines: [String] {
        [recipient, deliveryPoint, building, street.line, locality, lastLine].filter { !$0.isEmpty }
    }

    /// The proposal put back into the form's fields: what *Valider* stores, and what the
    /// normaliser leaves unchanged when given again.
    public var asInput: DeliveryAddress {
        DeliveryAddress(recipient: recipient, deliveryPoint: deliveryPoint, building: building, street: street.line,
                        locality: locality, postalCode: postalCode, commune: deliveryLocality, cedex: cedex)
    }
}
