import Mustache

/// A page's view as Mustache reads it: each field found by name in a table made once, on the first lookup.
///
/// swift-mustache finds a name in a plain value by reflection, walking the value's fields on every lookup, and a
/// template looks names up hundreds of times a page (the layout alone asks its view for `chrome` at every use);
/// measured under load that was a quarter of the server's CPU (docs/benchmarks.md). The answers are the same as
/// reflection's: a nil optional is not found (so the lookup goes on to the enclosing context), any other optional
/// is its value, lists keep their order, and only Confidant's own view structs are wrapped; everything else
/// (text, numbers, dictionaries, Mustache's own types) is handed over as it is.
final class ReflectedView: MustacheParent {
    private let value: Any
    private var fields: [String: Any]?

    init(_ value: Any) {
        self.value = value
    }

    func child(named name: String) -> Any? {
        if fields == nil {
            var table: [String: Any] = [:]
            for child in Mirror(reflecting: value).children {
                if let label = child.label, table[label] == nil, let field = Self.wrap(child.value) { table[label] = field }
            }
            fields = table
        }
        return fields?[name]
    }

    /// `value` as a lookup would return it: nil for a nil optional, a view struct wrapped, a list's views wrapped.
    static func wrap(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            guard let some = mirror.children.first else { return nil }
            return wrap(some.value)
        case .struct where isView(type(of: value)):
            return ReflectedView(value)
        case .collection:
            guard let list = value as? [Any] else { return value }
            return list.map { wrap($0) ?? Optional<Any>.none as Any }
        default:
            return value
        }
    }

    /// Whether values of `type` are Confidant's own page views (declared in this module), which are plain fields.
    static func isView(_ type: Any.Type) -> Bool {
        if type is any MustacheParent.Type || type is any MustacheSequence.Type || type is any MustacheCustomRenderable.Type
            || type is any MustacheTransformable.Type
        {
            return false
        }
        return _typeName(type, qualified: true).hasPrefix("ConfidantWeb.")
    }
}
