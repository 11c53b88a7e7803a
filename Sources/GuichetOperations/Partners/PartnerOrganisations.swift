import GuichetCore

extension Guichet {
    /// An organisation that can receive dossiers: one of `organisations.json`, or a town
    /// hall `mairie-<INSEE code>` of the reference data.
    public func organisation(id: String) -> Organisation? {
        if let registered = procedures.organisation(id) { return registered }
        guard id.hasPrefix(TownHall.organisationPrefix) else { return nil }
        return townHalls.townHall(inseeCode: String(id.dropFirst(TownHall.organisationPrefix.count)))?.organisation
    }
}
