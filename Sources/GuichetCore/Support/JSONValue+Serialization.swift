import Foundation

extension JSONValue {
    /// Parses with Foundation's `JSONSerialization`: for bulk data (the directory export,
    /// the opening hours of 35,000 town halls), where `parse` is too slow — its Decodable
    /// path throws and catches an error for every value that is not an object, about 80
    /// times slower on Linux — and where messages need no key path. Same result as
    /// `parse`, keys in sorted order.
    public static func parseQuickly(_ data: Data) throws(JSONSyntaxError) -> JSONValue {
        do {
            return JSONValue(foundation: try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]))
        } catch {
            let error = error as NSError
            throw JSONSyntaxError(detail: (error.userInfo[NSDebugDescriptionErrorKey] as? String) ?? error.localizedDescription)
        }
    }

    /// A value from `JSONSerialization`: booleans are told from numbers by their
    /// Objective-C type (`c`), since a number 1 also casts to `Bool`. The exact-type
    /// checks come first because a dynamic cast (`as? String`) of an array costs more
    /// than the parsing itself.
    init(foundation value: Any) {
        let type = ObjectIdentifier(Swift.type(of: value))
        if type == ObjectIdentifier(String.self) {
            self = .string(value as! String)
        } else if type == ObjectIdentifier([Any].self) {
            self = .array((value as! [Any]).map(JSONValue.init(foundation:)))
        } else if type == ObjectIdentifier([String: Any].self) {
            self.init(fields: value as! [String: Any])
        } else if let number = value as? NSNumber {
            self = String(cString: number.objCType) == "c" ? .bool(number.boolValue) : .number(number.doubleValue)
        } else if let text = value as? String {
            self = .string(text)
        } else if let items = value as? [Any] {
            self = .array(items.map(JSONValue.init(foundation:)))
        } else if let fields = value as? [String: Any] {
            self.init(fields: fields)
        } else {
            self = .null
        }
    }

    private init(fields: [String: Any]) {
        self = .object(fields.mapValues(JSONValue.init(foundation:)), order: fields.keys.sorted())
    }
}
