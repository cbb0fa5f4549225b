import Mustache
// The standard library's field enumeration (`_forEachField`) tells a type's stored fields, with their offsets and
// types, once per type; `Mirror` works them out again for every value, demangling each field's type each time.
@_spi(Reflection) import Swift
import Synchronization

/// A page's view as Mustache reads it: each field found by name through its type's layout, worked out once per type.
///
/// swift-mustache finds a name in a plain value through `Mirror`, walking the value's fields on every lookup, and a
/// template looks names up hundreds of times a page (the layout alone asks its view for `chrome` at every use);
/// measured under load that was a quarter of the server's CPU, and a `Mirror` made once per value still a seventh
/// (docs/benchmarks.md). The answers are the same as reflection's: a nil optional is not found (so the lookup goes on
/// to the enclosing context), any other optional is its value, lists keep their order, and only Confidant's own view
/// structs are wrapped; everything else (text, numbers, dictionaries, Mustache's own types) is handed over as it is.
final class ReflectedView: MustacheParent {
    private let value: Any
    private let layout: ViewLayout
    /// The answers already given, so that a name asked for again (`chrome`, a list) is read and wrapped once.
    private var answers: [String: Any?] = [:]

    private init(_ value: Any, layout: ViewLayout) {
        self.value = value
        self.layout = layout
    }

    /// `value` wrapped for Mustache: a view struct's fields are then found through its type's layout.
    static func view(_ value: Any) -> Any {
        wrap(value) ?? value
    }

    func child(named name: String) -> Any? {
        if let answer = answers[name] { return answer }
        let answer = layout.fields[name].flatMap { Self.wrap($0.read(from: value)) }
        answers[name] = answer
        return answer
    }

    /// `value` as a lookup would return it: nil for a nil optional, a view struct wrapped, a list's views wrapped.
    static func wrap(_ value: Any) -> Any? {
        switch ValueShape.of(type(of: value), example: value) {
        case .optional:
            guard let some = (value as? any OptionalValue)?.wrappedAny else { return nil }
            return wrap(some)
        case .view(let layout):
            return ReflectedView(value, layout: layout)
        case .list:
            guard let list = value as? [Any] else { return value }
            return list.map { wrap($0) ?? Optional<Any>.none as Any }
        case .other:
            return value
        }
    }
}

/// What a lookup does with a value of one type, worked out from the first value of that type and kept.
enum ValueShape: Sendable {
    case optional
    case view(ViewLayout)
    case list
    case other

    private static let known = Mutex<[ObjectIdentifier: ValueShape]>([:])

    static func of(_ type: Any.Type, example: Any) -> ValueShape {
        let key = ObjectIdentifier(type)
        if let shape = known.withLock({ $0[key] }) { return shape }
        let shape: ValueShape
        switch Mirror(reflecting: example).displayStyle {
        case .optional: shape = .optional
        case .collection: shape = .list
        case .struct where isView(type): shape = ViewLayout(of: type).map { .view($0) } ?? .other
        default: shape = .other
        }
        known.withLock { $0[key] = shape }
        return shape
    }

    /// Whether values of `type` are Confidant's own page views (declared in this module, or made up by its tests), which
    /// are plain fields.
    static func isView(_ type: Any.Type) -> Bool {
        if type is any MustacheParent.Type || type is any MustacheSequence.Type || type is any MustacheCustomRenderable.Type
            || type is any MustacheTransformable.Type
        {
            return false
        }
        let name = _typeName(type, qualified: true)
        return name.hasPrefix("ConfidantWeb.") || name.hasPrefix("ConfidantWebTests.")
    }
}

/// A view struct's stored fields by name: where each lies in the value and of what type.
struct ViewLayout: Sendable {
    struct Field: Sendable {
        let offset: Int
        let type: Any.Type

        /// This field's value in `view`, a value of the struct the layout was made from.
        func read(from view: Any) -> Any {
            func inView<View>(_ view: View) -> Any {
                withUnsafeBytes(of: view) { bytes in
                    func typed<Value>(_: Value.Type) -> Any { bytes.load(fromByteOffset: offset, as: Value.self) }
                    return _openExistential(type, do: typed)
                }
            }
            return _openExistential(view, do: inView)
        }
    }

    let fields: [String: Field]

    /// The layout of a struct's stored fields (the same fields, by the same names, that `Mirror` lists); nil when the
    /// standard library cannot enumerate them.
    init?(of type: Any.Type) {
        var fields: [String: Field] = [:]
        let complete = _forEachField(of: type) { name, offset, fieldType, _ in
            let label = String(cString: name)
            if fields[label] == nil { fields[label] = Field(offset: offset, type: fieldType) }
            return true
        }
        guard complete else { return nil }
        self.fields = fields
    }
}

/// Lets a lookup open an optional held as `Any`.
protocol OptionalValue {
    var wrappedAny: Any? { get }
}

extension Optional: OptionalValue {
    var wrappedAny: Any? { map { $0 as Any } }
}
