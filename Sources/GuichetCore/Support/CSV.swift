/// A small RFC 4180 reader for the reference data shipped with Guichet (quoted fields,
/// doubled quotes, line breaks inside quotes). It works on bytes so that a 10 MB file
/// parses in well under a second.
public enum CSV {
    public static func rows(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var iterator = Array(text.utf8).makeIterator()
        var pending: UInt8? = nil

        func endField() {
            row.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        func endRow() {
            endField()
            if !(row.count == 1 && row[0].isEmpty) { rows.append(row) }
            row = []
        }

        while let byte = pending ?? iterator.next() {
            pending = nil
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    let next = iterator.next()
                    if next == UInt8(ascii: "\"") {
                        field.append(byte)
                    } else {
                        inQuotes = false
                        pending = next
                    }
                } else {
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inQuotes = true
            case UInt8(ascii: ","): endField()
            case UInt8(ascii: "\n"): endRow()
            case UInt8(ascii: "\r"): break
            default: field.append(byte)
            }
        }
        if !field.isEmpty || !row.isEmpty { endRow() }
        return rows
    }

    /// Rows as dictionaries keyed by the header row.
    public static func records(_ text: String) -> [[String: String]] {
        let all = rows(text)
        guard let header = all.first else { return [] }
        return all.dropFirst().map { values in
            var record: [String: String] = [:]
            for (index, name) in header.enumerated() where index < values.count {
                record[name] = values[index]
            }
            return record
        }
    }
}
