import CQPDF
import Foundation
import GuichetCore

/// Bounds what a PDF may make the portal decode, before qpdf's full check decodes it:
/// every stream reachable from the trailer is followed through its compression filters
/// with a running total (`DocumentLimits.maximumDecodedBytes`), a stream may not grow
/// more than `maximumExpansion` times (one Flate layer cannot pass ~1,032: more means
/// nested compression, the signature of a decompression bomb), and an image may not
/// declare more than `maximumPixels`.
enum PDFContentBudget {
    /// Objects visited at most: a PDF of 20 MB with more is not a document.
    static let maximumObjects = 1_000_000

    static func check(_ handle: qpdf_data) throws(DocumentError) {
        var stack: [qpdf_oh] = [qpdf_get_trailer(handle)]
        var seen = Set<Int64>()
        var visited = 0
        var decoded = 0
        while let object = stack.popLast() {
            defer { qpdf_oh_release(handle, object) }
            visited += 1
            guard visited <= maximumObjects else { throw .damaged(.pdf) }
            if qpdf_oh_is_indirect(handle, object) != QPDF_FALSE {
                let key = Int64(qpdf_oh_get_object_id(handle, object)) << 20 | Int64(qpdf_oh_get_generation(handle, object))
                guard seen.insert(key).inserted else { continue }
            }
            if qpdf_oh_is_stream(handle, object) != QPDF_FALSE {
                let dictionary = qpdf_oh_get_dict(handle, object)
                decoded += try measure(object, dictionary: dictionary, handle: handle, budget: DocumentLimits.maximumDecodedBytes - decoded)
                stack.append(dictionary)
            } else if qpdf_oh_is_dictionary(handle, object) != QPDF_FALSE {
                for key in keys(of: object, handle: handle) { stack.append(qpdf_oh_get_key(handle, object, key)) }
            } else if qpdf_oh_is_array(handle, object) != QPDF_FALSE {
                for index in 0..<max(0, Int(qpdf_oh_get_array_n_items(handle, object))) {
                    stack.append(qpdf_oh_get_array_item(handle, object, Int32(index)))
                }
            }
        }
    }

    /// The bytes one stream decodes to (through its compression filters only).
    private static func measure(_ stream: qpdf_oh, dictionary: qpdf_oh, handle: qpdf_data, budget: Int) throws(DocumentError) -> Int {
        if isImage(dictionary, handle: handle) {
            let width = integer("Width", in: dictionary, handle: handle), height = integer("Height", in: dictionary, handle: handle)
            if width > 0, height > 0, width * height > DocumentLimits.maximumPixels {
                throw .tooManyPixels(megapixels: width * height / 1_000_000)
            }
        }
        let stages = filters(of: dictionary, handle: handle).compactMap(StreamStages.stage)
        guard !stages.isEmpty else { return 0 }
        var buffer: UnsafeMutablePointer<UInt8>?
        var length = 0
        guard qpdf_oh_get_stream_data(handle, stream, qpdf_dl_none, nil, &buffer, &length) & QPDF.errors == 0, let buffer else {
            // qpdf's own check will say what is wrong with it.
            return 0
        }
        defer { free(buffer) }
        do {
            let size = try StreamStages.decodedSize(of: UnsafeBufferPointer(start: buffer, count: length), through: stages,
                                                    budget: min(budget, max(length, 1) * DocumentLimits.maximumExpansion + 1_000_000))
            return size
        } catch {
            throw .tooMuchContent(maximum: DocumentLimits.maximumDecodedBytes)
        }
    }

    private static func isImage(_ dictionary: qpdf_oh, handle: qpdf_data) -> Bool {
        let subtype = qpdf_oh_get_key(handle, dictionary, "/Subtype")
        defer { qpdf_oh_release(handle, subtype) }
        return qpdf_oh_is_name_and_equals(handle, subtype, "/Image") != QPDF_FALSE
    }

    private static func integer(_ key: String, in dictionary: qpdf_oh, handle: qpdf_data) -> Int {
        let value = qpdf_oh_get_key(handle, dictionary, "/" + key)
        defer { qpdf_oh_release(handle, value) }
        guard qpdf_oh_is_integer(handle, value) != QPDF_FALSE else { return 0 }
        return Int(clamping: qpdf_oh_get_int_value(handle, value))
    }

    /// The names of `/Filter`: one name or an array of them, in decoding order.
    private static func filters(of dictionary: qpdf_oh, handle: qpdf_data) -> [String] {
        let filter = qpdf_oh_get_key(handle, dictionary, "/Filter")
        defer { qpdf_oh_release(handle, filter) }
        if qpdf_oh_is_name(handle, filter) != QPDF_FALSE { return [name(filter, handle: handle)] }
        guard qpdf_oh_is_array(handle, filter) != QPDF_FALSE else { return [] }
        return (0..<max(0, Int(qpdf_oh_get_array_n_items(handle, filter)))).prefix(16).map { index in
            let item = qpdf_oh_get_array_item(handle, filter, Int32(index))
            defer { qpdf_oh_release(handle, item) }
            return name(item, handle: handle)
        }
    }

    private static func name(_ object: qpdf_oh, handle: qpdf_data) -> String {
        guard let text = qpdf_oh_get_name(handle, object) else { return "" }
        return String(String(cString: text).dropFirst())
    }

    /// A dictionary's keys, read all at once: qpdf has one key cursor per document.
    private static func keys(of dictionary: qpdf_oh, handle: qpdf_data) -> [String] {
        var keys: [String] = []
        qpdf_oh_begin_dict_key_iter(handle, dictionary)
        while qpdf_oh_dict_more_keys(handle) != QPDF_FALSE, let key = qpdf_oh_dict_next_key(handle) {
            keys.append(String(cString: key))
        }
        return keys
    }
}
