import GuichetCore
import Testing

/// One address as typed and the lines La Poste would write, checked end to end: the
/// postal code against the commune, then the normaliser.
struct AddressExample: Sendable, CustomTestStringConvertible {
    let address: DeliveryAddress
    let lines: [String]
    var testDescription: String { [address.street, address.locality, address.postalCode, address.commune].filter { !$0.isEmpty }.joined(separator: ", ") }
}

private func example(_ street: String, _ postalCode: String, _ commune: String, recipient: String = "", deliveryPoint: String = "",
                     building: String = "", locality: String = "", cedex: String? = nil, _ lines: [String]) -> AddressExample {
    AddressExample(address: DeliveryAddress(recipient: recipient, deliveryPoint: deliveryPoint, building: building, street: street,
                                            locality: locality, postalCode: postalCode, commune: commune, cedex: cedex),
                   lines: lines)
}

/// Written by hand from real-world patterns; the expected lines follow AFNOR NF Z10-011.
let addressExamples: [AddressExample] = [
    // Upper, lower and mixed case.
    example("12 rue de la Paix", "75002", "Paris", ["12 RUE DE LA PAIX", "75002 PARIS"]),
    example("12 RUE DE LA PAIX", "75002", "PARIS", ["12 RUE DE LA PAIX", "75002 PARIS"]),
    example("12 Rue De La Paix", "75002", "paris", ["12 RUE DE LA PAIX", "75002 PARIS"]),
    example("  12   rue  de la   Paix ", " 75 002 ", " Paris ", ["12 RUE DE LA PAIX", "75002 PARIS"]),
    example("3 place du Capitole", "31000", "toulouse", ["3 PLACE DU CAPITOLE", "31000 TOULOUSE"]),
    example("1 COURS DE L'INTENDANCE", "33000", "BORDEAUX", ["1 COURS DE L INTENDANCE", "33000 BORDEAUX"]),
    example("2 place Kléber", "67000", "Strasbourg", ["2 PLACE KLEBER", "67000 STRASBOURG"]),
    example("5 promenade des Anglais", "06000", "NICE", ["5 PROMENADE DES ANGLAIS", "06000 NICE"]),
    // Paris, Lyon and Marseille: La Poste writes the city, not the arrondissement.
    example("55 rue du Faubourg Saint-Honoré", "75008", "Paris 8e Arrondissement", ["55 RUE DU FAUBOURG SAINT HONORE", "75008 PARIS"]),
    example("75 avenue des Champs-Élysées", "75008", "Paris", ["75 AVENUE DES CHAMPS ELYSEES", "75008 PARIS"]),
    example("1 avenue du Président Kennedy", "75116", "Paris 16e", ["1 AVENUE DU PRESIDENT KENNEDY", "75116 PARIS"]),
    example("30 rue de Vaugirard", "75006", "PARIS 6EME", ["30 RUE DE VAUGIRARD", "75006 PARIS"]),
    example("8 rue de Ménilmontant", "75020", "paris 20", ["8 RUE DE MENILMONTANT", "75020 PARIS"]),
    example("8 place Bellecour", "69002", "Lyon", ["8 PLACE BELLECOUR", "69002 LYON"]),
    example("10 quai Romain Rolland", "69005", "Lyon 5e", ["10 QUAI ROMAIN ROLLAND", "69005 LYON"]),
    example("20 avenue Jean Jaurès", "69007", "Lyon 7e Arrondissement", ["20 AVENUE JEAN JAURES", "69007 LYON"]),
    example("1 quai des Belges", "13001", "Marseille 1er", ["1 QUAI DES BELGES", "13001 MARSEILLE"]),
    example("16 bis rue Saint-Ferréol", "13006", "Marseille", ["16 B RUE SAINT FERREOL", "13006 MARSEILLE"]),
    example("3 La Canebière", "13001", "Marseille", ["3 LA CANEBIERE", "13001 MARSEILLE"]),
    example("250 avenue du Prado", "13008", "marseille 8eme", ["250 AVENUE DU PRADO", "13008 MARSEILLE"]),
    // Overseas departments (971 to 976).
    example("5 rue Frébault", "97110", "Pointe-à-Pitre", ["5 RUE FREBAULT", "97110 POINTE A PITRE"]),
    example("", "97111", "Morne-à-l'Eau", locality: "Section Vieux-Bourg", ["SECTION VIEUX BOURG", "97111 MORNE A L EAU"]),
    example("12 rue Schœlcher", "97190", "Le Gosier", ["12 RUE SCHOELCHER", "97190 LE GOSIER"]),
    example("2 rue Victor Hugo", "97200", "Fort-de-France", building: "Résidence Les Flamboyants",
            ["Résidence Les Flamboyants", "2 RUE VICTOR HUGO", "97200 FORT DE FRANCE"]),
    example("", "97233", "Schœlcher", locality: "Lieu-dit Fond Lahaye", ["LIEU DIT FOND LAHAYE", "97233 SCHOELCHER"]),
    example("Quartier Acajou", "97232", "Le Lamentin", ["QUARTIER ACAJOU", "97232 LE LAMENTIN"]),
    example("18 rue Lallouette", "97300", "Cayenne", ["18 RUE LALLOUETTE", "97300 CAYENNE"]),
    example("avenue de France", "97310", "Kourou", ["AVENUE DE FRANCE", "97310 KOUROU"]),
    example("7 rue Thiers", "97320", "St-Laurent-du-Maroni", ["7 RUE THIERS", "97320 ST LAURENT DU MARONI"]),
    example("12 rue de Paris", "97400", "Saint-Denis", ["12 RUE DE PARIS", "97400 ST DENIS"]),
    example("3 chemin des Tamarins", "97438", "sainte marie", ["3 CHEMIN DES TAMARINS", "97438 STE MARIE"]),
    example("", "97410", "Saint-Pierre", locality: "Lieu-dit Bellevue", ["LIEU DIT BELLEVUE", "97410 ST PIERRE"]),
    example("45 rue du Général de Gaulle", "97430", "Le Tampon", ["45 RUE DU GENERAL DE GAULLE", "97430 LE TAMPON"]),
    example("10 rue du Commerce", "97600", "Mamoudzou", ["10 RUE DU COMMERCE", "97600 MAMOUDZOU"]),
    example("Boulevard des Crabes", "97615", "Pamandzi", ["BOULEVARD DES CRABES", "97615 PAMANDZI"]),
    // Corsica (20xxx codes, 2A and 2B communes).
    example("2 cours Napoléon", "20000", "Ajaccio", ["2 COURS NAPOLEON", "20000 AJACCIO"]),
    example("", "20090", "AJACCIO", locality: "Lieu-dit Suartello", ["LIEU DIT SUARTELLO", "20090 AJACCIO"]),
    example("route de Lava", "20167", "Alata", ["ROUTE DE LAVA", "20167 ALATA"]),
    example("4 bd Paoli", "20200", "Bastia", ["4 BD PAOLI", "20200 BASTIA"]),
    example("Lotissement A Ranuccia", "20200", "San Martino di Lota", ["LOTISSEMENT A RANUCCIA", "20200 SAN MARTINO DI LOTA"]),
    example("5 place Paoli", "20250", "Corte", ["5 PLACE PAOLI", "20250 CORTE"]),
    example("Route Nationale 193", "20600", "Furiani", ["ROUTE NATIONALE 193", "20600 FURIANI"]),
    // CEDEX, BP, CS and TSA.
    example("1 rue de Ciron", "81013", "Albi Cedex 9", recipient: "CPAM du Tarn", ["CPAM du Tarn", "1 RUE DE CIRON", "81013 ALBI CEDEX 9"]),
    example("1 rue de Ciron", "81013", "Albi", cedex: "9", ["1 RUE DE CIRON", "81013 ALBI CEDEX 9"]),
    example("", "81001", "Albi cedex", locality: "B.P. 40003", ["BP 40003", "81001 ALBI CEDEX"]),
    example("", "75738", "Paris Cedex 15", locality: "CS 70001", ["CS 70001", "75738 PARIS CEDEX 15"]),
    example("", "75384", "PARIS CEDEX 08", locality: "C.S. 10000", ["CS 10000", "75384 PARIS CEDEX 08"]),
    example("", "69301", "Lyon Cedex 07", locality: "T.S.A. 10001", ["TSA 10001", "69301 LYON CEDEX 07"]),
    example("", "13284", "Marseille Cedex 07", locality: "CS 90001", ["CS 90001", "13284 MARSEILLE CEDEX 07"]),
    example("", "20181", "Ajaccio Cedex 1", locality: "Boîte postale 12", ["BP 12", "20181 AJACCIO CEDEX 1"]),
    example("4 boulevard Doret", "97704", "Saint-Denis Cedex 9", ["4 BOULEVARD DORET", "97704 ST DENIS CEDEX 9"]),
    example("12 avenue Foch", "81000", "Albi", locality: "BP 456", ["12 AVENUE FOCH", "BP 456", "81000 ALBI"]),
    example("", "81000", "Albi", locality: "boite postale 78", ["BP 78", "81000 ALBI"]),
    // Lieu-dit without a street; hamlets.
    example("", "81990", "Cambon", locality: "Lieu-dit Les Granges", ["LIEU DIT LES GRANGES", "81990 CAMBON"]),
    example("", "81990", "Carlus", locality: "lieudit la Croix Blanche", ["LIEU DIT LA CROIX BLANCHE", "81990 CARLUS"]),
    example("Le Bourg", "81990", "Carlus", ["LE BOURG", "81990 CARLUS"]),
    example("3 l'Ormeau", "81990", "Cunac", ["3 L ORMEAU", "81990 CUNAC"]),
    example("Hameau de la Fontaine", "81990", "Puygouzon", ["HAMEAU DE LA FONTAINE", "81990 PUYGOUZON"]),
    example("2 lieu-dit Pech Gris", "81990", "Saliès", ["2 LIEU DIT PECH GRIS", "81990 SALIES"]),
    example("", "81990", "Fréjairolles", locality: "Lieu-dit Les Grandes Terres de la Vallée du Moulin",
            ["LD LES GRANDES TERRES DE VALLEE MOULIN", "81990 FREJAIROLLES"]),
    // Long street names: one, two, three, four stages, and what fits stays whole.
    example("2 avenue du Président Salvador Allende", "81000", "Albi", ["2 AV DU PRESIDENT SALVADOR ALLENDE", "81000 ALBI"]),
    example("22 boulevard des États-Unis d'Amérique", "81000", "Albi", ["22 BD DES ETATS UNIS D AMERIQUE", "81000 ALBI"]),
    example("9 boulevard Franklin Delano Roosevelt", "81000", "Albi", ["9 BD FRANKLIN DELANO ROOSEVELT", "81000 ALBI"]),
    example("1024 ter avenue Franklin Delano Roosevelt", "81000", "Albi", ["1024 T AV FRANKLIN DELANO ROOSEVELT", "81000 ALBI"]),
    example("15 avenue du Maréchal de Lattre de Tassigny", "81000", "Albi", ["15 AV DU MAL DE LATTRE DE TASSIGNY", "81000 ALBI"]),
    example("3 chemin de la Chapelle Notre-Dame des Anges", "13006", "Marseille", ["3 CHEM DE LA CHAPELLE ND DES ANGES", "13006 MARSEILLE"]),
    example("4 rue Saint-Jean-Baptiste de la Salle", "81000", "Albi", ["4 RUE ST JEAN BAPTISTE DE LA SALLE", "81000 ALBI"]),
    example("45 chemin de la Croix de Saint-Jacques", "81000", "Albi", ["45 CHEM DE LA CROIX DE ST JACQUES", "81000 ALBI"]),
    example("221 avenue du Président John Fitzgerald Kennedy", "81000", "Albi", ["221 AV DU PDT J F KENNEDY", "81000 ALBI"]),
    example("6 avenue du Président Franklin Delano Roosevelt", "81000", "Albi", ["6 AV DU PDT F DELANO ROOSEVELT", "81000 ALBI"]),
    example("4 boulevard du Maréchal Jean-Marie-Joseph de Lattre de Tassigny", "81000", "Albi", ["4 BD DU MAL DE LATTRE DE TASSIGNY", "81000 ALBI"]),
    example("1 avenue Franklin Delano Roosevelt", "81000", "Albi", ["1 AVENUE FRANKLIN DELANO ROOSEVELT", "81000 ALBI"]),
    example("18 boulevard Jean-Baptiste Clément", "81000", "Albi", ["18 BOULEVARD JEAN BAPTISTE CLEMENT", "81000 ALBI"]),
    example("2250 route de Saint-Paul-de-Vence", "81000", "Albi", ["2250 ROUTE DE SAINT PAUL DE VENCE", "81000 ALBI"]),
    example("7 avenue des Fleurs", "81000", "Albi", ["7 AVENUE DES FLEURS", "81000 ALBI"]),
    // Repetition suffixes and number ranges.
    example("12bis rue Victor Hugo", "81000", "Albi", ["12 B RUE VICTOR HUGO", "81000 ALBI"]),
    example("12 bis, avenue du Général de Gaulle", "81000", "Albi", ["12 B AVENUE DU GENERAL DE GAULLE", "81000 ALBI"]),
    example("7 ter, impasse des Lilas", "81000", "Albi", ["7 T IMPASSE DES LILAS", "81000 ALBI"]),
    example("3 QUATER AVENUE DES FLEURS", "81000", "Albi", ["3 Q AVENUE DES FLEURS", "81000 ALBI"]),
    example("5 quinquies rue de la Gare", "81000", "Albi", ["5 C RUE DE LA GARE", "81000 ALBI"]),
    example("12 B rue Nationale", "81000", "Albi", ["12 B RUE NATIONALE", "81000 ALBI"]),
    example("14A chemin des Vignes", "81000", "Albi", ["14 A CHEMIN DES VIGNES", "81000 ALBI"]),
    example("4-8 rue de la République", "81000", "Albi", ["4 RUE DE LA REPUBLIQUE", "81000 ALBI"]),
    example("4 à 8 rue de la République", "81000", "Albi", ["4 RUE DE LA REPUBLIQUE", "81000 ALBI"]),
    example("10/12 place du Marché", "81000", "Albi", ["10 PLACE DU MARCHE", "81000 ALBI"]),
    example("0012 rue des Écoles", "81000", "Albi", ["12 RUE DES ECOLES", "81000 ALBI"]),
    // Apostrophes, hyphens, ligatures.
    example("3 rue de l'Abbé-Grégoire", "75006", "Paris", ["3 RUE DE L ABBE GREGOIRE", "75006 PARIS"]),
    example("8 allée d'Ormesson", "81000", "Albi", ["8 ALLEE D ORMESSON", "81000 ALBI"]),
    example("15 rue Jean-Jacques Rousseau", "75001", "Paris", ["15 RUE JEAN JACQUES ROUSSEAU", "75001 PARIS"]),
    example("2 rue de l’Hôtel de Ville", "59650", "Villeneuve-d'Ascq", ["2 RUE DE L HOTEL DE VILLE", "59650 VILLENEUVE D ASCQ"]),
    example("5 rue du Cœur Volant", "84800", "L'Isle-sur-la-Sorgue", ["5 RUE DU COEUR VOLANT", "84800 L ISLE SUR LA SORGUE"]),
    example("1 rond-point de l'Europe", "42000", "Saint-Étienne", ["1 ROND POINT DE L EUROPE", "42000 ST ETIENNE"]),
    example("6 chemin du Pèlerin", "69110", "Sainte-Foy-lès-Lyon", ["6 CHEMIN DU PELERIN", "69110 STE FOY LES LYON"]),
    // Street types typed abbreviated.
    example("12 av. Victor Hugo", "81000", "Albi", ["12 AV VICTOR HUGO", "81000 ALBI"]),
    example("5 bd Voltaire", "81000", "Albi", ["5 BD VOLTAIRE", "81000 ALBI"]),
    example("5 bld Voltaire", "81000", "Albi", ["5 BOULEVARD VOLTAIRE", "81000 ALBI"]),
    example("3 r. de la Gare", "81000", "Albi", ["3 RUE DE LA GARE", "81000 ALBI"]),
    example("Z.I. de la Plaine", "81000", "Albi", ["ZONE INDUSTRIELLE DE LA PLAINE", "81000 ALBI"]),
    // Lines 1 to 3: the person's case kept, tidied, shortened only beyond 38 characters.
    example("12 rue des Lilas", "81000", "Albi", recipient: "Mme Marie-Claire Durand", deliveryPoint: "Appartement 12, 3e étage", building: "Bâtiment B",
            ["Mme Marie-Claire Durand", "Appartement 12, 3e étage", "Bâtiment B", "12 RUE DES LILAS", "81000 ALBI"]),
    example("12 rue des Lilas", "81000", "Albi", recipient: "  M.   Jean   DUPONT ", ["M. Jean DUPONT", "12 RUE DES LILAS", "81000 ALBI"]),
    example("12 rue des Lilas", "81000", "Albi", deliveryPoint: "Appartement 1204 étage 12 couloir de gauche",
            ["APT 1204 ETG 12 couloir de gauche", "12 RUE DES LILAS", "81000 ALBI"]),
    example("avenue des Fleurs", "81000", "Albi", building: "Résidence Les Jardins de l'Observatoire Bâtiment C",
            ["RES Les Jardins l'Observatoire BAT C", "AVENUE DES FLEURS", "81000 ALBI"]),
    // Commune spellings: articles the file leaves out, St/Saint, one typo, long names.
    example("2 quai Duguay-Trouin", "17000", "La Rochelle", ["2 QUAI DUGUAY TROUIN", "17000 LA ROCHELLE"]),
    example("10 rue de Paris", "76600", "le havre", ["10 RUE DE PARIS", "76600 LE HAVRE"]),
    example("3 avenue Roger Salengro", "69100", "Villeurbane", ["3 AVENUE ROGER SALENGRO", "69100 VILLEURBANNE"]),
    example("1 cours Mirabeau", "13100", "Aix en Provence", ["1 COURS MIRABEAU", "13100 AIX EN PROVENCE"]),
    example("5 rue du Château", "51290", "Saint-Rémy-en-Bouzemont-Saint-Genest-et-Isson", ["5 RUE DU CHATEAU", "51290 ST REMY EN BOUZEMONT ST GENEST"]),
    example("5 rue de Paris", "92100", "Boulogne Billancourt", ["5 RUE DE PARIS", "92100 BOULOGNE BILLANCOURT"]),
]

@Suite struct AddressNormaliserTests {
    @Test func theTableHoldsAtLeastEightyAddresses() {
        #expect(addressExamples.count >= 80)
    }

    @Test(arguments: addressExamples)
    func addressIsWrittenAsLaPosteDoes(_ example: AddressExample) {
        guard case .proposed(let normalised, _) = ReferenceData.addressCheck.check(example.address) else {
            Issue.record("not proposed: \(ReferenceData.addressCheck.check(example.address))")
            return
        }
        #expect(normalised.lines == example.lines)
        #expect(AddressNormaliser.normalise(normalised.asInput).lines == example.lines)
    }

    @Test func abbreviationStopsAtTheFirstStageThatFits() {
        func stage(_ street: String) -> AbbreviationStage { AddressNormaliser.normalise(DeliveryAddress(street: street)).street.stage }
        #expect(stage("7 avenue des Fleurs") == .none)
        #expect(stage("1 avenue Franklin Delano Roosevelt") == .none)
        #expect(stage("2 avenue du Président Salvador Allende") == .streetType)
        #expect(stage("15 avenue du Maréchal de Lattre de Tassigny") == .titles)
        #expect(stage("4 rue Saint-Jean-Baptiste de la Salle") == .saints)
        #expect(stage("221 avenue du Président John Fitzgerald Kennedy") == .firstNames)
        #expect(stage("4 boulevard du Maréchal Jean-Marie-Joseph de Lattre de Tassigny") == .cut)
    }

    @Test func streetLineIsReadIntoItsParts() {
        let street = AddressNormaliser.normalise(DeliveryAddress(street: "12 bis, avenue du Général de Gaulle")).street
        #expect(street.number == "12" && street.suffix == "B")
        #expect(street.streetType?.full == "AVENUE" && street.streetType?.abbreviation == "AV")
        #expect(street.name == "DU GENERAL DE GAULLE")
        #expect(street.fullLine == street.line)
        let long = AddressNormaliser.normalise(DeliveryAddress(street: "2 avenue du Président Salvador Allende")).street
        #expect(long.fullLine == "2 AVENUE DU PRESIDENT SALVADOR ALLENDE" && long.label == "AV DU PRESIDENT SALVADOR ALLENDE")
    }

    @Test func aFirstNameAfterSaintOrAnArticleIsKept() {
        func line(_ street: String) -> String { AddressNormaliser.normalise(DeliveryAddress(street: street)).street.line }
        #expect(line("12 rue Saint-Pierre et Jean-Marie Moulin") == "12 RUE ST PIERRE ET J M MOULIN")
        #expect(line("12 rue de la Pierre Jean-Marie Moulin Neuf") == "12 RUE DE LA PIERRE J M MOULIN NEUF")
        #expect(line("12 avenue de la Résistance Louis") == "12 AVENUE DE LA RESISTANCE LOUIS")
    }

    @Test func whatHadToBeCutIsFlagged() {
        #expect(!AddressNormaliser.normalise(DeliveryAddress(street: "221 avenue du Président John Fitzgerald Kennedy")).isShortened)
        #expect(AddressNormaliser.normalise(DeliveryAddress(street: "4 boulevard du Maréchal Jean-Marie-Joseph de Lattre de Tassigny")).isShortened)
        #expect(AddressNormaliser.normalise(DeliveryAddress(building: String(repeating: "Tour ", count: 12))).isShortened)
        let long = AddressNormaliser.normalise(DeliveryAddress(street: "1 rue " + String(repeating: "X", count: 50)))
        #expect(long.street.line == "1 RUE " + String(repeating: "X", count: 28) && long.isShortened)
    }

    @Test func theProfileAddressPrefillsTheForm() {
        let flat = DeliveryAddress(profile: Profile(addressLine1: "12 rue des Lilas", addressLine2: "Appt 4", postalCode: "81000", city: "Albi"))
        #expect(flat.street == "12 rue des Lilas" && flat.deliveryPoint == "Appt 4" && flat.building.isEmpty)
        let box = DeliveryAddress(profile: Profile(addressLine1: "", addressLine2: "BP 12", postalCode: "81001", city: "Albi Cedex"))
        #expect(box.locality == "BP 12" && box.commune == "Albi Cedex")
        let building = DeliveryAddress(profile: Profile(addressLine1: "3 place du Marché", addressLine2: "Bâtiment C", postalCode: "81000", city: "Albi"))
        #expect(building.building == "Bâtiment C")
    }

    @Test func deliveryLocalityFollowsLaPosteRules() {
        #expect(DeliveryLocality.render("Saint-Denis") == "ST DENIS")
        #expect(DeliveryLocality.render("Sainte-Foy-lès-Lyon") == "STE FOY LES LYON")
        #expect(DeliveryLocality.render("Saintes") == "SAINTES")
        #expect(DeliveryLocality.render("Albi", cedex: "9") == "ALBI CEDEX 9")
        #expect(DeliveryLocality.render("Castillon (Canton d'Arthez-de-Béarn)") == "CASTILLON")
        #expect(DeliveryLocality.render("Notre-Dame-de-Bondeville") == "NOTRE DAME DE BONDEVILLE")
        #expect(DeliveryLocality.render("Saint-Martin-de-Bienfaite-la-Cressonnière").count <= 32)
    }

    @Test func theTableIsBroadAndNamesItsSource() {
        let table = AbbreviationTable.standard
        #expect(table.streetTypes.count >= 60)
        let types = Dictionary(uniqueKeysWithValues: table.streetTypes.map { ($0.full, $0.abbreviation) })
        for (full, short) in [("AVENUE", "AV"), ("BOULEVARD", "BD"), ("ALLEE", "ALL"), ("IMPASSE", "IMP"), ("PLACE", "PL"), ("ROUTE", "RTE"),
                              ("CHEMIN", "CHEM"), ("FAUBOURG", "FG"), ("SQUARE", "SQ"), ("RESIDENCE", "RES"), ("LIEU DIT", "LD"),
                              ("ZONE INDUSTRIELLE", "ZI"), ("ZONE ARTISANALE", "ZA"), ("ROND POINT", "RPT")] {
            #expect(types[full] == short, "\(full)")
        }
        for (full, short) in [("GENERAL", "GAL"), ("MARECHAL", "MAL"), ("DOCTEUR", "DR"), ("PRESIDENT", "PDT"), ("PROFESSEUR", "PR"), ("NOTRE DAME", "ND")] {
            #expect(table.titles[full] == short, "\(full)")
        }
        #expect(table.saints.entries == ["SAINT": "ST", "SAINTE": "STE"])
        #expect(table.firstNames["JEAN"] == "J" && table.deliveryPoints["APPARTEMENT"] == "APT")
    }
}
